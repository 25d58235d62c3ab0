package io.omnicase.routing;

import java.util.List;
import java.util.Set;

/**
 * What routing decided for a case.
 *
 * @param requiredSkills what the person who takes the case must be able to do
 * @param rulesFired     the names of the rules that fired, in firing order: the decision's reasons
 * @param ruleSetVersion the version of the rule set that decided
 * @param reasons        what the rules that fired want the person taking the case to know (their reason action)
 */
public record RoutingDecision(boolean selfService, Queue queue, Priority priority, Set<Skill> requiredSkills,
                              Topic topic, List<String> rulesFired, String ruleSetVersion, List<String> reasons) {

    /** Whether another decision sends the case elsewhere: self-service, queue, priority or skills differ. */
    public boolean differsFrom(RoutingDecision other) {
        return selfService != other.selfService || queue != other.queue || priority != other.priority
                || !requiredSkills.equals(other.requiredSkills);
    }
}
