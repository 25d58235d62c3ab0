import { mountPage } from '../shell/mount';
import AuditPage from './AuditPage.vue';

mountPage(AuditPage);
