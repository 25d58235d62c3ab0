package io.omnicase.channels.messaging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LongTextTest {

    @Test
    void aMessageBeyondTheLimitKeepsItsStartAndSaysWhereItWasCut() {
        String huge = "a".repeat(100_000);
        String kept = LongText.capped(huge);
        assertThat(kept).startsWith("a".repeat(LongText.MAX)).endsWith("the message had 100000 characters; the first 20000 are kept]");
        assertThat(kept.length()).isLessThan(LongText.MAX + 100);
        assertThat(LongText.capped("short")).isEqualTo("short");
    }

    @Test
    void theCutNeverSplitsACharacterInTwo() {
        String emoji = "a".repeat(LongText.MAX - 1) + "😀".repeat(10);
        String kept = LongText.capped(emoji);
        assertThat(kept.substring(0, kept.indexOf('\n'))).isEqualTo("a".repeat(LongText.MAX - 1));
    }
}
