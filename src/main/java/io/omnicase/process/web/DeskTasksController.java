package io.omnicase.process.web;

import io.omnicase.process.CustomerCaseProcess;
import io.omnicase.process.CustomerCaseProcess.Variables;
import io.omnicase.web.ConflictException;
import io.omnicase.web.NotFoundException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The agent desk's work list: the case tasks of my queues (and mine), by priority and SLA; claiming one. */
@RestController
class DeskTasksController {

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final IdentityService identity;

    DeskTasksController(TaskService tasks, RuntimeService runtime, IdentityService identity) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.identity = identity;
    }

    @GetMapping("/api/desk/tasks")
    List<DeskTask> myTasks(Principal agent) {
        List<String> groups = identity.createGroupQuery().groupMember(agent.getName()).list().stream().map(Group::getId).toList();
        Map<String, Task> found = new LinkedHashMap<>();
        if (!groups.isEmpty()) {
            tasks.createTaskQuery().taskDefinitionKey(CustomerCaseProcess.Elements.user_handle_case.id())
                    .taskCandidateGroupIn(groups).list().forEach(t -> found.put(t.getId(), t));
        }
        tasks.createTaskQuery().taskDefinitionKey(CustomerCaseProcess.Elements.user_handle_case.id())
                .taskAssignee(agent.getName()).list().forEach(t -> found.put(t.getId(), t));
        List<DeskTask> list = new ArrayList<>();
        for (Task task : found.values()) {
            if (task.getAssignee() != null && !task.getAssignee().equals(agent.getName())) {
                continue; // claimed by a colleague
            }
            Object sla = runtime.getVariable(task.getExecutionId(), Variables.SLA_DURATION);
            Object queue = runtime.getVariable(task.getExecutionId(), Variables.QUEUE);
            Instant created = task.getCreateTime().toInstant();
            Instant slaDue = sla == null ? null : created.plus(Duration.parse(sla.toString()));
            String caseId = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                    .singleResult().getBusinessKey();
            list.add(new DeskTask(task.getId(), Long.parseLong(caseId), task.getName(), task.getPriority(),
                    queue == null ? null : queue.toString(), task.getAssignee(), created, slaDue));
        }
        list.sort(Comparator.comparing(DeskTask::priority).reversed()
                .thenComparing(t -> t.slaDue() == null ? Instant.MAX : t.slaDue()));
        return list;
    }

    @PostMapping("/api/desk/tasks/{taskId}/claim")
    DeskTask claim(@PathVariable String taskId, Principal agent) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw new NotFoundException("Task " + taskId + " does not exist (any more)");
        }
        if (task.getAssignee() != null && !task.getAssignee().equals(agent.getName())) {
            throw new ConflictException("Task " + taskId + " is already claimed by " + task.getAssignee());
        }
        if (task.getAssignee() == null) {
            tasks.claim(taskId, agent.getName());
        }
        return myTasks(agent).stream().filter(t -> t.taskId().equals(taskId)).findFirst()
                .orElseThrow(() -> new NotFoundException("Task " + taskId + " is not in your queues"));
    }

    record DeskTask(String taskId, long caseId, String name, int priority, String queue, String assignee,
                    Instant created, Instant slaDue) {
    }
}
