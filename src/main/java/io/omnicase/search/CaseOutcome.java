package io.omnicase.search;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * One case as coaching reads it, a document of the {@code case-outcomes} index: who handled it, what it was about, how
 * it ended, and its one moment most worth a coaching talk. Derived from the case and its timeline in MariaDB (the
 * index can be rebuilt from it); numbers that are flags are 0 or 1 so that their average is a rate.
 *
 * @param agent                  the person who last replied; {@code assistant} when no person did
 * @param handleSeconds          from opening to resolution; null while unresolved
 * @param firstContactResolution 1 when resolved with at most one reply and never reopened, else 0
 * @param reopened               1 when the case was reopened at least once
 * @param sentimentChange        the customer's last message's sentiment minus their first's; null with fewer than two
 * @param fellAt                 when an agent's reply was followed by the steepest fall of the customer's mood; null if none fell
 * @param fellBefore             the sentiment of the customer's message before that reply
 * @param fellAfter              the sentiment of the customer's next message
 * @param fellExcerpt            the start of that reply
 * @param lastExcerpt            the start of the customer's last message
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseOutcome(long caseId, long customerId, String agent, String topic, String queue, String channel,
                          String status, Instant openedAt, Instant resolvedAt, Long handleSeconds, int replies,
                          int firstContactResolution, int reopened, Double sentimentFirst, Double sentimentLast,
                          Double sentimentChange, int slaBreaches, Instant fellAt, Double fellBefore, Double fellAfter,
                          Double fellDrop, String fellAgent, String fellExcerpt, String lastExcerpt) {
}
