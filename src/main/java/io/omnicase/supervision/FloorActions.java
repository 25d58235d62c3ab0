package io.omnicase.supervision;

import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseAccessDeniedException;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseView;
import io.omnicase.desk.DeskQueue;
import io.omnicase.desk.QueueItem;
import io.omnicase.http.ConflictException;
import io.omnicase.http.InvalidFieldException;
import io.omnicase.process.CaseTask;
import io.omnicase.process.CaseWork;
import io.omnicase.routing.Priority;
import io.omnicase.routing.Queue;
import io.omnicase.security.Role;
import io.omnicase.security.UserAccounts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a supervisor does from the floor: gives a case to another agent of its queue or moves it to another queue of
 * their floor, or changes its priority; each
 * with their reason, written on the case's timeline in the same transaction as the change to the case's task. The
 * supervisor must be allowed to change the case and see its queue on their floor.
 */
@Service
public class FloorActions {

    /** How long a reason may be. */
    public static final int REASON = 500;

    private final SupervisorFloor floor;
    private final CaseAccess access;
    private final CaseWork work;
    private final CaseManagement cases;
    private final UserAccounts users;
    private final DeskQueue desk;

    FloorActions(SupervisorFloor floor, CaseAccess access, CaseWork work, CaseManagement cases, UserAccounts users,
                 DeskQueue desk) {
        this.floor = floor;
        this.access = access;
        this.work = work;
        this.cases = cases;
        this.users = users;
        this.desk = desk;
    }

