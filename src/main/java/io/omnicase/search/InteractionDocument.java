package io.omnicase.search;

import java.time.Instant;

/** One timeline entry as the history index holds it. */
public record InteractionDocument(long interactionId, long caseId, long customerId, String kind, String channel,
                                  String author, String text, String caseStatus, Instant occurredAt) {
}
