package io.omnicase.process;

/**
 * What a person does next on a case and the form they fill in for it: an open user task of the case's process (any
 * task a designer put in the model), or, while the assistant keeps the case, resolving it with the form of the
 * model's handling task.
 *
 * @param taskId the task, null when the step resolves a case in self-service (there is no task then)
 * @param name   the task's name as the model gives it
 * @param action whether submitting resolves the case or completes a task after which the process goes on
 * @param form   the Camunda Form deployed for the step with the case's process version; null when the task has none
 */
public record CaseStep(String taskId, String name, Action action, FormSchema form) {

    /** What submitting the step's form does. */
    public enum Action { RESOLVE, COMPLETE }
}
