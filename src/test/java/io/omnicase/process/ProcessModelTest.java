package io.omnicase.process;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import static org.assertj.core.api.Assertions.assertThat;

/** What a version's Compare sees of an element. */
class ProcessModelTest {

    private static Element handleCase(String inside) {
        String xml = """
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
                  <bpmn:process id="customer-case" isExecutable="true">
                    <bpmn:userTask id="user_handle_case" name="Handle case" camunda:candidateGroups="${queue}">
                      %s
                      <bpmn:incoming>flow_in</bpmn:incoming>
                    </bpmn:userTask>
                  </bpmn:process>
                </bpmn:definitions>""".formatted(inside);
        return ProcessModel.read(xml).orElseThrow().elements().get("user_handle_case");
    }

    @Test
    void aTasksDocumentationIsPartOfWhatCompareSees() {
        // Walk 48: Dana explained "Handle case" to agents and deployed v2; Compare said "0 changed, the two versions
        // draw the same process".
        Element before = handleCase("");
        Element after = handleCase("<bpmn:documentation>Answer the customer, then resolve the case.</bpmn:documentation>");

        assertThat(ProcessModel.signature(before)).doesNotContainKey("documentation");
        assertThat(ProcessModel.signature(after))
                .containsEntry("documentation", "Answer the customer, then resolve the case.");
    }

    @Test
    void theFlowsAnElementIsWiredToAreNotItsOwnChange() {
        assertThat(ProcessModel.signature(handleCase(""))).doesNotContainKey("incoming")
                .containsEntry("name", "Handle case").containsEntry("camunda:candidateGroups", "${queue}");
    }
}
