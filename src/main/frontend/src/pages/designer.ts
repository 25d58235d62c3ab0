import { mountPage } from '../shell/mount';
import DesignerPage from './DesignerPage.vue';
// bpmn-js, its properties panel and the linter's overlays: files of this origin (the fonts too), no inline styles.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import '@bpmn-io/element-template-chooser/dist/element-template-chooser.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import '../designer/designer.css';

mountPage(DesignerPage);
