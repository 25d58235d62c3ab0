import { mountPage } from '../shell/mount';
import RoutingRulesPage from './RoutingRulesPage.vue';

mountPage(RoutingRulesPage);
