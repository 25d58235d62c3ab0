package io.omnicase.process;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The code's contract with the case process model (CustomerCaseProcess.Contract), on the shipped model and edits of it. */
class CodeContractCheckTest {

    private static final Set<String> FORMS = Set.of("resolve-case");

    private static String shipped() throws IOException {
        return Files.readString(Path.of("processes/customer-case.bpmn"));
    }

    private static List<DeploymentProblem> problems(String xml, Set<String> forms) {
        return CodeContractCheck.problems(ProcessModel.read(xml).orElseThrow(), forms);
    }

    @Test
    void theShippedModelKeepsTheContract() throws IOException {
        assertThat(problems(shipped(), FORMS)).isEmpty();
    }

    @Test
    void aModelWithoutTheTaskTheCodeWorksIsRefused() throws IOException {
        String xml = shipped().replace("id=\"user_handle_case\"", "id=\"user_work_case\"");

        assertThat(problems(xml, FORMS)).extracting(DeploymentProblem::message)
                .anyMatch(m -> m.contains("user_handle_case") && m.contains("must keep it"));
    }

    @Test
    void aModelThatNoLongerCatchesAMessageTheCodeSendsIsRefused() throws IOException {
        String xml = shipped().replace("name=\"ResolveRequested\"", "name=\"ResolvePlease\"");

        assertThat(problems(xml, FORMS)).extracting(DeploymentProblem::message)
                .anyMatch(m -> m.contains("ResolveRequested"));
    }

    @Test
    void whoResolvedStaysWhoCompletedTheTask() throws IOException {
        String xml = shipped().replace("<camunda:taskListener event=\"complete\" delegateExpression=\"${recordResolver}\"/>", "");

        assertThat(problems(xml, FORMS)).containsExactly(new DeploymentProblem("user_handle_case",
                "needs the task listener ${recordResolver} on complete (On complete: who resolved is the user who "
                        + "completed the task.)"));
    }

    @Test
    void aProcessStartedOnATimerOrUnderAnotherIdIsRefused() throws IOException {
        String renamed = shipped().replace("<bpmn:process id=\"customer-case\"", "<bpmn:process id=\"customer-case-2\"");
        String twoStarts = shipped().replace("<bpmn:startEvent id=\"start_case\"",
                "<bpmn:startEvent id=\"start_other\"/>\n<bpmn:startEvent id=\"start_case\"");

        assertThat(problems(renamed, FORMS)).extracting(DeploymentProblem::elementId).contains("customer-case-2");
        assertThat(problems(twoStarts, FORMS)).extracting(DeploymentProblem::message)
                .anyMatch(m -> m.contains("exactly one start event"));
    }

    @Test
    void aFormAUserTaskNamesIsDeployedWithTheModel() throws IOException {
        assertThat(problems(shipped(), Set.of())).containsExactly(new DeploymentProblem("user_handle_case",
                "the form resolve-case is not deployed with the model (send it in forms)"));
    }

    @Test
    void aModelElementsSignatureSeesWhatChangedButNotTheDiagram() throws IOException {
        String xml = shipped();
        String moved = xml.replace("name=\"Resolve case\"", "name=\"Resolve the case\"");
        var before = ProcessModel.read(xml).orElseThrow().elements();
        var after = ProcessModel.read(moved).orElseThrow().elements();

        assertThat(ProcessModel.signature(before.get("task_resolve_case"))).containsEntry("name", "Resolve case");
        assertThat(ProcessModel.signature(after.get("task_resolve_case"))).containsEntry("name", "Resolve the case");
        assertThat(ProcessModel.signature(before.get("timer_sla")))
                .containsEntry("timerEventDefinition/timeDuration", "${slaDuration}");
        assertThat(ProcessModel.signature(before.get("user_handle_case")))
                .containsEntry("extensionElements/taskListener[2]", "delegateExpression=${recordResolver} event=complete");
        assertThat(before.keySet()).contains("message_close_requested", "flow_to_handle").doesNotContain("customer-case");
    }
}
