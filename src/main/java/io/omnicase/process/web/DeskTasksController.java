package io.omnicase.process.web;

import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseAccessDeniedException;
import io.omnicase.cases.CaseId;
import io.omnicase.process.CustomerCaseProcess;
import io.omnicase.process.CustomerCaseProcess.Variables;
import io.omnicase.web.ConflictException;
import io.omnicase.web.NotFoundException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
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

/**
 * The agent desk's work list: the case tasks of my queues (and mine), by priority and SLA; claiming one. An agent
 * claims only tasks of their own queues; a task a colleague has claimed is taken over only by a supervisor.
 */
@RestController
class DeskTasksController {

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final CaseAccess access;

    DeskTasksController(TaskService tasks, RuntimeService runtime, CaseAccess access) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.access = access;
    }

    @GetMapping("/api/desk/tasks")
    List<DeskTask> myTasks(Principal agent) {
        List<String> queues = List.copyOf(access.queues(agent.getName()));
        Map<String, Task> found = new LinkedHashMap<>();
        if (!queues.isEmpty()) {
            tasks.createTaskQuery().taskDefinitionKey(CustomerCaseProcess.Elements.user_handle_case.id())
                    .taskCandidateGroupIn(queues).list().forEach(t -> found.put(t.getId(), t));
        }
        tasks.createTaskQuery().taskDefinitionKey(CustomerCaseProcess.Elements.user_handle_case.id())
                .taskAssignee(agent.getName()).list().forEach(t -> found.put(t.getId(), t));
        List<DeskTask> list = new ArrayList<>();
        for (Task task : found.values()) {
            if (task.getAssignee() != null && !task.getAssignee().equals(agent.getName())) {
                continue; // claimed by a colleague
            }
            list.add(deskTask(task));
        }
        list.sort(Comparator.comparing(DeskTask::priority).reversed()
                .thenComparing(t -> t.slaDue() == null ? Instant.MAX : t.slaDue()));
        return list;
    }

    /**
     * Claims a task of one of my queues; a supervisor also takes over a task a colleague has claimed. An agent is
     * refused a task of another queue (403) and a task someone else holds (409); nothing changes then.
     */
    @PostMapping("/api/desk/tasks/{taskId}/claim")
    DeskTask claim(@PathVariable String taskId, Principal agent) {
        String me = agent.getName();
        Task task = tasks.createTaskQuery().taskId(taskId)
                .taskDefinitionKey(CustomerCaseProcess.Elements.user_handle_case.id()).singleResult();
        if (task == null) {
            throw new NotFoundException("Task " + taskId + " does not exist (any more)");
        }
        CaseId caseId = caseOf(task);
        access.checkWrite(me, caseId);
        boolean mine = me.equals(task.getAssignee());
        if (!mine && !queueOf(task).stream().anyMatch(queue -> access.worksQueue(me, queue))) {
            throw new CaseAccessDeniedException("Task " + taskId + " is not in your queues");
        }
        if (task.getAssignee() == null) {
            tasks.claim(taskId, me);
        } else if (!mine) {
            if (!access.takesOverClaimedTasks(me)) {
                throw new ConflictException("Task " + taskId + " is already claimed by " + task.getAssignee()
                        + "; only a supervisor can take it over");
            }
            tasks.setAssignee(taskId, me);
        }
        access.recordHandled(me, caseId, CaseAccess.How.CLAIMED);
        return deskTask(tasks.createTaskQuery().taskId(taskId).singleResult());
    }

    private DeskTask deskTask(Task task) {
        Object sla = runtime.getVariable(task.getExecutionId(), Variables.SLA_DURATION);
        Object queue = runtime.getVariable(task.getExecutionId(), Variables.QUEUE);
        Instant created = task.getCreateTime().toInstant();
        Instant slaDue = sla == null ? null : created.plus(Duration.parse(sla.toString()));
        return new DeskTask(task.getId(), caseOf(task).value(), task.getName(), task.getPriority(),
                queue == null ? null : queue.toString(), task.getAssignee(), created, slaDue);
    }

    private CaseId caseOf(Task task) {
        return CaseId.of(runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .singleResult().getBusinessKey());
    }

    /** The task's queues: its candidate groups. */
    private List<String> queueOf(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
    }

    record DeskTask(String taskId, long caseId, String name, int priority, String queue, String assignee,
                    Instant created, Instant slaDue) {
    }
}
