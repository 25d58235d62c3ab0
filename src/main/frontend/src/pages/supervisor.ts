import { mountPage } from '../shell/mount';
import SupervisorPage from './SupervisorPage.vue';

mountPage(SupervisorPage);
