package io.omnicase.process.internal;

import io.omnicase.cases.CaseAccess;
import io.omnicase.process.DeploymentPolicy;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.IdentityLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who a task may go to, whatever a process model or a caller of the engine says: a task is offered to queues, and held
 * by someone who works one of them (an agent of the queue, a supervisor or an admin). Every user task of every model
 * gets this as a built-in listener (it runs before the model's own and cannot be skipped):
 * <ul>
 *     <li>when a task is created, candidate users, and every candidate group that is not exactly one of the queues
 *     ({@link Queue}: a role's group such as {@code designer}, {@code camunda-admin}, or {@code "designer "}, which the
 *     database would match to the role's group), are taken off it: a model could otherwise hand every case to a role
 *     that reads none;</li>
 *     <li>when a task is created or assigned, an assignee who does not work any of its queues is taken off it (the
 *     task goes back to its queue).</li>
 * </ul>
 * Each removal is logged as a warning naming the task and the person. The deploy policy refuses such models and
 * Tasklist's filter refuses such hand-outs with a problem first; this is the rule when anything gets past them
 * (an expression, a variable the model sets).
 */
final class TaskPeople implements TaskListener {

    private static final Logger LOG = LoggerFactory.getLogger(TaskPeople.class);

    /** The groups a task may be offered to: the queues, by their exact names. */
    static final Set<String> QUEUES = DeploymentPolicy.QUEUES;

    private final Supplier<CaseAccess> access;

    TaskPeople(Supplier<CaseAccess> access) {
        this.access = access;
    }

    /** Adds this listener to every user task the engine parses. */
    AbstractBpmnParseListener onEveryUserTask() {
        TaskPeople people = this;
        return new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
                    behavior.getTaskDefinition().addBuiltInTaskListener(EVENTNAME_CREATE, people);
                    behavior.getTaskDefinition().addBuiltInTaskListener(EVENTNAME_ASSIGNMENT, people);
                }
            }
        };
    }

    /**
     * Takes a candidate off a task being created. Its link is not written yet, so the engine's own removal (which looks
     * for the link in the database) would not find it: the link itself is deleted, which drops its insert.
     */
    private static void takeOff(DelegateTask task, IdentityLink candidate) {
        if (task instanceof TaskEntity entity && candidate instanceof IdentityLinkEntity link) {
            link.delete();
            entity.getIdentityLinks().remove(link);
        } else if (candidate.getUserId() != null) {
            task.deleteCandidateUser(candidate.getUserId());
        } else {
            task.deleteCandidateGroup(candidate.getGroupId());
        }
    }

    @Override
    public void notify(DelegateTask task) {
        List<String> queues = new ArrayList<>();
        for (IdentityLink candidate : List.copyOf(task.getCandidates())) {
            if (!EVENTNAME_CREATE.equals(task.getEventName())) {
                if (candidate.getGroupId() != null) {
                    queues.add(candidate.getGroupId());
                }
            } else if (candidate.getUserId() != null) {
                LOG.warn("Task {} ({}): the model offered it to user {}; tasks are offered to queues", task.getId(),
                        task.getTaskDefinitionKey(), candidate.getUserId());
                takeOff(task, candidate);
            } else if (!QUEUES.contains(candidate.getGroupId())) {
                LOG.warn("Task {} ({}): the model offered it to '{}', which is no queue; tasks are offered to queues {}",
                        task.getId(), task.getTaskDefinitionKey(), candidate.getGroupId(), QUEUES);
                takeOff(task, candidate);
            } else {
                queues.add(candidate.getGroupId());
            }
        }
        String assignee = task.getAssignee();
        if (assignee != null && queues.stream().noneMatch(queue -> access.get().worksQueue(assignee, queue))
                && !access.get().worksQueue(assignee, null)) {
            LOG.warn("Task {} ({}): {} works none of its queues {}; the task goes back to its queue", task.getId(),
                    task.getTaskDefinitionKey(), assignee, queues);
            task.setAssignee(null);
        }
    }
}
