package io.omnicase.cases;

import io.omnicase.customers.Channel;

import java.time.Instant;

/** An entry was added to a case timeline; carries everything the history index needs ({@code channel} only on messages). */
public record InteractionRecorded(long interactionId, long caseId, long customerId, InteractionKind kind,
                                  Channel channel, String author, String text, CaseStatus caseStatus,
                                  Instant occurredAt) {
}
