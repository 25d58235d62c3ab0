package io.omnicase.process;

/**
 * A person's task on a case was given to someone or given back, however it happened (a claim at the desk or in
 * Tasklist, a supervisor's take-over); published in the engine's transaction.
 *
 * @param assignee who holds the task now; null when it went back to its queue
 */
public record CaseTaskAssigned(long caseId, String taskId, String assignee) {
}
