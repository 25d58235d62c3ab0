package io.omnicase.cases;

import java.util.List;

/**
 * A routing decision as the case records it: once, as the detail of the decision's timeline entry, where the desk, the
 * handover and auditors read it back as this type.
 *
 * @param selfService    whether the assistant keeps the case
 * @param queue          the queue (the candidate group of the case's task) the rules chose
 * @param priority       the task priority the rules chose
 * @param requiredSkills what the person who takes the case must be able to do
 * @param rulesFired     the names of the rules that made it, the decision's reasons
 * @param ruleSetVersion the version of the rule set that decided
 */
public record Decision(boolean selfService, String queue, int priority, List<String> requiredSkills,
                       List<String> rulesFired, String ruleSetVersion) implements EntryDetail {

    public Decision {
        requiredSkills = requiredSkills == null ? List.of() : List.copyOf(requiredSkills);
        rulesFired = rulesFired == null ? List.of() : List.copyOf(rulesFired);
    }

    /** The same decision as it placed a case a person's task waits in: that queue and priority, no self-service. */
    public Decision placedIn(String taskQueue, int taskPriority) {
        return new Decision(false, taskQueue, taskPriority, requiredSkills, rulesFired, ruleSetVersion);
    }
}
