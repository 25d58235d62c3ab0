import { mountPage } from '../shell/mount';
import LoginPage from './LoginPage.vue';

mountPage(LoginPage);
