package io.omnicase.cases;

import java.time.Instant;

/** A user read a case (its details, timeline, attachments, handover or live feed) past the case access policy. */
public record CaseRead(long caseId, long customerId, String username, Instant readAt) {
}
