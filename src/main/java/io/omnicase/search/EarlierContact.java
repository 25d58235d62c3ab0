package io.omnicase.search;

import java.time.Instant;

/**
 * An earlier case in which the customer wrote about the same issue: when they first and last wrote on it, how often, on
 * which channel, the case's status and the start of their latest message there.
 */
public record EarlierContact(long caseId, String channel, String topic, String caseStatus, Instant firstContact,
                             Instant lastContact, long messages, String excerpt) {
}
