package io.omnicase.insight;

import io.omnicase.search.CaseOutcome;
import io.omnicase.search.TaggedInteraction;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryGeneratorTest {

    private static final Instant END = Instant.parse("2026-06-01T00:00:00Z");

    private record Collected(List<TaggedInteraction> interactions, List<CaseOutcome> outcomes,
                             HistoryGenerator.Generated generated) {
    }

    private static Collected generate(long seed) {
        List<TaggedInteraction> interactions = new ArrayList<>();
        List<CaseOutcome> outcomes = new ArrayList<>();
        HistoryGenerator.Plan plan = new HistoryGenerator.Plan(seed, END, 30, 20_000, 50,
                List.of(new HistoryGenerator.PlantedSpike("crash-after-update", "CHAT", END.minus(Duration.ofDays(2)), 2, 30)),
                1_000_000L);
        HistoryGenerator.Generated generated = HistoryGenerator.generate(plan, (i, o) -> {
            interactions.addAll(i);
            outcomes.addAll(o);
        }, 1000);
        return new Collected(interactions, outcomes, generated);
    }

    @Test
    void theSameSeedGivesTheSameHistoryAndAnotherSeedAnother() {
        Collected one = generate(7);
        Collected again = generate(7);
        Collected other = generate(8);

        assertThat(again.interactions()).isEqualTo(one.interactions());
        assertThat(again.outcomes()).isEqualTo(one.outcomes());
        assertThat(other.interactions()).isNotEqualTo(one.interactions());
    }

    @Test
    void theHistoryHasAboutThePlannedSizeOnSeveralChannelsWithinThePeriodAndThePlantedSpike() {
        Collected history = generate(7);

        assertThat(history.interactions()).hasSizeBetween(15_000, 25_000);
        assertThat(history.interactions()).allSatisfy(i -> assertThat(i.document().occurredAt())
                .isBefore(END).isAfter(END.minus(Duration.ofDays(31))));
        assertThat(history.interactions().stream().map(i -> i.document().channel()).distinct())
                .contains("EMAIL", "CHAT", "WHATSAPP", "SMS", "VOICE", "MESSENGER");
        assertThat(history.generated().cases().stream().filter(c -> c.issue().equals("crash-after-update"))).hasSize(60);
        assertThat(history.outcomes()).hasSameSizeAs(history.generated().cases());
    }

    @Test
    void plantedRepeatsComeBackOnOtherChannelsAndAreInTheTruth() {
        Collected history = generate(7);
        Map<Long, List<Long>> truth = history.generated().repeatsWithin(Duration.ofDays(90));

        List<HistoryGenerator.GeneratedCase> planted = history.generated().cases().stream()
                .filter(c -> c.planted() && !c.issue().equals("crash-after-update")).toList();
        assertThat(planted.size()).isGreaterThanOrEqualTo(100);
        long withEarlier = planted.stream().filter(c -> !truth.get(c.caseId()).isEmpty()).count();
        assertThat(withEarlier).isGreaterThanOrEqualTo(50);
    }

    /**
     * Routing's topic is a keyword classifier: most, not all, of an issue's phrasings land in its queue's topic (the
     * terse ones, "dashboard takes forever", carry none of its keywords; two in three of the technical ones do).
     */
    @Test
    void mostPhrasingsOfBillingAndTechnicalIssuesGetTheirQueuesTopicFromRouting() {
        for (String queue : List.of("billing", "technical")) {
            List<String> phrasings = HistoryGenerator.ISSUES.stream().filter(i -> i.queue().equals(queue))
                    .flatMap(i -> i.phrasings().stream()).toList();
            long matching = phrasings.stream()
                    .filter(p -> io.omnicase.routing.MessageFacts.topicOf(p).name().equalsIgnoreCase(queue)).count();
            assertThat((double) matching / phrasings.size()).as(queue).isGreaterThanOrEqualTo(0.65);
        }
    }
}
