package io.omnicase.http;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Probe 50: a reply of a zero-width space passed {@code @NotBlank} and reached the customer as an empty message. */
class VisibleTextTest {

    record Reply(@VisibleText String text) {
    }

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void aTextOfInvisibleCharactersIsRefusedAndOneThatShowsAnythingIsTaken() {
        for (String invisible : new String[]{"\u200b", "\u200b\u200b \u2060", "\ufeff", "\u00ad", "\u0301", "\u3164",
                "\u2800", "\u202e\u200f", "\t\u00a0\u2003"}) {
            assertThat(validator.validate(new Reply(invisible))).as("U+%04X", (int) invisible.charAt(0)).hasSize(1);
        }
        for (String shows : new String[]{"ok", "👍", "❤️", "?", "\ufffd", "é", "日本", "1", "\u200bhi\u200b"}) {
            assertThat(validator.validate(new Reply(shows))).as(shows).isEmpty();
        }
        assertThat(validator.validate(new Reply(null))).isEmpty();
    }
}
