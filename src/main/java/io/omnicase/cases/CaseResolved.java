package io.omnicase.cases;

import java.time.Instant;

/**
 * A case was resolved.
 *
 * @param question the customer's last messages on the case (up to three, oldest first)
 * @param answer   what resolved it: the last reply of a person, else the resolution note; null if neither exists
 * @param topic    the topic the agent (or routing) gave the case; may be null
 */
public record CaseResolved(long caseId, long customerId, String resolvedBy, String question, String answer,
                           String topic, Instant occurredAt) {
}
