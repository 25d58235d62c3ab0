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

    @Test
    void eachArticleIsListedOnceAndExamplesAreNotArticles() {
        AssistantAnswer answer = new AssistantAnswer(true, "Go to Settings", "ACCOUNT", 0.136, List.of(
                new AnswerSource("ARTICLE", "reset-password", "Reset your password", "ACCOUNT", 3.1),
                new AnswerSource("ARTICLE", "reset-password", "Reset your password", "ACCOUNT", 2.9),
                new AnswerSource("ARTICLE", "reset-password-old", "Reset your password ", "ACCOUNT", 2.0),
                new AnswerSource("EXAMPLE", "17", "I forgot my password", "ACCOUNT", 1.5),
                new AnswerSource("ARTICLE", "change-email", "Change your email", "ACCOUNT", 1.0)), null, false);

        DeskFeed.Suggestion suggestion = DeskFeed.Suggestion.of(answer);

        assertThat(suggestion.confidenceLevel()).isEqualTo("low");
        assertThat(suggestion.articles()).extracting(DeskFeed.ArticleRef::id).containsExactly("reset-password", "change-email");
    }
}
