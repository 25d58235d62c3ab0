package io.omnicase.desk.web;

import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseAccessDeniedException;
import io.omnicase.process.CaseTask;
import io.omnicase.process.CaseWork;
import io.omnicase.http.ConflictException;
import io.omnicase.http.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

/**
 * The agent desk's work list: the case tasks of my queues (and mine), by priority and SLA; claiming one. An agent
 * claims only tasks of their own queues; a task a colleague has claimed is taken over only by a supervisor.
 */
@RestController
class DeskTasksController {

    private final CaseWork work;
    private final CaseAccess access;

    DeskTasksController(CaseWork work, CaseAccess access) {
        this.work = work;
        this.access = access;
    }

    @GetMapping("/api/desk/tasks")
    List<DeskTask> myTasks(Principal agent) {
        return work.tasksOf(agent.getName(), access.queues(agent.getName())).stream().map(DeskTask::of).toList();
    }

    /**
     * Claims a task of one of my queues; a supervisor also takes over a task a colleague has claimed. An agent is
     * refused a task of another queue (403) and a task someone else holds (409); nothing changes then.
     */
    @PostMapping("/api/desk/tasks/{taskId}/claim")
    DeskTask claim(@PathVariable String taskId, Principal agent) {
        String me = agent.getName();
        CaseTask task = work.task(taskId).orElseThrow(() -> new NotFoundException("Task " + taskId + " does not exist (any more)"));
        access.checkWrite(me, task.caseId());
        boolean mine = task.heldBy(me);
        if (!mine && work.queuesOf(taskId).stream().noneMatch(queue -> access.worksQueue(me, queue))) {
            throw new CaseAccessDeniedException("Task " + taskId + " is not in your queues");
        }
        if (!task.claimed()) {
            work.claim(taskId, me);
        } else if (!mine) {
            if (!access.takesOverClaimedTasks(me)) {
                throw new ConflictException("Task " + taskId + " is already claimed by " + task.assignee()
                        + "; only a supervisor can take it over");
            }
            work.handOver(taskId, me);
        }
        access.recordHandled(me, task.caseId(), CaseAccess.How.CLAIMED);
        return DeskTask.of(work.task(taskId).orElseThrow());
    }

    record DeskTask(String taskId, long caseId, String name, int priority, String queue, String assignee,
                    Instant created, Instant slaDue) {

        static DeskTask of(CaseTask task) {
            return new DeskTask(task.id(), task.caseId().value(), task.name(), task.priority(), task.queue(),
                    task.assignee(), task.created(), task.slaDue());
        }
    }
}
