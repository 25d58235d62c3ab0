package io.omnicase.insight;

import io.omnicase.search.InsightQueries;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spike detection on a generated history with a planted spike, written through the bulk API into the real index. The
 * history lies in 2021, where no other test writes, so the shared index's other data does not matter.
 */
@RunningOmnicase
@RecordApplicationEvents
class SpikeDetectionIT {

    private static final Instant END = Instant.parse("2021-03-10T00:00:00Z");
    private static final Instant SPIKE = Instant.parse("2021-03-09T10:00:00Z");
    private static HistoryGenerator.Generated history;

    @Autowired
    InsightQueries queries;
    @Autowired
    SpikeWatch watch;
    @Autowired
    ApplicationEvents events;

    @BeforeEach
    void aNineDayHistoryWithAnAppCrashFloodingTheChatForTwoHours() {
        if (history == null) {
            history = HistoryGenerator.generate(new HistoryGenerator.Plan(11, END, 9, 15_000, 0,
                    List.of(new HistoryGenerator.PlantedSpike("crash-after-update", "CHAT", SPIKE, 2, 30)),
                    7_100_000_000L), HistoryGenerator.into(queries), 1000);
            queries.refresh();
        }
    }

    @Test
    void thePlantedSpikeIsFoundInItsFirstWindowNamedByItsRisingTermsWithItsCasesAndAnnouncedOnce() {
        Instant windowEnd = SPIKE.plus(watch.window());

        List<Spike> announced = watch.checkAndPublish(windowEnd);

        assertThat(announced).hasSize(1);
        Spike spike = announced.get(0);
        assertThat(spike.topic()).isEqualTo("TECHNICAL");
        assertThat(spike.channel()).isEqualTo("CHAT");
        assertThat(spike.messages()).isGreaterThanOrEqualTo(20);
        assertThat(spike.baselineMean()).isLessThan(5);
        assertThat(spike.risingTerms()).containsAnyOf("5.2", "update", "crashes", "updating");
        Set<Long> planted = history.cases().stream().filter(c -> c.issue().equals("crash-after-update")
                        && c.openedAt().isBefore(windowEnd)).map(HistoryGenerator.GeneratedCase::caseId)
                .collect(Collectors.toSet());
        assertThat(spike.caseIds()).isNotEmpty().allMatch(planted::contains);
        assertThat(spike.caseIds().size()).isGreaterThanOrEqualTo(planted.size() * 8 / 10);
        assertThat(events.stream(SpikeDetected.class)).containsExactly(spike.event());

        assertThat(watch.checkAndPublish(windowEnd)).as("a window's spike is announced once").isEmpty();
    }

    @Test
    void ordinaryWindowsOfTheSameHistoryRaiseNoAlert() {
        for (Instant end = Instant.parse("2021-03-08T06:00:00Z"); end.isBefore(SPIKE); end = end.plus(Duration.ofHours(1))) {
            assertThat(watch.spikesAt(end)).as("window ending " + end).isEmpty();
        }
    }
}
