package io.omnicase.insight;

import java.time.Instant;

/**
 * An earlier case of the same customer about the same issue, as the desk lists it. {@code readable} says whether the
 * reader may open it; the excerpt of a case they may not read is left out.
 */
public record EarlierCase(long caseId, String channel, String topic, String status, String outcome, Instant firstContact,
                          Instant lastContact, long messages, String excerpt, boolean readable) {
}
