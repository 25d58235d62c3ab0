package io.omnicase.insight.internal.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A resolved case as the scorer reads it: the turns of the conversation in order, when a person became responsible
 * (the case was escalated; null when it never was: then the customer's first message starts the clock) and the SLA
 * of the case's priority.
 */
record Conversation(List<Turn> turns, Instant escalatedAt, Duration sla) {

    Conversation {
        turns = List.copyOf(turns);
    }

    enum Speaker { CUSTOMER, PERSON, ASSISTANT }

    /** One message; {@code sentiment} (-1..1) on the customer's messages only. */
    record Turn(Speaker speaker, String author, String text, Instant at, Double sentiment) {

        static Turn customer(String text, Instant at, double sentiment) {
            return new Turn(Speaker.CUSTOMER, null, text, at, sentiment);
        }

        static Turn person(String author, String text, Instant at) {
            return new Turn(Speaker.PERSON, author, text, at, null);
        }

        static Turn assistant(String text, Instant at) {
            return new Turn(Speaker.ASSISTANT, "assistant", text, at, null);
        }
    }
}
