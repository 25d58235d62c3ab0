package io.omnicase.desk.web;

import io.swagger.v3.oas.annotations.Operation;
import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.customers.Channel;
import io.omnicase.desk.DeskQueue;
import io.omnicase.desk.QueueItem;
import io.omnicase.http.ConflictException;
import io.omnicase.http.InvalidFieldException;
import io.omnicase.http.NotFoundException;
import io.omnicase.process.CaseTask;
import io.omnicase.process.CaseWork;
import io.omnicase.security.UserAccounts;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent desk's work list: the queue list (tabs, search, filters, counts), the older plain task list of my queues
 * (and mine), by priority and SLA; claiming one. An agent claims only tasks of their own queues; a task a colleague has
 * claimed is taken over only by a supervisor; the holder gives a case back to its queue.
 */
@RestController
class DeskTasksController {

    private final CaseWork work;
    private final CaseAccess access;
    private final DeskQueue queue;
    private final CaseManagement cases;
    private final UserAccounts users;

    DeskTasksController(CaseWork work, CaseAccess access, DeskQueue queue, CaseManagement cases, UserAccounts users) {
        this.work = work;
        this.access = access;
        this.queue = queue;
        this.cases = cases;
        this.users = users;
    }

    /**
     * The queue list: {@code tab} mine, queues (the default: everything of my queues, mine included) or unassigned;
     * {@code q} words of the subject or the customer's name, or a case number ("#301"); {@code channel} and
     * {@code queue} narrow it further. Counts are per tab, under the same words and filters.
     */
    @Operation(summary = "Your work list: the cases waiting in your queues and yours")
    @GetMapping("/api/desk/queue")
    DeskQueue.Listing queue(@RequestParam(defaultValue = "queues") String tab,
                            @RequestParam(required = false) @Size(max = 200) String q,
                            @RequestParam(required = false) String channel,
                            @RequestParam(required = false) @Size(max = 60) String queue,
                            Principal agent) {
        return this.queue.list(agent.getName(), tab(tab), new DeskQueue.Filter(q, channel(channel), queue));
    }

    private static DeskQueue.Tab tab(String value) {
        try {
            return DeskQueue.Tab.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("tab", "must be one of mine, queues, unassigned");
        }
    }

    /** A channel by its name; WEB (the chat widget on a web site) is the CHAT channel. */
    private static Channel channel(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String name = value.strip().toUpperCase(Locale.ROOT);
        try {
            return "WEB".equals(name) ? Channel.CHAT : Channel.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("channel", "must be one of " + Arrays.toString(Channel.values()) + " or WEB");
        }
    }

    @Operation(summary = "The open tasks of your queues and those assigned to you")
    @GetMapping("/api/desk/tasks")
    List<DeskTask> myTasks(Principal agent) {
        return work.tasksOf(agent.getName(), access.queues(agent.getName())).stream().map(DeskTask::of).toList();
    }

    /**
     * Claims a task of one of my queues; a supervisor also takes over a task a colleague has claimed. A task of
     * another queue is answered as a task that does not exist (404, the same words): whether it exists, whose case it
     * is and who holds it are not the agent's to learn. A task of my queue someone else holds is refused (409);
     * nothing changes then.
     */
    @Operation(summary = "Take a task: it becomes yours")
    @PostMapping("/api/desk/tasks/{taskId}/claim")
    QueueItem claim(@PathVariable String taskId, Principal agent) {
        String me = agent.getName();
        CaseTask task = work.task(taskId).filter(found -> found.heldBy(me)
                        || work.queuesOf(taskId).stream().anyMatch(queue -> access.worksQueue(me, queue)))
                .orElseThrow(() -> new NotFoundException("Task " + taskId + " does not exist (any more)"));
        access.checkWrite(me, task.caseId());
        boolean mine = task.heldBy(me);
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
        CaseTask claimed = work.task(taskId).orElseThrow(() -> new NotFoundException("Task " + taskId + " ended a moment ago"));
        return queue.item(me, claimed).orElseThrow(() -> new NotFoundException("Task " + taskId + " ended a moment ago"));
    }

    /**
     * Gives a case the agent holds back to its queue (end of a shift, a case that needs another skill): nobody holds
     * it, whoever of the queue is free takes it, and the timeline says who gave it back (walk 48: only a supervisor's
     * floor or Camunda's Tasklist could). Only the holder does this; a colleague's case, or one nobody holds, is
     * refused (409) and nothing changes. A case outside the agent's queues answers as one that does not exist.
     */
    @Operation(summary = "Give a case you hold back to its queue")
    @PostMapping("/api/desk/cases/{id}/release")
    Released release(@PathVariable long id, Principal agent) {
        String me = agent.getName();
        CaseId caseId = new CaseId(id);
        access.checkWrite(me, caseId);
        CaseTask task = work.taskOf(caseId).orElseThrow(() -> new ConflictException(
                "Case " + id + " waits for no person now: there is nothing to give back"));
        if (!task.heldBy(me)) {
            throw new ConflictException(task.claimed()
                    ? "Case " + id + " is held by " + users.nameOf(task.assignee()) + ", not by you"
                    : "Case " + id + " waits in queue " + task.queue() + " already: nobody holds it");
        }
        work.reassign(caseId, null);
        cases.recordNote(caseId, me, users.nameOf(me) + " gave the case back to queue " + task.queue()
                + ": whoever of it is free takes it", Map.of("reassignedFrom", me));
        return new Released(id, task.queue());
    }

    /** A case given back, and the queue it waits in. */
    record Released(long caseId, String queue) {
    }

    record DeskTask(String taskId, long caseId, String name, int priority, String queue, String assignee,
                    Instant created, Instant slaDue) {

        static DeskTask of(CaseTask task) {
            return new DeskTask(task.id(), task.caseId().value(), task.name(), task.priority(), task.queue(),
                    task.assignee(), task.created(), task.slaDue());
        }
    }
}
