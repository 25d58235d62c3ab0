package io.omnicase.process;

import io.omnicase.cases.CaseId;
import io.omnicase.http.ConflictException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import io.omnicase.routing.Priority;
import io.omnicase.routing.Queue;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.omnicase.process.CustomerCaseProcess.CLOSED_BY;
import static io.omnicase.process.CustomerCaseProcess.RESOLVED_BY;
import static io.omnicase.process.CustomerCaseProcess.SLA_DURATION;

/**
 * A person's work on cases through the case process: the case tasks of a user, claiming one, resolving and closing a
 * case. It decides nothing about who may: callers pass the case access policy first.
 */
@Service
public class CaseWork {

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final RepositoryService repository;
    private final JdbcClient jdbc;
    private volatile String select;

    CaseWork(TaskService tasks, RuntimeService runtime, ManagementService management, RepositoryService repository,
             JdbcClient jdbc) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.management = management;
        this.repository = repository;
        this.jdbc = jdbc;
    }

    /**
     * The unclaimed case tasks of these queues and the case tasks the user holds, highest priority first, then the
     * earliest SLA deadline. One query: the engine's task query returns neither the case (the process instance's
     * business key) nor variables, so the list reads the engine's runtime tables directly.
     */
    public List<CaseTask> tasksOf(String username, Collection<String> queues) {
        String mineOrQueued = queues.isEmpty() ? "t.ASSIGNEE_ = :me"
                : "(t.ASSIGNEE_ = :me OR (t.ASSIGNEE_ IS NULL AND EXISTS (SELECT 1 FROM " + table(IdentityLinkEntity.class)
                + " l WHERE l.TASK_ID_ = t.ID_ AND l.TYPE_ = :candidate AND l.GROUP_ID_ IN (:queues))))";
        var statement = query(mineOrQueued).param("me", username);
        if (!queues.isEmpty()) {
            statement = statement.param("queues", List.copyOf(queues));
        }
        return rows(statement).stream()
                .sorted(Comparator.comparing(CaseTask::priority).reversed()
                        .thenComparing(t -> t.slaDue() == null ? Instant.MAX : t.slaDue()))
                .toList();
    }

    /**
     * Every case task of these queues, whoever holds it, and the case tasks the user holds anywhere: what a desk's queue
     * list shows and filters. Unsorted.
     */
    public List<CaseTask> queueTasks(String username, Collection<String> queues) {
        String mineOrInQueues = queues.isEmpty() ? "t.ASSIGNEE_ = :me"
                : "(t.ASSIGNEE_ = :me OR EXISTS (SELECT 1 FROM " + table(IdentityLinkEntity.class)
                + " l WHERE l.TASK_ID_ = t.ID_ AND l.TYPE_ = :candidate AND l.GROUP_ID_ IN (:queues)))";
        var statement = query(mineOrInQueues).param("me", username);
        if (!queues.isEmpty()) {
            statement = statement.param("queues", List.copyOf(queues));
        }
        return rows(statement);
    }

    /** Every case task offered to these queues, whoever holds it: what the supervisor floor watches. Unsorted. */
    public List<CaseTask> openTasks(Collection<String> queues) {
        if (queues.isEmpty()) {
            return List.of();
        }
        return query("EXISTS (SELECT 1 FROM " + table(IdentityLinkEntity.class) + " l WHERE l.TASK_ID_ = t.ID_ "
                + "AND l.TYPE_ = :candidate AND l.GROUP_ID_ IN (:queues))").param("queues", List.copyOf(queues))
                .query(this::caseTask).list();
    }

    /**
     * Gives the case's task to a person, whether someone held it or not (a supervisor reassigning it); the engine's
     * assignment event tells the desk. Empty when the case has no task.
     */
    public Optional<CaseTask> reassign(CaseId caseId, String assignee) {
        Optional<CaseTask> task = taskOf(caseId);
        task.ifPresent(t -> tasks.setAssignee(t.id(), assignee));
        return task;
    }

    /**
     * Offers the case's task to another queue, as routing's move does (the task's candidate group and the process's
     * {@code queue}, which a reopened case's next task is offered to), and gives it to {@code assignee} of that queue,
     * or to nobody: the queue's agents take it from there. Empty when the case has no task.
     */
    public Optional<CaseTask> moveToQueue(CaseId caseId, Queue queue, String assignee) {
        Optional<CaseTask> found = taskOf(caseId);
        found.ifPresent(task -> {
            queuesOf(task.id()).forEach(group -> tasks.deleteCandidateGroup(task.id(), group));
            tasks.addCandidateGroup(task.id(), queue.group());
            tasks.setAssignee(task.id(), assignee);
            org.camunda.bpm.engine.task.Task engineTask = tasks.createTaskQuery().taskId(task.id()).singleResult();
            if (engineTask != null) {
                Map<String, Object> variables = new HashMap<>();
                CustomerCaseProcess.QUEUE.put(variables, queue.group());
                runtime.setVariables(engineTask.getProcessInstanceId(), variables);
            }
        });
        return found;
    }

    /**
     * Gives the case's task a new priority: its place in the queue, and the SLA that goes with it. The SLA deadline is
     * worked out again from when the SLA clock started (the task's creation, when the case reached the queue) with the
     * new priority's SLA, as if the case had come in with that priority: raising a case that has waited 3 hours to
     * URGENT (1 hour) makes it breached at once, lowering one to LOW gives it until 24 hours after it arrived. The
     * process's {@code slaDuration} (what every reader of the deadline computes it from, and what a reopened case's
     * next task gets) and the due date of the model's SLA timer on that task (a boundary timer whose duration is
     * {@code ${slaDuration}}) both move; a timer that has fired already (the breach is recorded) is not set again.
     * Empty when the case has no task.
     */
    public Optional<SlaMove> reprioritise(CaseId caseId, Priority priority) {
        Optional<CaseTask> found = taskOf(caseId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        CaseTask task = found.get();
        org.camunda.bpm.engine.task.Task engineTask = tasks.createTaskQuery().taskId(task.id()).singleResult();
        if (engineTask == null) {
            return Optional.empty(); // completed a moment ago
        }
        tasks.setPriority(task.id(), priority.taskPriority());
        Map<String, Object> variables = new HashMap<>();
        SLA_DURATION.put(variables, priority.sla());
        runtime.setVariables(engineTask.getProcessInstanceId(), variables);
        Instant due = task.created().plus(priority.sla());
        for (String timer : slaTimersOn(engineTask.getProcessDefinitionId(), engineTask.getTaskDefinitionKey())) {
            for (Job job : management.createJobQuery().processInstanceId(engineTask.getProcessInstanceId())
                    .activityId(timer).timers().list()) {
                management.setJobDuedate(job.getId(), Date.from(due));
            }
        }
        return Optional.of(new SlaMove(task.slaDue(), due));
    }

    /** The SLA deadline of a case's task before and after a change of its priority (null: the task had no SLA). */
    public record SlaMove(Instant dueBefore, Instant dueAfter) {
    }

    /** The boundary timers on a user task of a model that run for {@code ${slaDuration}}: its SLA timers. */
    private List<String> slaTimersOn(String processDefinitionId, String taskKey) {
        BpmnModelInstance model = repository.getBpmnModelInstance(processDefinitionId);
        List<String> timers = new java.util.ArrayList<>();
        for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
            if (boundary.getAttachedTo() == null || !boundary.getAttachedTo().getId().equals(taskKey)) {
                continue;
            }
            for (TimerEventDefinition timer : boundary.getChildElementsByType(TimerEventDefinition.class)) {
                if (timer.getTimeDuration() != null && timer.getTimeDuration().getTextContent() != null
                        && timer.getTimeDuration().getTextContent().contains(SLA_DURATION.name())) {
                    timers.add(boundary.getId());
                }
            }
        }
        return timers;
    }

    /** A case task by its id; empty when there is none (any more). */
    public Optional<CaseTask> task(String taskId) {
        return rows(query("t.ID_ = :id").param("id", taskId)).stream().findFirst();
    }

    /**
     * The open task of a case, while a person handles it: whichever user task the case's process waits in (the oldest,
     * should a model ever wait in two at once).
     */
    public Optional<CaseTask> taskOf(CaseId caseId) {
        return rows(query("p.BUSINESS_KEY_ = :key").param("key", caseId.businessKey())).stream()
                .min(Comparator.comparing(CaseTask::created).thenComparing(CaseTask::id));
    }

    /**
     * How many unclaimed tasks of the task's queue come before it: higher priority first, then the older (the engine
     * keeps whole seconds, so within one second the older case); what a waiting customer is told as their place in
     * the queue.
     */
    public int waitingAhead(CaseTask task) {
        String key = task.caseId().businessKey();
        // Case ids are decimal numbers: as text, a shorter one is smaller, and of equal length the lexically smaller.
        String olderCase = "(LENGTH(p.BUSINESS_KEY_) < :keyLength OR (LENGTH(p.BUSINESS_KEY_) = :keyLength "
                + "AND p.BUSINESS_KEY_ < :key))";
        return rows(query("t.ASSIGNEE_ IS NULL AND t.ID_ <> :id AND EXISTS (SELECT 1 FROM " + table(IdentityLinkEntity.class)
                + " l WHERE l.TASK_ID_ = t.ID_ AND l.TYPE_ = :candidate AND l.GROUP_ID_ = :queue)"
                + " AND (t.PRIORITY_ > :priority OR (t.PRIORITY_ = :priority AND (t.CREATE_TIME_ < :created"
                + " OR (t.CREATE_TIME_ = :created AND " + olderCase + "))))")
                .param("id", task.id()).param("queue", task.queue()).param("priority", task.priority())
                .param("created", java.sql.Timestamp.from(task.created())).param("key", key)
                .param("keyLength", key.length()))
                .size();
    }

    /** The queues a task is offered to: its candidate groups. */
    public List<String> queuesOf(String taskId) {
        return tasks.getIdentityLinksForTask(taskId).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
    }

    /** Claims an unclaimed task for the user. */
    public void claim(String taskId, String username) {
        claimOrConflict(taskId, username);
    }

    /** Two people claiming at once: the engine lets one win; the other is told who, as a conflict, not an error. */
    private void claimOrConflict(String taskId, String username) {
        try {
            tasks.claim(taskId, username);
        } catch (TaskAlreadyClaimedException e) {
            throw new ConflictException("Task " + taskId + " was claimed by " + e.getTaskAssignee() + " a moment ago");
        }
    }

    /** Gives a task someone holds to the user (a supervisor's take-over). */
    public void handOver(String taskId, String username) {
        tasks.setAssignee(taskId, username);
    }

    /**
     * Completes a case's open task with the variables of its form, claiming it for the user if nobody held it. Callers
     * check the variables against the task's form first ({@link CaseForms}).
     *
     * @return false when the task is no longer open
     */
    public boolean complete(String taskId, String username, Map<String, Object> variables) {
        Optional<CaseTask> task = task(taskId);
        if (task.isEmpty()) {
            return false;
        }
        if (!task.get().claimed()) {
            claimOrConflict(taskId, username);
        }
        onceTheProcessHolds(() -> {
            tasks.complete(taskId, variables);
            return true;
        });
        return true;
    }

    /**
     * Resolves a case the assistant keeps (self-service) with the variables of the resolve form; the resolver is the
     * user, whatever the variables say.
     *
     * @return false when the case is not in self-service
     */
    public boolean resolveSelfService(CaseId caseId, String resolvedBy, Map<String, Object> variables) {
        Map<String, Object> all = new HashMap<>(variables);
        RESOLVED_BY.put(all, resolvedBy);
        return correlate(caseId, CustomerCaseProcess.Messages.RESOLVE_REQUESTED, all);
    }

    /**
     * Closes a resolved case before its follow-up period ends.
     *
     * @return false when the case is not resolved
     */
    public boolean close(CaseId caseId, String closedBy) {
        Map<String, Object> variables = new HashMap<>();
        CLOSED_BY.put(variables, closedBy);
        return correlate(caseId, CustomerCaseProcess.Messages.CLOSE_REQUESTED, variables);
    }

    private boolean correlate(CaseId caseId, String message, Map<String, Object> variables) {
        return onceTheProcessHolds(() -> !runtime.createMessageCorrelation(message)
                .processInstanceBusinessKey(caseId.businessKey()).setVariables(variables).correlateAllWithResult().isEmpty());
    }

    /**
     * Runs a person's action on the case process again when the process changed under it (a customer's message was
     * being taken at the same moment: the engine's optimistic lock); after a few tries it is a conflict (409) for the
     * person to look at again, never a 500.
     */
    private static <T> T onceTheProcessHolds(java.util.function.Supplier<T> action) {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (org.camunda.bpm.engine.OptimisticLockingException changed) {
                if (attempt == 3) {
                    throw new ConflictException("The case changed while this was saved; look at it again and retry");
                }
            }
        }
    }

    private JdbcClient.StatementSpec query(String condition) {
        return jdbc.sql(select() + " AND " + condition)
                .param("candidate", IdentityLinkType.CANDIDATE).param("slaName", SLA_DURATION.name());
    }

    /**
     * The task with its case (the business key), the queue it is offered to (its candidate group) and its SLA, in one
     * statement.
     */
    private String select() {
        if (select == null) {
            String variable = "(SELECT v.TEXT_ FROM " + table(VariableInstanceEntity.class) + " v WHERE v.EXECUTION_ID_ = "
                    + "t.PROC_INST_ID_ AND v.TASK_ID_ IS NULL AND v.NAME_ = :%s)";
            String queue = "(SELECT MIN(q.GROUP_ID_) FROM " + table(IdentityLinkEntity.class) + " q WHERE q.TASK_ID_ = t.ID_ "
                    + "AND q.TYPE_ = :candidate AND q.GROUP_ID_ IS NOT NULL)";
            select = "SELECT t.ID_, t.NAME_, t.PRIORITY_, t.ASSIGNEE_, t.CREATE_TIME_, p.BUSINESS_KEY_, "
                    + queue + " AS QUEUE_, " + variable.formatted("slaName") + " AS SLA_"
                    + " FROM " + table(TaskEntity.class) + " t JOIN " + table(ExecutionEntity.class)
                    + " p ON p.ID_ = t.PROC_INST_ID_ WHERE p.BUSINESS_KEY_ IS NOT NULL";
        }
        return select;
    }

    /** The engine's name for an entity's table, with any configured prefix. */
    private String table(Class<?> entity) {
        return management.getTableName(entity);
    }

    /** The case tasks a statement finds; tasks of processes whose business key is not a case id are not case work. */
    private List<CaseTask> rows(JdbcClient.StatementSpec statement) {
        return statement.query(this::caseTask).list().stream().filter(java.util.Objects::nonNull).toList();
    }

    private CaseTask caseTask(ResultSet row, int index) throws SQLException {
        String key = row.getString("BUSINESS_KEY_");
        if (key == null || key.isEmpty() || key.length() > 18 || !key.chars().allMatch(Character::isDigit)) {
            return null;
        }
        Instant created = row.getTimestamp("CREATE_TIME_").toInstant();
        Duration sla = SLA_DURATION.convert(row.getString("SLA_"));
        return new CaseTask(row.getString("ID_"), CaseId.of(key), row.getString("NAME_"),
                row.getInt("PRIORITY_"), row.getString("QUEUE_"), row.getString("ASSIGNEE_"), created,
                sla == null ? null : created.plus(sla));
    }
}
