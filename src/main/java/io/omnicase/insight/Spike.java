package io.omnicase.insight;

import java.time.Instant;
import java.util.List;

/**
 * A spike as the watch finds it: the topic and channel, how many customer messages the window had against the
 * baseline's mean per window, the rising terms and the cases using them.
 */
public record Spike(String topic, String channel, long messages, double baselineMean, List<String> risingTerms,
                    List<Long> caseIds, Instant at) {

    /** The event announcing it. */
    public SpikeDetected event() {
        return new SpikeDetected(topic, channel, risingTerms, caseIds, at);
    }
}
