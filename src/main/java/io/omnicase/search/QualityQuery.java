package io.omnicase.search;

import java.time.Instant;

/**
 * Which quality scores an overview covers: resolved in {@code [from, to)} (either may be null), of one queue, one
 * agent and one case (null: all); {@code lowest} is how many of the lowest-scoring conversations to list.
 */
public record QualityQuery(Instant from, Instant to, String queue, String agent, Long caseId, int lowest) {
}
