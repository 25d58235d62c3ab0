package io.omnicase.routing;

import java.util.List;

/**
 * What routing decided for a case.
 *
 * @param rulesFired     the names of the rules that fired, in firing order: the decision's reasons
 * @param ruleSetVersion the version of the rule set that decided
 */
public record RoutingDecision(boolean selfService, Queue queue, Priority priority, Topic topic, List<String> rulesFired,
                              String ruleSetVersion) {
}
