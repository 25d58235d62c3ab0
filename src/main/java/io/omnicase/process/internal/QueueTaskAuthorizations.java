package io.omnicase.process.internal;

import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.task.Task;

/**
 * A task's Camunda authorizations follow where the task is now. The engine grants READ and TASK_WORK on a task to each
 * candidate group and to its assignee, but its default provider never takes them back: a task moved from the technical
 * queue to billing stayed readable and claimable in Tasklist for every technical agent, and an agent who lost a task to
 * a supervisor could still work it there. Here a group removed from the candidates, and an assignee replaced, lose the
 * task's authorizations (runtime and history) in the same transaction.
 */
final class QueueTaskAuthorizations extends DefaultAuthorizationProvider {

    @Override
    public AuthorizationEntity[] deleteTaskGroupIdentityLink(Task task, String groupId, String type) {
        if (groupId != null) {
            AuthorizationManager authorizations = Context.getCommandContext().getAuthorizationManager();
            authorizations.deleteAuthorizationsByResourceIdAndGroupId(Resources.TASK, task.getId(), groupId);
            authorizations.deleteAuthorizationsByResourceIdAndGroupId(Resources.HISTORIC_TASK, task.getId(), groupId);
        }
        return super.deleteTaskGroupIdentityLink(task, groupId, type);
    }

    /** Tasks are offered to queues: a candidate user, or a group that is no queue, is given nothing (see {@link TaskPeople}). */
    @Override
    public AuthorizationEntity[] newTaskUserIdentityLink(Task task, String userId, String type) {
        return null;
    }

    @Override
    public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
        return TaskPeople.QUEUES.contains(groupId) ? super.newTaskGroupIdentityLink(task, groupId, type) : null;
    }

    @Override
    public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
        if (oldAssignee != null && !oldAssignee.equals(newAssignee) && !oldAssignee.equals(task.getOwner())) {
            AuthorizationManager authorizations = Context.getCommandContext().getAuthorizationManager();
            authorizations.deleteAuthorizationsByResourceIdAndUserId(Resources.TASK, task.getId(), oldAssignee);
            authorizations.deleteAuthorizationsByResourceIdAndUserId(Resources.HISTORIC_TASK, task.getId(), oldAssignee);
        }
        return super.newTaskAssignee(task, oldAssignee, newAssignee);
    }
}
