import { mountPage } from '../shell/mount';
import DeskPage from './DeskPage.vue';

mountPage(DeskPage);
