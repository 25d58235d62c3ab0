package io.omnicase.assistant.internal;

import io.omnicase.search.KnowledgeEntry;
import io.omnicase.search.KnowledgeMatch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The confidence of an answer: agreement of the retrieved sources on one topic times coverage of the question. */
class TopicVoteTest {

    @Test
    void sourcesThatAgreeAndCoverTheQuestionGiveFullConfidence() {
        var verdict = TopicVote.decide("How do I reset my password?", List.of(
                match("ACCOUNT", "Reset your password", 9), match("ACCOUNT", "I forgot my password", 5)));

        assertThat(verdict.topic()).isEqualTo("ACCOUNT");
        assertThat(verdict.confidence()).isEqualTo(1.0);
    }

    @Test
    void scatteredTopicsAndPartialMatchesGiveLowConfidence() {
        var verdict = TopicVote.decide("My pet iguana refuses lettuce, what should it eat?", List.of(
                match("BILLING", "What should I pay for my pet insurance", 4), match("ACCOUNT", "Eat less screen time", 3.5),
                match("OTHER", "Delivery of lettuce", 3.4)));

        assertThat(verdict.confidence()).isLessThan(0.25);
    }

    @Test
    void nothingRetrievedMeansNoTopicAndNoConfidence() {
        var verdict = TopicVote.decide("anything", List.of());

        assertThat(verdict.topic()).isNull();
        assertThat(verdict.confidence()).isZero();
    }

    @Test
    void coverageIgnoresStopWordsAndSimpleInflections() {
        assertThat(TopicVote.coverage("Why was my card charged twice?", "Card charges: we never charge twice"))
                .isEqualTo(1.0);
    }

    private static KnowledgeMatch match(String topic, String title, double score) {
        return new KnowledgeMatch(new KnowledgeEntry("example:" + title.hashCode(), "EXAMPLE", topic, title, "", "answer",
                "test"), score);
    }
}
