package io.omnicase.process;

/**
 * A person's task on a case was created (the case was escalated to a queue); published in the engine's transaction, so
 * a listener after commit finds the task.
 */
public record CaseTaskCreated(long caseId, String taskId) {
}
