package io.omnicase.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.assistant.SelfService;
import io.omnicase.cases.CaseId;
import io.omnicase.http.ConflictException;
import io.omnicase.http.InvalidFieldException;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.omnicase.process.CustomerCaseProcess.Elements.evg_resolved;
import static io.omnicase.process.CustomerCaseProcess.Elements.evg_self_service;
import static io.omnicase.process.CustomerCaseProcess.Elements.user_handle_case;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A case's step and its form come from what is deployed with the case's process version, on the real model and an
 * in-memory engine: the resolve form of {@code ui-forms/}, and a task a designer adds with a form of its own, which a
 * submission is checked against.
 */
@Deployment(resources = {"processes/customer-case.bpmn", "ui-forms/resolve-case.form"})
class CaseFormsTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-test-engine.cfg.xml").build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object[]> decisions = new HashMap<>();
    private CaseForms forms;

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
        CaseWork work = new CaseWork(engine.getTaskService(), engine.getRuntimeService(), engine.getManagementService(),
                engine.getRepositoryService(), JdbcClient.create(configuration.getDataSource()));
        forms = new CaseForms(work, engine.getProcessEngine());
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        repositoryService().createDeploymentQuery().deploymentName("call-back").list()
                .forEach(d -> repositoryService().deleteDeployment(d.getId(), true));
    }

    @Test
    void anEscalatedCaseShowsItsHandlingTaskWithTheResolveFormDeployedWithItsVersion() {
        ProcessInstance instance = escalated("401");

        CaseStep step = forms.stepOf(new CaseId(401)).orElseThrow();

        assertThat(step.taskId()).isEqualTo(task(instance).getId());
        assertThat(step.name()).isEqualTo("Case #401");
        assertThat(step.action()).isEqualTo(CaseStep.Action.RESOLVE);
        assertThat(step.form().id()).isEqualTo("resolve-case");
        assertThat(step.form().variableNames()).containsExactly("topic", "resolution");
    }

    @Test
    void aSubmissionMissingARequiredFieldIsRefusedNamingItAndTheTaskStaysOpen() {
        ProcessInstance instance = escalated("402");

        assertThatThrownBy(() -> forms.submit(new CaseId(402), null, "nora", json("{\"resolution\":\"Refunded\"}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.errors())
                        .containsExactly(new InvalidFieldException.FieldError("topic", "is required")));

        assertThat(instance).isWaitingAt(user_handle_case.id());
    }

    @Test
    void unknownFieldsWrongOptionsAndOverlongTextAreEachNamed() {
        escalated("403");

        assertThatThrownBy(() -> forms.submit(new CaseId(403), null, "nora", json("{\"resolution\":\"" + "x".repeat(4001)
                + "\",\"topic\":\"WEATHER\",\"resolvedBy\":\"mallory\"}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.errors()).containsExactlyInAnyOrder(
                        new InvalidFieldException.FieldError("topic", "must be one of BILLING, TECHNICAL, ACCOUNT, OTHER"),
                        new InvalidFieldException.FieldError("resolution", "must have at most 4000 characters"),
                        new InvalidFieldException.FieldError("resolvedBy", "is not a field of this form")));
        assertThatThrownBy(() -> forms.submit(new CaseId(403), null, "nora", json("{\"resolution\":42,\"topic\":\"OTHER\"}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.errors())
                        .containsExactly(new InvalidFieldException.FieldError("resolution", "must be text")));
    }

    @Test
    void aValidSubmissionCompletesTheTaskWithTheFormsVariables() {
        ProcessInstance instance = escalated("404");

        CaseStep done = forms.submit(new CaseId(404), task(instance).getId(), "nora",
                json("{\"topic\":\"BILLING\",\"resolution\":\"Refunded the second charge\"}")).orElseThrow();

        assertThat(done.action()).isEqualTo(CaseStep.Action.RESOLVE);
        assertThat(instance).isWaitingAt(evg_resolved.id()).hasPassed(user_handle_case.id());
        assertThat(instance).variables().containsEntry("topic", "BILLING").containsEntry("resolution", "Refunded the second charge");
        assertThat(forms.stepOf(new CaseId(404))).as("nothing waits for a person after resolving").isEmpty();
    }

    @Test
    void aSubmissionForAStepTheCaseHasLeftIsAConflict() {
        escalated("405");

        assertThatThrownBy(() -> forms.submit(new CaseId(405), "some-older-task", "nora",
                json("{\"topic\":\"BILLING\",\"resolution\":\"Refunded\"}"))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("moved on");
    }

    @Test
    void aCaseInSelfServiceIsResolvedWithTheResolveFormOfItsVersion() {
        ProcessInstance instance = selfService("406");

        CaseStep step = forms.stepOf(new CaseId(406)).orElseThrow();
        assertThat(step.taskId()).isNull();
        assertThat(step.action()).isEqualTo(CaseStep.Action.RESOLVE);
        assertThat(step.form().id()).isEqualTo("resolve-case");
        assertThatThrownBy(() -> forms.submit(new CaseId(406), null, "nora", json("{\"topic\":\"OTHER\"}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("resolution"));

        forms.submit(new CaseId(406), null, "nora", json("{\"topic\":\"OTHER\",\"resolution\":\"Answered\"}")).orElseThrow();

        assertThat(instance).isWaitingAt(evg_resolved.id());
        assertThat(instance).variables().containsEntry("resolvedBy", "nora").containsEntry("topic", "OTHER");
    }

    /**
     * A designer's new task with a new form needs no code: the step is found, its form read from its own deployment,
     * and a submission is checked against that form, not the resolve form. A later deployment with a changed form does
     * not change the form of a task of the earlier version.
     */
    @Test
    void aTaskADesignerAddsIsCheckedAgainstItsOwnFormOfItsOwnVersion() {
        deployCallBack("\"validate\": { \"required\": true }");
        ProcessInstance first = runtimeService().startProcessInstanceByKey("call-back", "407");
        deployCallBack("\"validate\": { \"required\": false }, \"disabled\": true");

        CaseStep step = forms.stepOf(new CaseId(407)).orElseThrow();
        assertThat(step.name()).isEqualTo("Call the customer back");
        assertThat(step.action()).isEqualTo(CaseStep.Action.COMPLETE);
        assertThat(step.form().id()).isEqualTo("call-back");
        assertThatThrownBy(() -> forms.submit(new CaseId(407), step.taskId(), "nora",
                json("{\"topic\":\"BILLING\",\"resolution\":\"Refunded\"}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.errors()).containsExactlyInAnyOrder(
                        new InvalidFieldException.FieldError("outcome", "is required"),
                        new InvalidFieldException.FieldError("topic", "is not a field of this form"),
                        new InvalidFieldException.FieldError("resolution", "is not a field of this form")));
        assertThatThrownBy(() -> forms.submit(new CaseId(407), step.taskId(), "nora",
                json("{\"outcome\":\"LEFT_A_MESSAGE\",\"minutes\":2.5}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.errors()).containsExactlyInAnyOrder(
                        new InvalidFieldException.FieldError("outcome", "must be one of REACHED, NO_ANSWER"),
                        new InvalidFieldException.FieldError("minutes", "must be a whole number")));

        forms.submit(new CaseId(407), step.taskId(), "nora", json("{\"outcome\":\"REACHED\",\"minutes\":12}")).orElseThrow();

        assertThat(first).isEnded();
        assertThat(org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService()
                .createHistoricVariableInstanceQuery().processInstanceId(first.getId()).variableName("minutes")
                .singleResult().getValue()).isEqualTo(12);
    }

    private void deployCallBack(String outcomeRules) {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="https://omnicase.io/test">
                  <bpmn:process id="call-back" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="user_call_back"/>
                    <bpmn:userTask id="user_call_back" name="Call the customer back" camunda:candidateGroups="w-call"
                                   camunda:formRef="call-back" camunda:formRefBinding="deployment"/>
                    <bpmn:sequenceFlow id="f2" sourceRef="user_call_back" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                  </bpmn:process>
                </bpmn:definitions>
                """;
        String form = """
                { "id": "call-back", "type": "default", "schemaVersion": 16, "components": [
                  { "type": "radio", "id": "f_outcome", "key": "outcome", "label": "Outcome", %s,
                    "values": [ { "label": "Reached", "value": "REACHED" }, { "label": "No answer", "value": "NO_ANSWER" } ] },
                  { "type": "number", "id": "f_minutes", "key": "minutes", "label": "Minutes", "decimalDigits": 0,
                    "validate": { "min": 0, "max": 240 } } ] }
                """.formatted(outcomeRules);
        repositoryService().createDeployment().name("call-back")
                .addString("call-back.bpmn", bpmn)
                .addInputStream("call-back.form", new java.io.ByteArrayInputStream(form.getBytes(StandardCharsets.UTF_8)))
                .deploy();
    }

    private ProcessInstance escalated(String caseId) {
        decisions.put(caseId, new Object[]{"w-forms", 50});
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

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
