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

    /**
     * The decision for a message whose sender is not verified: no self-service (the assistant's answer would go to
     * whoever the sender claims to be), the rules' queue and priority, and why, first among the reasons and the
     * rules, where the timeline, the desk and the handover read them.
     */
    public RoutingDecision withoutAutomaticAnswer(String why) {
        List<String> fired = new java.util.ArrayList<>(rulesFired.size() + 1);
        fired.add(NO_AUTOMATIC_ANSWER + why);
        fired.addAll(rulesFired);
        List<String> said = new java.util.ArrayList<>(reasons.size() + 1);
        said.add(NO_AUTOMATIC_ANSWER + why);
        said.addAll(reasons);
        return new RoutingDecision(false, queue, priority, requiredSkills, topic, List.copyOf(fired), ruleSetVersion,
                List.copyOf(said));
    }

    /** How a decision without automatic answer begins its reason. */
    public static final String NO_AUTOMATIC_ANSWER = "No automatic answer, ";

    /** Whether another decision sends the case elsewhere: self-service, queue, priority or skills differ. */
    public boolean differsFrom(RoutingDecision other) {
        return selfService != other.selfService || queue != other.queue || priority != other.priority
                || !requiredSkills.equals(other.requiredSkills);
    }
}
