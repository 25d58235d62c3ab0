package io.omnicase.assistant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the assistant tells a customer when no article answers: true, and how to get a person. */
class SelfServiceWordsTest {

    @Test
    void noArticleIsNotAQuestionMisunderstood() {
        // Walk 46: a plain request about a wrong invoice got "I am not sure I understood your question".
        assertThat(SelfService.REPHRASE).doesNotContain("understood")
                .contains("could not find an answer").contains("describe it in other words").contains("ask for a person");
    }
}
