package io.omnicase.insight.internal;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpikeRuleTest {

    private final SpikeRule rule = SpikeRule.DEFAULT;

    @Test
    void aFloodOfMessagesOverASteadyBaselineIsASpike() {
        assertThat(rule.isSpike(60, Collections.nCopies(168, 6L))).isTrue();
    }

    @Test
    void anOrdinaryBusyHourIsNot() {
        List<Long> baseline = new java.util.ArrayList<>();
        for (int day = 0; day < 7; day++) {
            for (int hour = 0; hour < 24; hour++) {
                baseline.add(hour >= 9 && hour < 18 ? 12L : 2L);
            }
        }
        assertThat(rule.isSpike(16, baseline)).isFalse();
    }

    @Test
    void aFewMessagesOnAQuietChannelAreNoSpikeHoweverLargeTheRatio() {
        assertThat(rule.isSpike(5, Collections.nCopies(168, 0L))).isFalse();
        assertThat(rule.isSpike(12, Collections.nCopies(168, 0L))).isTrue();
    }
}
