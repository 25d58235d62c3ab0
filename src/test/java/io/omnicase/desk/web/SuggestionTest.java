package io.omnicase.desk.web;

import io.omnicase.assistant.AnswerSource;
import io.omnicase.assistant.AssistantAnswer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionTest {

    @Test
    void confidenceIsSaidInWords() {
        assertThat(DeskFeed.Suggestion.level(0.9)).isEqualTo("high");
        assertThat(DeskFeed.Suggestion.level(0.75)).isEqualTo("high");
        assertThat(DeskFeed.Suggestion.level(0.6)).isEqualTo("medium");
        assertThat(DeskFeed.Suggestion.level(0.5)).isEqualTo("medium");
        assertThat(DeskFeed.Suggestion.level(0.136)).isEqualTo("low");
    }

    /** The desk's article bar as configured (omnicase.desk.article-min-confidence). */
    private static final double ON_TOPIC = 0.25;

    @Test
    void anArticleIsListedOnlyWhenTheAssistantIsSureOfItsTopic() {
        // Walk of 5 December: a printer case got the billing topic's nearest articles at confidence 0.001.
        AssistantAnswer printer = new AssistantAnswer(true, "Your invoices are under Billing", "BILLING", 0.001, List.of(
                new AnswerSource("ARTICLE", "download-invoice", "Download an invoice", "BILLING", 0.032),
                new AnswerSource("ARTICLE", "cancel-subscription", "Cancel your subscription", "BILLING", 0.032)),
                null, false);

        DeskFeed.Suggestion suggestion = DeskFeed.Suggestion.of(printer, ON_TOPIC);

        assertThat(suggestion.articles()).isEmpty();
        assertThat(suggestion.sources()).as("what it was weighed on stays").hasSize(2);
        assertThat(DeskFeed.Suggestion.of(withConfidence(printer, 0.249), ON_TOPIC).articles()).isEmpty();
        assertThat(DeskFeed.Suggestion.of(withConfidence(printer, 0.25), ON_TOPIC).articles())
                .extracting(DeskFeed.ArticleRef::id).containsExactly("download-invoice");
    }

    @Test
    void onlyTheArticleTheAnswerIsDrawnFromIsListedAndAnExampleIsNoArticle() {
        AssistantAnswer answer = new AssistantAnswer(true, "Go to Settings", "ACCOUNT", 0.79, List.of(
                new AnswerSource("ARTICLE", "reset-password", "Reset your password", "ACCOUNT", 3.1),
                new AnswerSource("ARTICLE", "reset-password", "Reset your password", "ACCOUNT", 2.9),
                new AnswerSource("ARTICLE", "change-email", "Change your email", "ACCOUNT", 1.0)), null, false);

        assertThat(DeskFeed.Suggestion.of(answer, ON_TOPIC).articles()).extracting(DeskFeed.ArticleRef::title)
                .containsExactly("Reset your password");

        AssistantAnswer fromACase = new AssistantAnswer(true, "Refunded the second charge.", "BILLING", 0.8, List.of(
                new AnswerSource("EXAMPLE", "17", "I was charged twice", "BILLING", 1.5),
                new AnswerSource("ARTICLE", "cancel-subscription", "Cancel your subscription", "BILLING", 1.0)),
                null, false);
        assertThat(DeskFeed.Suggestion.of(fromACase, ON_TOPIC).articles()).isEmpty();
    }

    private static AssistantAnswer withConfidence(AssistantAnswer answer, double confidence) {
        return new AssistantAnswer(answer.answered(), answer.answer(), answer.topic(), confidence, answer.sources(),
                answer.reason(), answer.handOver());
    }
}
