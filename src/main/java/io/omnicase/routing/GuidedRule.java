package io.omnicase.routing;

import java.util.List;

/**
 * One row of the rule table: when all its conditions hold, its actions shape the decision.
 *
 * @param name       a sentence that says what the rule does; the decision lists it among the rules that fired
 * @param conditions all must hold; none means the row applies to every message
 */
public record GuidedRule(String name, List<RuleCondition> conditions, RuleActions actions) {
}
