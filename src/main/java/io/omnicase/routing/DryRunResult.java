package io.omnicase.routing;

import java.time.Instant;
import java.util.List;

/**
 * What a candidate rule set would decide on recent cases, next to what the active rules decide on the same facts.
 *
 * @param changed how many of the replayed cases would be routed differently
 */
public record DryRunResult(String activeVersion, int replayed, int changed, List<Row> rows) {

    /**
     * One replayed case: its last recorded facts, decided by the active and by the candidate rules. {@code now} says
     * where the case stands when new rules would not move it ("resolved", "closed", "held by Alex Agent"; a held case
     * stays with its holder), null when they would.
     */
    public record Row(long caseId, Instant decidedAt, RoutingDecision active, RoutingDecision candidate,
                      boolean changed, String now) {

        public Row standing(String now) {
            return new Row(caseId, decidedAt, active, candidate, changed, now);
        }
    }

    /** The same result with each row's standing ({@link Row#now}) as {@code standing} tells it. */
    public DryRunResult withStanding(java.util.function.LongFunction<String> standing) {
        return new DryRunResult(activeVersion, replayed, changed, rows.stream()
                .map(row -> row.standing(standing.apply(row.caseId()))).toList());
    }
}
