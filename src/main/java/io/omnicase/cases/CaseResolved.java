package io.omnicase.cases;

import java.time.Instant;
import java.util.List;

/**
 * A case was resolved.
 *
 * @param question the customer's last messages on the case (up to three, oldest first), one after the other
 * @param questions the same messages each on its own
 * @param answer   what resolved it: the last reply of a person, else the resolution note; null if neither exists
 * @param topic    the topic the agent (or routing) gave the case; may be null
 */
public record CaseResolved(long caseId, long customerId, String resolvedBy, String question, List<String> questions,
                           String answer, String topic, Instant occurredAt) {

    public CaseResolved {
        questions = questions == null ? List.of() : List.copyOf(questions);
    }
}
