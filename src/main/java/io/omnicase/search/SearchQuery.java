package io.omnicase.search;

import java.time.Instant;
import java.util.Set;

/**
 * What to look for in the history; every part but {@code onlyCases} is optional. {@code onlyCases} is the reader's
 * scope: {@code null} for a reader of every case, else the only case ids that may match (a filter inside the query).
 */
public record SearchQuery(String text, Long customerId, Long caseId, String channel, Instant from, Instant to, int size,
                          Set<Long> onlyCases) {
}
