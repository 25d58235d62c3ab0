package io.omnicase.process;

import io.omnicase.cases.CaseAssignments;
import io.omnicase.cases.CaseId;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.stream.Collectors;

/** The case tasks assigned to a user, however they were assigned (desk claim, Tasklist, a supervisor's take-over). */
@Component
class CaseTaskAssignments implements CaseAssignments {

    private final TaskService tasks;
    private final RuntimeService runtime;

    CaseTaskAssignments(TaskService tasks, RuntimeService runtime) {
        this.tasks = tasks;
        this.runtime = runtime;
    }

    @Override
    public boolean isAssigned(String username, CaseId caseId) {
        return tasks.createTaskQuery().processDefinitionKey(CustomerCaseProcess.KEY)
                .processInstanceBusinessKey(caseId.businessKey()).taskAssignee(username).count() > 0;
    }

    @Override
    public java.util.Optional<String> assigneeOf(CaseId caseId) {
        return tasks.createTaskQuery().processDefinitionKey(CustomerCaseProcess.KEY)
                .processInstanceBusinessKey(caseId.businessKey()).taskAssigned().list().stream()
                .map(Task::getAssignee).findFirst();
    }

    @Override
    public boolean takeIfFree(String username, CaseId caseId, Set<String> queues) {
        Task task = tasks.createTaskQuery().processDefinitionKey(CustomerCaseProcess.KEY)
                .processInstanceBusinessKey(caseId.businessKey()).active().list().stream().findFirst().orElse(null);
        if (task == null || task.getAssignee() != null) {
            return false;
        }
        boolean offeredToMine = tasks.getIdentityLinksForTask(task.getId()).stream()
                .anyMatch(link -> link.getGroupId() != null && queues.contains(link.getGroupId().toLowerCase(java.util.Locale.ROOT)));
        if (!offeredToMine) {
            return false;
        }
        try {
            tasks.claim(task.getId(), username);
            return true;
        } catch (org.camunda.bpm.engine.TaskAlreadyClaimedException e) {
            return false; // a colleague took it a moment ago: the reply is sent all the same
        }
    }

    @Override
    public Set<Long> assignedTo(String username) {
        Set<String> instances = tasks.createTaskQuery().processDefinitionKey(CustomerCaseProcess.KEY)
                .taskAssignee(username).list().stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
        if (instances.isEmpty()) {
            return Set.of();
        }
        return runtime.createProcessInstanceQuery().processInstanceIds(instances).list().stream()
                .map(ProcessInstance::getBusinessKey).map(Long::parseLong).collect(Collectors.toSet());
    }
}
