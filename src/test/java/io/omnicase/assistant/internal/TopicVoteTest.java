package io.omnicase.assistant.internal;

import io.omnicase.search.KnowledgeEntry;
import io.omnicase.search.KnowledgeMatch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The topic and calibrated confidence of an answer, from the similarity in meaning of the retrieved sources. */
class TopicVoteTest {

    @Test
    void closeSourcesOfOneTopicWellAboveTheOthersGiveHighConfidence() {
        var verdict = TopicVote.decide(List.of(
                match("ACCOUNT", "Reset your password", 0.86), match("ACCOUNT", "I forgot my password", 0.80),
                match("BILLING", "Change my card", 0.35)));

        assertThat(verdict.topic()).isEqualTo("ACCOUNT");
        assertThat(verdict.confidence()).isGreaterThanOrEqualTo(0.75);
        assertThat(verdict.support()).extracting(m -> m.entry().title())
                .containsExactly("Reset your password", "I forgot my password");
    }

    @Test
    void twoTopicsEquallyCloseGiveClearlyLessConfidenceThanOneTopicAlone() {
        var tie = TopicVote.decide(List.of(
                match("ACCOUNT", "Reset your password", 0.80), match("BILLING", "Reset your billing password", 0.80)));
        var alone = TopicVote.decide(List.of(
                match("ACCOUNT", "Reset your password", 0.80), match("BILLING", "Change my card", 0.35)));

        assertThat(tie.confidence()).isLessThan(alone.confidence() - 0.2);
        assertThat(tie.margin()).isZero();
    }

    @Test
    void distantSourcesGiveLowConfidence() {
        var verdict = TopicVote.decide(List.of(
                match("BILLING", "What should I pay for my pet insurance", 0.31),
                match("ACCOUNT", "Eat less screen time", 0.22), match("OTHER", "Delivery of lettuce", 0.20)));

        assertThat(verdict.confidence()).isLessThan(0.25);
    }

    @Test
    void theConfidenceGrowsWithTheSimilarityAndTheMargin() {
        assertThat(TopicVote.calibrated(0.8, 0.1)).isGreaterThan(TopicVote.calibrated(0.7, 0.1));
        assertThat(TopicVote.calibrated(0.8, 0.2)).isGreaterThan(TopicVote.calibrated(0.8, 0.1));
    }

    @Test
    void nothingRetrievedMeansNoTopicAndNoConfidence() {
        var verdict = TopicVote.decide(List.of());

        assertThat(verdict.topic()).isNull();
        assertThat(verdict.confidence()).isZero();
    }

    private static KnowledgeMatch match(String topic, String title, double similarity) {
        return new KnowledgeMatch(new KnowledgeEntry("example:" + title.hashCode(), "EXAMPLE", topic, title, "", "answer",
                "test"), 0.01, similarity);
    }
}
