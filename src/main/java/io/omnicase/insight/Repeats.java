package io.omnicase.insight;

import java.time.Instant;
import java.util.List;

/**
 * A case's repeat history: the customer's earlier cases about the same issue within the window, latest first.
 *
 * @param repeatCount the earlier cases plus this one: what routing's "contacts about the same issue" fact holds
 */
public record Repeats(long caseId, String topic, Instant windowFrom, Instant windowTo, int repeatCount,
                      List<EarlierCase> earlier) {
}
