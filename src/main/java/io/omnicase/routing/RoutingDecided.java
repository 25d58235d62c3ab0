package io.omnicase.routing;

import java.time.Instant;
import java.util.List;

/**
 * Routing decided how a case is handled; published in the deciding transaction, for the audit trail's "why".
 *
 * @param factsJson      the facts the rules read, as JSON (what a dry run replays)
 * @param ruleSetVersion the label of the rule set that decided ({@code v<version>})
 * @param rulesFired     the rules that fired, in firing order
 */
public record RoutingDecided(long caseId, String factsJson, boolean selfService, String queue, int priority,
                             List<String> rulesFired, String ruleSetVersion, List<String> reasons, Instant decidedAt) {

    public RoutingDecided {
        rulesFired = rulesFired == null ? List.of() : List.copyOf(rulesFired);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
