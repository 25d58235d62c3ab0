package io.omnicase.cases;

import java.time.Instant;

/** An entry was added to a case timeline; carries everything the history index needs. */
public record InteractionRecorded(long interactionId, long caseId, long customerId, InteractionKind kind,
                                  String channel, String author, String text, CaseStatus caseStatus,
                                  Instant occurredAt) {
}
