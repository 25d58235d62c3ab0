package io.omnicase.cases;

import java.time.Instant;

/**
 * A user read a case (its details, timeline, attachments, handover or live feed) past the case access policy;
 * {@code via} names a read that was not of the case itself ("search": its messages among search results), or is null.
 */
public record CaseRead(long caseId, long customerId, String username, Instant readAt, String via) {

    public CaseRead(long caseId, long customerId, String username, Instant readAt) {
        this(caseId, customerId, username, readAt, null);
    }
}