    /**
     * Gives the case's task to {@code assignee}, an agent of {@code queue} (null: the task's own queue). When that is
     * another queue of the supervisor's floor the case moves there (a held case the rules would send elsewhere, a
     * customer who needs another team), to the agent or, without one, to whoever of that queue takes it first. Answers
     * the case's floor row after (null when it left the supervisor's floor).
     */
    @Transactional
    public QueueItem reassign(String supervisor, long caseId, String assignee, String queue, String reason) {
        String why = reason(reason);
        // The case's lock before its task is read: a re-assessment running meanwhile (under the same lock) is wholly
        // before or after this change, never writing its stale placement over it.
        cases.lockUntilCommit(new CaseId(caseId));
        CaseTask task = taskOnMyFloor(supervisor, caseId);
        String current = SupervisorFloor.lower(task.queue());
        Queue target = queue == null || queue.isBlank() ? null : queueOnMyFloor(supervisor, queue.strip());
        boolean moving = target != null && !target.group().equals(current);
        String to = assignee == null || assignee.isBlank() ? null : assignee.strip();
        if (to == null && !moving) {
            // Back to its own queue: whoever of it is free takes it (walk 42: the floor offered every queue but this).
            if (task.assignee() == null) {
                throw new ConflictException("Case " + caseId + " waits in queue " + current + " already: nobody holds it");
            }
            work.reassign(new CaseId(caseId), null);
            cases.recordNote(new CaseId(caseId), supervisor, users.nameOf(task.assignee()) + " no longer holds the case: "
                    + "it waits in queue " + current + " (" + users.nameOf(supervisor) + ": " + why + ")",
                    Map.of("reassignedFrom", task.assignee(), "reason", why));
            return row(caseId);
        }
        String queueOfAgent = moving ? target.group() : current;
        if (to != null) {
            boolean agentOfQueue = users.find(to).filter(user -> user.roles().contains(Role.AGENT))
                    .map(user -> user.queues().stream().map(q -> q.toLowerCase(Locale.ROOT)).anyMatch(queueOfAgent::equals))
                    .orElse(false);
            if (!agentOfQueue) {
                throw new InvalidFieldException("assignee", "'" + cut(to) + "' is not an agent of queue " + queueOfAgent);
            }
        }
        if (!moving && to.equals(task.assignee())) {
            throw new ConflictException("Case " + caseId + " is held by " + users.nameOf(to) + " already");
        }
        if (moving) {
            work.moveToQueue(new CaseId(caseId), target, to);
            // The queue's entry says where the case went and why; the holder's change follows as on any reassignment.
            cases.moveToQueue(new CaseId(caseId), target.group(), task.priority(), supervisor, why);
            if (to == null) {
                if (task.assignee() != null) {
                    cases.recordNote(new CaseId(caseId), supervisor, users.nameOf(task.assignee()) + " no longer holds the case: "
                            + "it waits in queue " + target.group() + " (" + users.nameOf(supervisor) + ")",
                            Map.of("reassignedFrom", task.assignee(), "reason", why));
                }
                return row(caseId);
            }
        } else {
            work.reassign(new CaseId(caseId), to);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("reassignedFrom", task.assignee());
        detail.put("reassignedTo", to);
        detail.put("reason", why);
        // People read names; the detail keeps the logins.
        cases.recordNote(new CaseId(caseId), supervisor, (task.assignee() == null ? "Assigned to " + users.nameOf(to)
                : "Reassigned from " + users.nameOf(task.assignee()) + " to " + users.nameOf(to)) + " by "
                + users.nameOf(supervisor) + ": " + why, detail);
        return row(caseId);
    }

    /** A queue by its name, when it is on the supervisor's floor. */
    private Queue queueOnMyFloor(String supervisor, String name) {
        Queue queue = java.util.Arrays.stream(Queue.values()).filter(q -> q.group().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new InvalidFieldException("queue", "'" + cut(name) + "' is not a queue; queues are "
                        + java.util.Arrays.stream(Queue.values()).map(Queue::group).toList()));
        Set<String> myQueues = floor.queuesOf(supervisor);
        if (myQueues != null && !myQueues.contains(queue.group())) {
            throw new CaseAccessDeniedException("Queue " + queue.group() + " is not on your floor");
        }
        return queue;
    }

    /**
     * Sets the case's priority (its task's place in the queue, and the case's own) and with it the case's SLA deadline:
     * the new priority's SLA counted from when the case reached its queue (see {@link CaseWork#reprioritise}); the
     * timeline entry names the old and the new deadline. Answers the case's floor row after.
     */
    @Transactional
    public QueueItem reprioritise(String supervisor, long caseId, Priority priority, String reason) {
        String why = reason(reason);
        if (priority == null) {
            throw new InvalidFieldException("priority", "Choose a priority: LOW, NORMAL, HIGH or URGENT");
        }
        CaseTask task = taskOnMyFloor(supervisor, caseId);
        if (task.priority() == priority.taskPriority()) {
            throw new ConflictException("Case " + caseId + " has priority " + priority.name().toLowerCase(java.util.Locale.ROOT)
                    + " already");
        }
        CaseWork.SlaMove sla = work.reprioritise(new CaseId(caseId), priority)
                .orElseThrow(() -> new ConflictException("Case " + caseId + " has no task waiting for a person any more"));
        cases.reprioritise(new CaseId(caseId), priority.taskPriority(), supervisor, why, sla.dueBefore(), sla.dueAfter());
        return row(caseId);
    }

    /** The case's task, when the supervisor may change the case and its queue is on their floor. */
    private CaseTask taskOnMyFloor(String supervisor, long caseId) {
        Set<String> myQueues = floor.queuesOf(supervisor);
        CaseView view = access.checkWrite(supervisor, new CaseId(caseId));
        CaseTask task = work.taskOf(new CaseId(caseId)).orElseThrow(() -> new ConflictException(
                "Case " + caseId + " has no task waiting for a person: it is " + view.status()));
        String queue = SupervisorFloor.lower(task.queue());
        if (myQueues != null && !myQueues.contains(queue)) {
            throw new CaseAccessDeniedException("Case " + caseId + " is in queue " + queue + ", which is not on your floor");
        }
        return task;
    }

    private QueueItem row(long caseId) {
        return work.taskOf(new CaseId(caseId)).map(task -> desk.rows(List.of(task)))
                .flatMap(rows -> rows.stream().findFirst()).orElse(null);
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidFieldException("reason", "Say why: the reason goes on the case's timeline");
        }
        String why = reason.strip().replaceAll("\\s+", " ");
        if (why.length() > REASON) {
            throw new InvalidFieldException("reason", "A reason has at most " + REASON + " characters");
        }
        return why;
    }

    private static String cut(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
