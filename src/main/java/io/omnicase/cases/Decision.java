package io.omnicase.cases;

import java.util.List;

/**
 * A routing decision as the case records it.
 *
 * @param selfService    whether the assistant keeps the case
 * @param requiredSkills what the person who takes the case must be able to do
 * @param rulesFired     the names of the rules that made it, the decision's reasons
 * @param ruleSetVersion the version of the rule set that decided
 */
public record Decision(boolean selfService, String queue, int priority, List<String> requiredSkills,
                       List<String> rulesFired, String ruleSetVersion) {
}
