package io.omnicase.process;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.cases.CaseId;
import io.omnicase.http.ConflictException;
import io.omnicase.http.InvalidFieldException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.form.CamundaFormRefImpl;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The forms of a case's steps, as the process deploys them: the Camunda Form a user task references
 * ({@code camunda:formRef} with its binding, or a {@code camunda-forms:deployment:} form key), read from the deployment
 * of the case's own process version, and the submission of one, checked against that form before the process moves
 * on. The forms are the single description of what a step asks for: nothing here lists their fields.
 */
@Service
public class CaseForms {

    static final String DEPLOYMENT_FORM_KEY = "camunda-forms:deployment:";
    private static final String RESOLVE_STEP_NAME = "Resolve case";

    private final CaseWork work;
    private final TaskService tasks;
    private final FormService forms;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final ProcessEngine engine;

    CaseForms(CaseWork work, ProcessEngine engine) {
        this.work = work;
        this.engine = engine;
        this.tasks = engine.getTaskService();
        this.forms = engine.getFormService();
        this.runtime = engine.getRuntimeService();
        this.repository = engine.getRepositoryService();
    }

    /**
     * The step a person takes on the case now, with its form: the case's open user task; while the assistant keeps the
     * case, resolving it; empty when the case waits for nobody (being assessed, resolved, closed).
     */
    public Optional<CaseStep> stepOf(CaseId caseId) {
        Optional<CaseTask> open = work.taskOf(caseId);
        if (open.isPresent()) {
            Task task = tasks.createTaskQuery().taskId(open.get().id()).initializeFormKeys().singleResult();
            if (task != null) {
                boolean resolves = CustomerCaseProcess.Elements.user_handle_case.id().equals(task.getTaskDefinitionKey());
                return Optional.of(new CaseStep(task.getId(), task.getName(),
                        resolves ? CaseStep.Action.RESOLVE : CaseStep.Action.COMPLETE, taskForm(task)));
            }
        }
        return selfService(caseId).map(instance -> new CaseStep(null, RESOLVE_STEP_NAME, CaseStep.Action.RESOLVE,
                modelForm(instance.getProcessDefinitionId(), CustomerCaseProcess.Elements.user_handle_case.id())));
    }

    /**
     * Submits the form of the case's current step: checks the values against the step's form, then completes the
     * task with them (claiming it for the user if nobody held it) or resolves the case in self-service.
     *
     * @param expectedTaskId the task the user saw, null for "whatever step the case is at"; when the case has moved on
     *                       to another step meanwhile the submission is refused (409) rather than land on a form the
     *                       user never saw
     * @return the step that was completed; empty when the case has no step to submit
     * @throws InvalidFieldException when the values do not fit the step's form (each field named)
     */
    public Optional<CaseStep> submit(CaseId caseId, String expectedTaskId, String username, JsonNode values) {
        Optional<CaseStep> current = stepOf(caseId);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        CaseStep step = current.get();
        if (expectedTaskId != null && !expectedTaskId.equals(step.taskId() == null ? "" : step.taskId())) {
            throw new ConflictException("Case " + caseId.value() + " has moved on to the step \"" + step.name()
                    + "\"; its form has changed, look at it again");
        }
        Map<String, Object> variables = step.form() != null ? step.form().variables(values) : noVariables(values);
        boolean done = step.taskId() != null ? work.complete(step.taskId(), username, variables)
                : work.resolveSelfService(caseId, username, variables);
        return done ? Optional.of(step) : Optional.empty();
    }

    /**
     * Checks what a completion of the task from elsewhere than {@link #submit} (Tasklist's engine API) would set, the
     * way a submission is checked: against the task's form, or nothing at all when it has none.
     *
     * @throws InvalidFieldException naming every field that is missing, unknown or wrong
     * @param task the task as read with its form keys ({@code TaskQuery.initializeFormKeys()})
     * @throws IllegalStateException when the task's form is not a Camunda Form of its deployment
     */
    public void checkCompletion(Task task, JsonNode values) {
        FormSchema form = taskForm(task);
        if (form != null) {
            form.variables(values);
        } else {
            noVariables(values);
        }
    }

    /** A step without a form takes nothing. */
    private static Map<String, Object> noVariables(JsonNode values) {
        if (values != null && values.isObject() && values.size() > 0) {
            throw new InvalidFieldException(values.fieldNames().next(), "is not a field of this step: it has no form");
        }
        return Map.of();
    }

    private Optional<ProcessInstance> selfService(CaseId caseId) {
        List<ProcessInstance> instances = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(caseId.businessKey()).active().list();
        return instances.stream().filter(instance -> runtime.createEventSubscriptionQuery()
                .processInstanceId(instance.getId()).eventType("message")
                .eventName(CustomerCaseProcess.Messages.RESOLVE_REQUESTED).count() > 0).findFirst();
    }

    /** The task's form as the engine resolves it for Tasklist (its binding decides which deployed version). */
    private FormSchema taskForm(Task task) {
        if (task.getFormKey() == null && task.getCamundaFormRef() == null) {
            return null;
        }
        if (task.getFormKey() != null && !task.getFormKey().startsWith(DEPLOYMENT_FORM_KEY)) {
            throw new IllegalStateException("Task " + task.getId() + " has the form key " + task.getFormKey()
                    + ", which is not a Camunda Form of its deployment");
        }
        return read(forms.getDeployedTaskForm(task.getId()));
    }

    /** The form the model's user task references, resolved the way the engine resolves it for a task of that version. */
    private FormSchema modelForm(String processDefinitionId, String userTaskId) {
        ProcessDefinition definition = repository.getProcessDefinition(processDefinitionId);
        UserTask userTask = repository.getBpmnModelInstance(processDefinitionId).getModelElementById(userTaskId);
        if (userTask == null) {
            return null;
        }
        String formKey = userTask.getCamundaFormKey();
        if (formKey != null && formKey.startsWith(DEPLOYMENT_FORM_KEY)) {
            return read(repository.getResourceAsStream(definition.getDeploymentId(),
                    formKey.substring(DEPLOYMENT_FORM_KEY.length())));
        }
        String formRef = userTask.getCamundaFormRef();
        if (formRef == null) {
            return null;
        }
        CamundaFormRefImpl reference = new CamundaFormRefImpl(formRef,
                userTask.getCamundaFormRefBinding() == null ? "latest" : userTask.getCamundaFormRefBinding());
        if (userTask.getCamundaFormRefVersion() != null) {
            reference.setVersion(Integer.valueOf(userTask.getCamundaFormRefVersion()));
        }
        CamundaFormDefinition form = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired().execute(new GetCamundaFormDefinitionCmd(reference, definition.getDeploymentId()));
        if (form == null) {
            throw new IllegalStateException("The form " + formRef + " of " + userTaskId + " is not deployed");
        }
        return read(repository.getResourceAsStream(form.getDeploymentId(), form.getResourceName()));
    }

    private static FormSchema read(InputStream stream) {
        try (InputStream in = stream) {
            return FormSchema.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
