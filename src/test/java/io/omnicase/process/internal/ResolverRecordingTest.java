package io.omnicase.process.internal;

import io.omnicase.process.CustomerCaseProcess;
import io.omnicase.process.CustomerCaseProcess.Variables;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import org.assertj.core.api.Assertions;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

/**
 * A completion of the case task may carry any variable a client sends; the real {@code recordResolver} listener makes
 * the user who completed it (or its assignee) the resolver, whatever {@code resolvedBy} came with it.
 */
@Deployment(resources = {"processes/customer-case.bpmn", "ui-forms/resolve-case.form"})
class ResolverRecordingTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-test-engine.cfg.xml").build();

    private Object resolverSeenByResolveCase;

    @BeforeEach
    void registerDelegates() {
        Mocks.register("assessCase", (JavaDelegate) execution -> {
            execution.setVariable(Variables.SELF_SERVICE, false);
            execution.setVariable(Variables.QUEUE, "technical");
            execution.setVariable(Variables.PRIORITY, 50);
            execution.setVariable(Variables.SLA_DURATION, "PT4H");
        });
        for (String name : List.of("enterSelfService", "answerCustomer", "escalateCase", "recordSlaBreach", "reassessCase",
                "reopenCase", "closeCase")) {
            Mocks.register(name, (JavaDelegate) execution -> { });
        }
        Mocks.register("nameTaskAfterCase", (TaskListener) task -> { });
        Mocks.register("resolveCase", (JavaDelegate) execution ->
                resolverSeenByResolveCase = execution.getVariable(Variables.RESOLVED_BY));
        Mocks.register("recordResolver", new CaseDelegates().recordResolver());
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        identityService().clearAuthentication();
    }

    @Test
    void theSignedInUserWhoCompletesTheTaskIsTheResolverNotTheVariableTheySent() {
        Task task = escalatedCaseTask("201");

        identityService().setAuthenticatedUserId("tech");
        taskService().complete(task.getId(), Map.of(Variables.RESOLVED_BY, "supervisor", Variables.RESOLUTION, "fixed"));

        Assertions.assertThat(resolverSeenByResolveCase).isEqualTo("tech");
    }

    @Test
    void withoutASignedInUserTheAssigneeIsTheResolver() {
        Task task = escalatedCaseTask("202");
        taskService().claim(task.getId(), "agent");

        taskService().complete(task.getId(), Map.of(Variables.RESOLVED_BY, "the CEO"));

        Assertions.assertThat(resolverSeenByResolveCase).isEqualTo("agent");
    }

    private Task escalatedCaseTask(String caseId) {
        ProcessInstance instance = runtimeService().createProcessInstanceByKey(CustomerCaseProcess.KEY).businessKey(caseId)
                .setVariable(Variables.SELF_SERVICE_TIMEOUT, "PT24H").setVariable(Variables.AUTO_CLOSE_AFTER, "P7D").execute();
        execute(job(instance));
        assertThat(instance).isWaitingAt(CustomerCaseProcess.Elements.user_handle_case.id());
        return task(instance);
    }
}
