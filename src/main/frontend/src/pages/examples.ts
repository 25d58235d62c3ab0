import { mountPage } from '../shell/mount';
import ExamplesPage from './ExamplesPage.vue';

mountPage(ExamplesPage);
