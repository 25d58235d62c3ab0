package io.omnicase.insight.internal.quality;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PhrasesTest {

    @Test
    void findsPhrasesAsWholeWordsWhateverTheCaseApostropheOrSpacing() {
        assertThat(Phrases.found(List.of("I'll make sure", "I understand"),
                List.of("Don't worry: I\u2019ll   MAKE sure it is done.", "i understand.")))
                .containsExactly("I'll make sure", "I understand");
        assertThat(Phrases.found(List.of("fixed"), List.of("It is unfixed", "prefixed text"))).isEmpty();
        assertThat(Phrases.found(List.of("thanks"), List.of("Thanks!"))).containsExactly("thanks");
    }

    @Test
    void aNegatedPhraseInTheSameClauseDoesNotCountButOneInTheNextSentenceDoes() {
        assertThat(Phrases.found(List.of("solved"), List.of("This is not solved"))).isEmpty();
        assertThat(Phrases.found(List.of("fixed"), List.of("It still isn't fixed"))).isEmpty();
        assertThat(Phrases.found(List.of("I'll"), List.of("No problem. I'll take care of it"))).containsExactly("I'll");
    }

    @Test
    void aPhraseIsPlainTextNeverAPattern() {
        assertThat(Phrases.found(List.of("a.c"), List.of("abc"))).isEmpty();
        assertThat(Phrases.found(List.of("sorry?"), List.of("sorry!"))).isEmpty();
    }
}
