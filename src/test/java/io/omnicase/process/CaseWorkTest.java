package io.omnicase.process;

import io.omnicase.assistant.SelfService;
import io.omnicase.cases.CaseId;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.omnicase.process.CustomerCaseProcess.Elements.evg_resolved;
import static io.omnicase.process.CustomerCaseProcess.Elements.evg_self_service;
import static io.omnicase.process.CustomerCaseProcess.Elements.user_handle_case;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/**
 * The process's API for a person's work, on the real model and an in-memory engine: the work list comes from one query
 * over the engine's tables, so these tests check what it returns against what the process holds.
 */
@Deployment(resources = {"processes/customer-case.bpmn", "ui-forms/resolve-case.form"})
class CaseWorkTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-test-engine.cfg.xml").build();

    /** What routing decides for each case: queue and priority, or self-service when the queue is null. */
    private final Map<String, Object[]> decisions = new HashMap<>();
    private CaseWork work;

    @BeforeEach
    void registerDelegates() {
        Mocks.register("assessCase", (JavaDelegate) execution -> {
            Object[] decision = decisions.get(execution.getProcessBusinessKey());
            CustomerCaseProcess.SELF_SERVICE.set(execution, decision[0] == null);
            CustomerCaseProcess.QUEUE.set(execution, (String) decision[0]);
            CustomerCaseProcess.PRIORITY.set(execution, (Integer) decision[1]);
            CustomerCaseProcess.SLA_DURATION.set(execution, Duration.ofHours(4));
        });
        Mocks.register("answerCustomer", (JavaDelegate) execution ->
                CustomerCaseProcess.ASSISTANT_OUTCOME.set(execution, SelfService.Outcome.ANSWERED));
        for (String name : List.of("enterSelfService", "escalateCase", "recordSlaBreach",
                "reassessCase", "resolveCase", "reopenCase", "closeCase")) {
            Mocks.register(name, (JavaDelegate) execution -> { });
        }
        Mocks.register("nameTaskAfterCase", (TaskListener) task -> task.setName("Case #" + task.getExecution().getProcessBusinessKey()));
        Mocks.register("recordResolver", (TaskListener) task -> { });
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngine().getProcessEngineConfiguration();
        work = new CaseWork(engine.getTaskService(), engine.getRuntimeService(), engine.getManagementService(),
                engine.getRepositoryService(), JdbcClient.create(configuration.getDataSource()));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void myWorkListHoldsTheUnclaimedTasksOfMyQueuesAndTheTasksIHoldByPriority() {
        escalated("301", "w-billing", 50);
        escalated("302", "w-billing", 75);
        escalated("303", "w-technical", 100);
        ProcessInstance colleagues = escalated("304", "w-billing", 100);
        ProcessInstance mine = escalated("305", "w-technical", 25);
        engine.getTaskService().claim(task(colleagues).getId(), "colleague");
        engine.getTaskService().claim(task(mine).getId(), "nora");

        List<CaseTask> list = work.tasksOf("nora", Set.of("w-billing"));

        assertThat(list).extracting(t -> t.caseId().value()).containsExactly(302L, 301L, 305L);
        assertThat(list).extracting(CaseTask::priority).containsExactly(75, 50, 25);
        assertThat(list).extracting(CaseTask::assignee).containsExactly(null, null, "nora");
    }

    @Test
    void aTaskShowsItsCaseQueueAndTheMomentItsSlaRunsOut() {
        ProcessInstance instance = escalated("311", "w-sla", 60);

        CaseTask listed = work.tasksOf("nora", Set.of("w-sla")).get(0);

        assertThat(listed.id()).isEqualTo(task(instance).getId());
        assertThat(listed.caseId()).isEqualTo(new CaseId(311));
        assertThat(listed.name()).isEqualTo("Case #311");
        assertThat(listed.queue()).isEqualTo("w-sla");
        assertThat(listed.created()).isEqualTo(task(instance).getCreateTime().toInstant());
        assertThat(listed.slaDue()).isEqualTo(listed.created().plus(Duration.ofHours(4)));
        assertThat(work.task(listed.id())).contains(listed);
        assertThat(work.taskOf(new CaseId(311))).contains(listed);
        assertThat(work.queuesOf(listed.id())).containsExactly("w-sla");
    }

    @Test
    void aNewPriorityMovesTheSlaDeadlineAndItsTimerFromWhenTheCaseReachedTheQueue() {
        ProcessInstance instance = escalated("315", "w-sla-move", 50);
        CaseTask before = work.taskOf(new CaseId(315)).orElseThrow();

        CaseWork.SlaMove moved = work.reprioritise(new CaseId(315), io.omnicase.routing.Priority.URGENT).orElseThrow();

        java.time.Instant urgentDue = before.created().plus(io.omnicase.routing.Priority.URGENT.sla());
        assertThat(moved.dueBefore()).isEqualTo(before.slaDue()).isEqualTo(before.created().plus(Duration.ofHours(4)));
        assertThat(moved.dueAfter()).isEqualTo(urgentDue);
        CaseTask after = work.taskOf(new CaseId(315)).orElseThrow();
        assertThat(after.priority()).isEqualTo(io.omnicase.routing.Priority.URGENT.taskPriority());
        assertThat(after.slaDue()).as("what the floor and the desk read").isEqualTo(urgentDue);
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId("timer_sla").singleResult().getDuedate().toInstant()).as("the SLA timer").isEqualTo(urgentDue);

        work.reprioritise(new CaseId(315), io.omnicase.routing.Priority.LOW);

        assertThat(work.taskOf(new CaseId(315)).orElseThrow().slaDue()).isEqualTo(before.created().plus(Duration.ofHours(24)));
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId("timer_sla").singleResult().getDuedate().toInstant())
                .isEqualTo(before.created().plus(Duration.ofHours(24)));
        assertThat(work.reprioritise(new CaseId(399), io.omnicase.routing.Priority.HIGH)).as("no such case").isEmpty();
    }

    @Test
    void withoutQueuesTheListHoldsOnlyMyTasks() {
        escalated("321", "w-none", 50);
        ProcessInstance mine = escalated("322", "w-none", 50);
        engine.getTaskService().claim(task(mine).getId(), "olga");

        assertThat(work.tasksOf("olga", Set.of())).extracting(t -> t.caseId().value()).containsExactly(322L);
    }

    @Test
    void completingAnUnclaimedTaskClaimsItForTheUserAndCompletesItWithTheFormsVariables() {
        ProcessInstance instance = escalated("331", "w-resolve", 50);
        String taskId = task(instance).getId();

        assertThat(work.complete(taskId, "nora", Map.of("resolution", "Refunded", "topic", "BILLING"))).isTrue();

        assertThat(instance).isWaitingAt(evg_resolved.id()).hasPassed(user_handle_case.id());
        assertThat(historyService().createHistoricTaskInstanceQuery().taskId(taskId).singleResult().getAssignee())
                .isEqualTo("nora");
        assertThat(instance).variables().containsEntry(CustomerCaseProcess.Variables.RESOLUTION, "Refunded")
                .containsEntry(CustomerCaseProcess.Variables.TOPIC, "BILLING");
        assertThat(work.taskOf(new CaseId(331))).isEmpty();
        assertThat(work.complete(taskId, "nora", Map.of())).as("completing a completed task").isFalse();
    }

    @Test
    void aCaseInSelfServiceIsResolvedOnceAndThenClosed() {
        ProcessInstance instance = selfService("341");

        assertThat(work.close(new CaseId(341), "nora")).as("closing a case that is not resolved").isFalse();
        assertThat(work.resolveSelfService(new CaseId(341), "nora", Map.of("resolution", "Answered"))).isTrue();
        assertThat(instance).isWaitingAt(evg_resolved.id());
        assertThat(instance).variables().containsEntry(CustomerCaseProcess.Variables.RESOLVED_BY, "nora");
        assertThat(work.resolveSelfService(new CaseId(341), "nora", Map.of("resolution", "Again")))
                .as("resolving a resolved case").isFalse();

        assertThat(work.close(new CaseId(341), "nora")).isTrue();
        assertThat(instance).isEnded();
    }

    @Test
    void whoLosesARaceToClaimIsToldWhoWonAsAConflict() {
        ProcessInstance instance = escalated("309", "w-billing", 50);
        String taskId = task(instance).getId();
        // The winner's claim lands between the loser's reading of the task and the loser's claim.
        engine.getTaskService().claim(taskId, "winner");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> work.claim(taskId, "loser"))
                .isInstanceOf(io.omnicase.http.ConflictException.class).hasMessageContaining("winner");
        assertThat(task(instance)).isAssignedTo("winner");
    }

    private ProcessInstance escalated(String caseId, String queue, int priority) {
        decisions.put(caseId, new Object[]{queue, priority});
        ProcessInstance instance = start(caseId);
        assertThat(instance).isWaitingAt(user_handle_case.id());
        return instance;
    }

    private ProcessInstance selfService(String caseId) {
        decisions.put(caseId, new Object[]{null, 50});
        ProcessInstance instance = start(caseId);
        assertThat(instance).isWaitingAt(evg_self_service.id());
        return instance;
    }

    private ProcessInstance start(String caseId) {
        Map<String, Object> variables = new HashMap<>();
        CustomerCaseProcess.SELF_SERVICE_TIMEOUT.put(variables, Duration.ofHours(24));
        CustomerCaseProcess.AUTO_CLOSE_AFTER.put(variables, Duration.ofDays(7));
        ProcessInstance instance = runtimeService().createProcessInstanceByKey(CustomerCaseProcess.KEY).businessKey(caseId)
                .setVariables(variables).execute();
        execute(job(instance));
        return instance;
    }
}
