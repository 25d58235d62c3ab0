package io.omnicase.cases;

import java.util.Set;

/**
 * Who a case's open work is assigned to, as the case process knows it (a claimed task, or a task a supervisor
 * assigned in Tasklist). The case access policy asks it, so an agent reaches a case assigned to them wherever it sits;
 * the process module answers it, because only it knows tasks.
 */
public interface CaseAssignments {

    /** Whether an open task of the case is assigned to the user. */
    boolean isAssigned(String username, CaseId caseId);

    /** The cases with an open task assigned to the user. */
    Set<Long> assignedTo(String username);

    /** Who holds the case's open task; empty when no one does (or the case has no task). */
    java.util.Optional<String> assigneeOf(CaseId caseId);

    /**
     * Gives the case's open task to the user when nobody holds it and it is offered to one of {@code queues}; false
     * when someone holds it, it is offered elsewhere, or the case has no task.
     */
    default boolean takeIfFree(String username, CaseId caseId, Set<String> queues) {
        return false;
    }
}
