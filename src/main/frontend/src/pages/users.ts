import { mountPage } from '../shell/mount';
import UsersPage from './UsersPage.vue';

mountPage(UsersPage);
