import { mountPage } from '../shell/mount';
import HomePage from './HomePage.vue';

mountPage(HomePage);
