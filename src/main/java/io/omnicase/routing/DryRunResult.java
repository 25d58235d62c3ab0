package io.omnicase.routing;

import java.time.Instant;
import java.util.List;

/**
 * What a candidate rule set would decide on recent cases, next to what the active rules decide on the same facts.
 *
 * @param changed how many of the replayed cases would be routed differently
 */
public record DryRunResult(String activeVersion, int replayed, int changed, List<Row> rows) {

    /** One replayed case: its last recorded facts, decided by the active and by the candidate rules. */
    public record Row(long caseId, Instant decidedAt, RoutingDecision active, RoutingDecision candidate,
                      boolean changed) {
    }
}
