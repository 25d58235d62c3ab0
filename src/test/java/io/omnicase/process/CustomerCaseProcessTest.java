package io.omnicase.process;

import io.omnicase.process.CustomerCaseProcess.Messages;
import io.omnicase.process.CustomerCaseProcess.Variables;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.assertj.core.api.Assertions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.omnicase.process.CustomerCaseProcess.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

/**
 * One test per path of processes/customer-case.bpmn, on an in-memory engine. The delegates stand in for the
 * modules they glue (routing, cases): each records its call and the assessment returns the decision a test needs.
 */
@Deployment(resources = {"processes/customer-case.bpmn", "ui-forms/resolve-case.form"})
class CustomerCaseProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-test-engine.cfg.xml").build();

    private final List<String> calls = new ArrayList<>();
    private boolean nextDecisionSelfService;
    private String nextQueue = "general";
    private int nextPriority = 50;
    private final java.util.Deque<String> nextAssistantOutcomes = new java.util.ArrayDeque<>();

    @BeforeEach
    void registerDelegates() {
        Mocks.register("assessCase", decide("assessCase"));
        Mocks.register("reassessCase", decide("reassessCase"));
        Mocks.register("answerCustomer", (JavaDelegate) execution -> {
            calls.add("answerCustomer");
            String outcome = nextAssistantOutcomes.isEmpty() ? "ANSWERED" : nextAssistantOutcomes.poll();
            execution.setVariable(Variables.ASSISTANT_OUTCOME, outcome);
        });
        for (String name : List.of("enterSelfService", "escalateCase", "recordSlaBreach", "resolveCase", "reopenCase", "closeCase")) {
            Mocks.register(name, (JavaDelegate) execution -> calls.add(name));
        }
        Mocks.register("nameTaskAfterCase", (TaskListener) task -> task.setName("Case #" + task.getExecution().getProcessBusinessKey()));
        Mocks.register("recordResolver", (TaskListener) task -> calls.add("recordResolver"));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void aRoutineQuestionStaysWithTheAssistantUntilTheCustomerWritesAgain() {
        nextDecisionSelfService = true;
        ProcessInstance instance = startCase("101");
        assertThat(instance).isWaitingAt(task_assess_case.id());
        execute(job(instance));
        assertThat(instance).isWaitingAt(evg_self_service.id());
        Assertions.assertThat(calls).containsExactly("assessCase", "enterSelfService", "answerCustomer");

        customerWrites("101");

        assertThat(instance).isWaitingAt(task_assess_case.id());
        execute(job(instance));
        assertThat(instance).isWaitingAt(evg_self_service.id());
        Assertions.assertThat(calls).containsExactly("assessCase", "enterSelfService", "answerCustomer",
                "assessCase", "enterSelfService", "answerCustomer");
    }

    @Test
    void aSilentSelfServiceCustomerHasTheirCaseResolvedWhenTheTimerRunsOut() {
        nextDecisionSelfService = true;
        ProcessInstance instance = startCase("102");
        execute(job(instance));

        execute(job(instance)); // the idle timer

        assertThat(instance).isWaitingAt(evg_resolved.id())
                .hasPassedInOrder(task_enter_self_service.id(), timer_self_service_idle.id(), task_resolve_case.id());
    }

    @Test
    void anAgentCanResolveACaseTheAssistantHandles() {
        nextDecisionSelfService = true;
        ProcessInstance instance = startCase("103");
        execute(job(instance));

        runtimeService().createMessageCorrelation(Messages.RESOLVE_REQUESTED).processInstanceBusinessKey("103")
                .setVariable(Variables.RESOLVED_BY, "agent").correlate();

        assertThat(instance).isWaitingAt(evg_resolved.id()).hasPassed(msg_resolve_self_service.id());
    }

    @Test
    void aCustomerWhoConfirmsTheAssistantsAnswerHasTheCaseResolved() {
        nextDecisionSelfService = true;
        nextAssistantOutcomes.addAll(List.of("ANSWERED", "CONFIRMED"));
        ProcessInstance instance = startCase("110");
        execute(job(instance));
        assertThat(instance).isWaitingAt(evg_self_service.id());

        customerWrites("110");
        execute(job(instance));

        assertThat(instance).isWaitingAt(evg_resolved.id()).hasPassedInOrder(task_answer_customer.id(),
                xor_assistant_outcome.id(), task_resolve_case.id());
        Assertions.assertThat(calls).doesNotContain("escalateCase").endsWith("answerCustomer", "resolveCase");
    }

    @Test
    void aCustomerWhoAsksForAPersonInSelfServiceIsHandedToTheQueue() {
        nextDecisionSelfService = true;
        nextQueue = "general";
        nextAssistantOutcomes.add("HAND_OVER");
        ProcessInstance instance = startCase("111");

        execute(job(instance));

        assertThat(instance).isWaitingAt(user_handle_case.id());
        assertThat(task(instance)).hasCandidateGroup("general");
        Assertions.assertThat(calls).containsExactly("assessCase", "enterSelfService", "answerCustomer", "escalateCase");
    }

    @Test
    void anAssistantUnsureTwiceAsksToRephraseOnceThenHandsOver() {
        nextDecisionSelfService = true;
        nextAssistantOutcomes.addAll(List.of("ASKED_TO_REPHRASE", "HAND_OVER"));
        ProcessInstance instance = startCase("112");
        execute(job(instance));
        assertThat(instance).isWaitingAt(evg_self_service.id());

        customerWrites("112");
        execute(job(instance));

        assertThat(instance).isWaitingAt(user_handle_case.id());
        Assertions.assertThat(calls).containsExactly("assessCase", "enterSelfService", "answerCustomer",
                "assessCase", "enterSelfService", "answerCustomer", "escalateCase");
    }

    @Test
    void routingCanTakeASelfServiceCaseToAPersonWhenTheCustomerWritesAgain() {
        nextDecisionSelfService = true;
        ProcessInstance instance = startCase("113");
        execute(job(instance));

        nextDecisionSelfService = false;
        customerWrites("113");
        execute(job(instance));

        assertThat(instance).isWaitingAt(user_handle_case.id());
        Assertions.assertThat(calls).containsExactly("assessCase", "enterSelfService", "answerCustomer",
                "assessCase", "escalateCase");
    }

    @Test
    void anEscalatedCaseBecomesATaskForItsQueueWithItsPriority() {
        nextDecisionSelfService = false;
        nextQueue = "billing";
        nextPriority = 75;
        ProcessInstance instance = startCase("104");
        execute(job(instance));

        assertThat(instance).isWaitingAt(user_handle_case.id());
        assertThat(task(instance)).hasCandidateGroup("billing").isNotAssigned().hasName("Case #104");
        Assertions.assertThat(task(instance).getPriority()).isEqualTo(75);
        Assertions.assertThat(calls).containsExactly("assessCase", "escalateCase");
    }

    @Test
    void anOverdueTaskRecordsTheSlaBreachAndStaysOpen() {
        ProcessInstance instance = startCase("105");
        execute(job(instance));
        assertThat(instance).isWaitingAt(user_handle_case.id());

        execute(job(instance)); // the SLA timer

        Assertions.assertThat(calls).containsExactly("assessCase", "escalateCase", "recordSlaBreach");
        assertThat(instance).isWaitingAt(user_handle_case.id()).hasPassed(end_sla_recorded.id());
    }

    @Test
    void aCustomerMessageWhileAnAgentWorksTheCaseIsReassessedWithoutInterruptingTheTask() {
        ProcessInstance instance = startCase("106");
        execute(job(instance));
        String taskId = task(instance).getId();

        customerWrites("106");
        execute(jobQuery().processInstanceId(instance.getId()).activityId(task_reassess_case.id()).singleResult());

        assertThat(instance).isWaitingAt(user_handle_case.id()).hasPassed(end_reassessed.id());
        Assertions.assertThat(task(instance).getId()).isEqualTo(taskId);
        Assertions.assertThat(calls).containsExactly("assessCase", "escalateCase", "reassessCase");
    }

    @Test
    void aResolvedCaseClosesWhenAnAgentClosesIt() {
        ProcessInstance instance = startCase("107");
        execute(job(instance));

        complete(task(instance), Map.of(Variables.RESOLVED_BY, "agent", Variables.RESOLUTION, "refunded"));
        assertThat(instance).isWaitingAt(evg_resolved.id());

        runtimeService().correlateMessage(Messages.CLOSE_REQUESTED, "107");

        assertThat(instance).isEnded().hasPassedInOrder(user_handle_case.id(), task_resolve_case.id(),
                msg_close_requested.id(), task_close_case.id(), end_closed.id());
    }

    @Test
    void aResolvedCaseClosesItselfAfterTheFollowUpPeriod() {
        ProcessInstance instance = startCase("108");
        execute(job(instance));
        complete(task(instance));

        execute(jobQuery().processInstanceId(instance.getId()).activityId(timer_auto_close.id()).singleResult());

        assertThat(instance).isEnded().hasPassed(timer_auto_close.id(), end_closed.id());
    }

    @Test
    void aCustomerMessageAfterResolutionReopensTheCaseAndDecidesAgain() {
        ProcessInstance instance = startCase("109");
        execute(job(instance));
        complete(task(instance));

        customerWrites("109");

        assertThat(instance).isWaitingAt(task_assess_case.id()).hasPassed(task_reopen_case.id());
        execute(job(instance));
        assertThat(instance).isWaitingAt(user_handle_case.id());
        Assertions.assertThat(calls).containsExactly("assessCase", "escalateCase", "recordResolver", "resolveCase", "reopenCase",
                "assessCase", "escalateCase");
    }

    private ProcessInstance startCase(String caseId) {
        return runtimeService().createProcessInstanceByKey(CustomerCaseProcess.KEY).businessKey(caseId)
                .setVariable(Variables.SELF_SERVICE_TIMEOUT, "PT24H")
                .setVariable(Variables.AUTO_CLOSE_AFTER, "P7D")
                .execute();
    }

    private void customerWrites(String caseId) {
        runtimeService().correlateMessage(Messages.CUSTOMER_MESSAGE, caseId);
    }

    private JavaDelegate decide(String name) {
        return execution -> {
            calls.add(name);
            execution.setVariable(Variables.SELF_SERVICE, nextDecisionSelfService);
            execution.setVariable(Variables.QUEUE, nextQueue);
            execution.setVariable(Variables.PRIORITY, nextPriority);
            execution.setVariable(Variables.SLA_DURATION, "PT4H");
        };
    }
}
