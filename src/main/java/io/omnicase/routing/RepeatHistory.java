package io.omnicase.routing;

import java.time.Instant;

/**
 * Where routing learns whether a case repeats an earlier issue of its customer (same topic or similar text, across
 * channels and cases). Routing declares it, the insight module answers it from the interaction history; without an
 * answer (no implementation, or the history unreachable) a case counts as a first contact.
 */
public interface RepeatHistory {

    /**
     * @param caseId     the case being routed (its own messages never count as earlier contacts)
     * @param customerId its customer
     * @param topic      the topic of the latest customer message
     * @param text       the latest customer message
     * @param now        the moment of the decision; the window ends here
     */
    RepeatFacts repeatsOf(long caseId, long customerId, Topic topic, String text, Instant now);
}
