package io.omnicase.insight.internal.quality;

import io.omnicase.insight.QualityComponent;
import io.omnicase.insight.QualityRules;
import io.omnicase.insight.QualityScore.Part;
import io.omnicase.insight.internal.quality.Conversation.Turn;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QualityScorerTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Duration SLA = Duration.ofHours(4);

    static QualityRules rules(int firstResponse, int ownership, int empathy, int confirmation, int sentiment) {
        return new QualityRules(new QualityRules.Weights(firstResponse, ownership, empathy, confirmation, sentiment),
                List.of("I will", "I'll", "I'll make sure", "leave it with me"),
                List.of("I understand", "sorry to hear", "I'm sorry"),
                List.of("thank you", "thanks", "that worked", "solved"), 2.0, 2, 0.5);
    }

    static final QualityRules RULES = rules(25, 20, 20, 20, 15);

    /** The customer complains, an agent answers with empathy and ownership within the SLA, the customer confirms. */
    static Conversation goodConversation() {
        return new Conversation(List.of(
                Turn.customer("I was charged twice for my subscription!", T0, -0.6),
                Turn.person("agent", "I understand, and I'm sorry to hear that. I'll make sure the refund goes out today.",
                        T0.plus(Duration.ofMinutes(20))),
                Turn.customer("Thank you, that worked", T0.plus(Duration.ofHours(1)), 0.5)),
                T0.plus(Duration.ofMinutes(1)), SLA);
    }

    @Test
    void anEmpatheticOwningReplyWithinTheSlaThatTheCustomerConfirmsScoresFullMarks() {
        QualityScorer.Result result = QualityScorer.score(goodConversation(), RULES);

        assertThat(part(result, QualityComponent.FIRST_RESPONSE).score()).isEqualTo(1.0);
        assertThat(part(result, QualityComponent.FIRST_RESPONSE).detail())
                .isEqualTo("First reply after 19 min, within the SLA of 4 h");
        assertThat(part(result, QualityComponent.OWNERSHIP).found()).containsExactly("I'll", "I'll make sure");
        assertThat(part(result, QualityComponent.OWNERSHIP).score()).isEqualTo(1.0);
        assertThat(part(result, QualityComponent.EMPATHY).found()).containsExactly("I understand", "sorry to hear", "I'm sorry");
        assertThat(part(result, QualityComponent.CONFIRMATION).score()).isEqualTo(1.0);
        assertThat(part(result, QualityComponent.CONFIRMATION).found()).containsExactly("thank you", "that worked");
        // From -0.6 to +0.5: a rise of 1.1, more than the 0.5 that gives full marks.
        assertThat(part(result, QualityComponent.SENTIMENT).score()).isEqualTo(1.0);
        assertThat(result.total()).isEqualTo(100.0);
        assertThat(result.parts()).extracting(Part::points).containsExactly(25.0, 20.0, 20.0, 20.0, 15.0);
    }

    @Test
    void aLateReplyLosesPointsInAStraightLineUntilTheLateFactorTimesTheSla() {
        Conversation sixHours = withFirstReplyAfter(Duration.ofHours(6));
        Conversation eightHours = withFirstReplyAfter(Duration.ofHours(8));
        Conversation tenHours = withFirstReplyAfter(Duration.ofHours(10));

        assertThat(part(QualityScorer.score(sixHours, RULES), QualityComponent.FIRST_RESPONSE).score()).isEqualTo(0.5);
        assertThat(part(QualityScorer.score(sixHours, RULES), QualityComponent.FIRST_RESPONSE).detail())
                .isEqualTo("First reply after 6 h, over the SLA of 4 h");
        assertThat(part(QualityScorer.score(eightHours, RULES), QualityComponent.FIRST_RESPONSE).score()).isEqualTo(0.0);
        assertThat(part(QualityScorer.score(tenHours, RULES), QualityComponent.FIRST_RESPONSE).score()).isEqualTo(0.0);
        assertThat(QualityScorer.score(sixHours, RULES).total()).isEqualTo(87.5);
    }

    @Test
    void theWeightsDecideHowMuchEachComponentCounts() {
        Conversation late = withFirstReplyAfter(Duration.ofHours(8));
        assertThat(QualityScorer.score(late, rules(25, 20, 20, 20, 15)).total()).isEqualTo(75.0);
        assertThat(QualityScorer.score(late, rules(75, 5, 5, 10, 5)).total()).isEqualTo(25.0);
        assertThat(QualityScorer.score(late, rules(0, 20, 20, 20, 15)).total()).isEqualTo(100.0);
    }

    @Test
    void aConversationNoPersonRepliedToIsScoredOnConfirmationAndSentimentOnly() {
        Conversation assistantOnly = new Conversation(List.of(
                Turn.customer("How do I reset my password?", T0, 0.0),
                Turn.assistant("Open Settings, then Reset password.", T0.plusSeconds(2)),
                Turn.customer("Thanks, solved", T0.plusSeconds(60), 0.4)), null, SLA);

        QualityScorer.Result result = QualityScorer.score(assistantOnly, RULES);

        assertThat(part(result, QualityComponent.FIRST_RESPONSE).score()).isNull();
        assertThat(part(result, QualityComponent.FIRST_RESPONSE).detail()).isEqualTo("No person replied");
        assertThat(part(result, QualityComponent.OWNERSHIP).score()).isNull();
        assertThat(part(result, QualityComponent.EMPATHY).points()).isZero();
        assertThat(part(result, QualityComponent.CONFIRMATION).score()).isEqualTo(1.0);
        // Sentiment rose by 0.4 of the 0.5 for full marks: 0.9; weighted 20 and 15 of 35.
        assertThat(part(result, QualityComponent.SENTIMENT).score()).isCloseTo(0.9, within(1e-9));
        assertThat(result.total()).isCloseTo(100 * (20 + 15 * 0.9) / 35, within(0.05));
        assertThat(QualityScorer.agentOf(assistantOnly, "assistant", "assistant")).isNull();
    }

    @Test
    void aCustomerWhoWritesAgainUnhappyOrSaysItIsNotSolvedHasNotConfirmed() {
        Conversation notSolved = conversationEndingWith("It is still not solved", -0.3);
        Conversation thanksForNothing = conversationEndingWith("Thanks for nothing, this is useless", -0.7);
        Conversation silent = new Conversation(List.of(Turn.customer("My parcel is late", T0, -0.2),
                Turn.person("agent", "I will check it.", T0.plusSeconds(600))), T0, SLA);

        assertThat(part(QualityScorer.score(notSolved, RULES), QualityComponent.CONFIRMATION).score()).isZero();
        assertThat(part(QualityScorer.score(notSolved, RULES), QualityComponent.CONFIRMATION).detail())
                .isEqualTo("The customer's last message confirms nothing");
        assertThat(part(QualityScorer.score(thanksForNothing, RULES), QualityComponent.CONFIRMATION).score()).isZero();
        assertThat(part(QualityScorer.score(silent, RULES), QualityComponent.CONFIRMATION).detail())
                .isEqualTo("The customer did not write after a reply");
        assertThat(part(QualityScorer.score(silent, RULES), QualityComponent.SENTIMENT).score()).isNull();
    }

    @Test
    void fallingSentimentScoresBelowOneHalf() {
        Conversation falling = new Conversation(List.of(
                Turn.customer("Hi, a question about my invoice", T0, 0.0),
                Turn.person("agent", "Please wait.", T0.plusSeconds(60)),
                Turn.customer("This is ridiculous", T0.plusSeconds(120), -0.25)), T0, SLA);

        assertThat(part(QualityScorer.score(falling, RULES), QualityComponent.SENTIMENT).score()).isEqualTo(0.25);
        assertThat(part(QualityScorer.score(falling, RULES), QualityComponent.SENTIMENT).detail())
                .isEqualTo("From +0.00 to -0.25");
        assertThat(part(QualityScorer.score(falling, RULES), QualityComponent.OWNERSHIP).score()).isZero();
        assertThat(part(QualityScorer.score(falling, RULES), QualityComponent.OWNERSHIP).detail())
                .isEqualTo("None of the phrases in 1 reply");
    }

    @Test
    void oneOfTwoPhrasesNeededGivesHalfTheOwnershipScore() {
        Conversation once = new Conversation(List.of(Turn.customer("Where is my order?", T0, 0.0),
                Turn.person("agent", "Leave it with me.", T0.plusSeconds(60))), T0, SLA);
        assertThat(part(QualityScorer.score(once, RULES), QualityComponent.OWNERSHIP).score()).isEqualTo(0.5);
        assertThat(part(QualityScorer.score(once, RULES), QualityComponent.OWNERSHIP).detail())
                .isEqualTo("1 of the 2 phrases for full marks");
    }

    @Test
    void theConversationBelongsToWhoeverRepliedMostElseWhoResolvedIt() {
        Conversation two = new Conversation(List.of(Turn.customer("Help", T0, 0.0),
                Turn.person("tech", "Looking", T0.plusSeconds(1)), Turn.person("senior", "I will fix it", T0.plusSeconds(2)),
                Turn.person("senior", "Done", T0.plusSeconds(3))), T0, SLA);
        assertThat(QualityScorer.agentOf(two, "supervisor", "assistant")).isEqualTo("senior");
        Conversation none = new Conversation(List.of(Turn.customer("Help", T0, 0.0)), T0, SLA);
        assertThat(QualityScorer.agentOf(none, "agent", "assistant")).isEqualTo("agent");
    }

    private static Conversation withFirstReplyAfter(Duration after) {
        return new Conversation(List.of(
                Turn.customer("I was charged twice for my subscription!", T0, -0.6),
                Turn.person("agent", "I understand, and I'm sorry to hear that. I'll make sure the refund goes out today.",
                        T0.plus(after)),
                Turn.customer("Thank you, that worked", T0.plus(after).plusSeconds(600), 0.5)), T0, SLA);
    }

    private static Conversation conversationEndingWith(String text, double sentiment) {
        return new Conversation(List.of(Turn.customer("My parcel is late", T0, -0.2),
                Turn.person("agent", "I will check it.", T0.plusSeconds(600)),
                Turn.customer(text, T0.plusSeconds(1200), sentiment)), T0, SLA);
    }

    static Part part(QualityScorer.Result result, QualityComponent component) {
        return result.parts().stream().filter(p -> p.component() == component).findFirst().orElseThrow();
    }
}
