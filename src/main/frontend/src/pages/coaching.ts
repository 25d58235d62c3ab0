import { mountPage } from '../shell/mount';
import CoachingPage from './CoachingPage.vue';

mountPage(CoachingPage);
