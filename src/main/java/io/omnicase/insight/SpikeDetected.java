package io.omnicase.insight;

import java.time.Instant;
import java.util.List;

/**
 * Customer messages of a topic on a channel rose far above their baseline in the window ending {@code at}.
 *
 * @param risingTerms the words significant in the window against the baseline, most significant first
 * @param caseIds     the cases of the window whose messages use them
 */
public record SpikeDetected(String topic, String channel, List<String> risingTerms, List<Long> caseIds, Instant at) {

    public SpikeDetected {
        risingTerms = List.copyOf(risingTerms);
        caseIds = List.copyOf(caseIds);
    }
}
