package io.omnicase.history;

import java.time.Instant;

/** What to look for in the history; every part is optional. */
public record SearchQuery(String text, Long customerId, Long caseId, String channel, Instant from, Instant to, int size) {
}
