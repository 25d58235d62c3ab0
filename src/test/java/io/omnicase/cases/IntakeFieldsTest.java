package io.omnicase.cases;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** What intake stores of a provider's fields it cannot refuse: cleaned, within the column, at character boundaries. */
class IntakeFieldsTest {

    @Test
    void aNameIsOneLineWithoutControlCharactersCutAtACharacterBoundary() {
        String name = "a".repeat(199) + "😀" + "b".repeat(100);

        assertThat(IntakeFields.line(name, 200)).isEqualTo("a".repeat(199) + "😀");
        assertThat(IntakeFields.line("Eve\u0000\r\n Admin\u0007 ", 200)).isEqualTo("Eve Admin");
        assertThat(IntakeFields.line("\u0000\t ", 200)).isNull();
        assertThat(IntakeFields.line("\u202Erosivrepus\u202C Sa\u200Bra\uFEFF", 200)).as("bidi controls, invisible characters")
                .isEqualTo("rosivrepus Sara");
        assertThat(IntakeFields.line("👩\u200D💻 می\u200Cخواهم", 200)).as("the joiners emoji and scripts need")
                .isEqualTo("👩\u200D💻 می\u200Cخواهم");
        String emoji = IntakeFields.line("😀".repeat(300), 200);
        assertThat(emoji.codePointCount(0, emoji.length())).as("counted in characters, not UTF-16 units").isEqualTo(200);
    }

    @Test
    void textKeepsLineBreaksAndTabsAndLosesOtherControlCharacters() {
        assertThat(IntakeFields.text("one\r\ntwo\rthree\u0000\tfour\u001b[0m")).isEqualTo("one\ntwo\nthree\tfour[0m");
        assertThat(IntakeFields.text("half \ud800 pair 😀 \udc00")).isEqualTo("half \uFFFD pair 😀 \uFFFD");
        // Bidi controls that reorder what follows go; Hebrew and Arabic need none of them, and their marks stay.
        assertThat(IntakeFields.text("see invoice\u202Egpj.exe and \u2067x\u2069 \u202Bא\u202C")).isEqualTo("see invoicegpj.exe and x א");
        assertThat(IntakeFields.text("שלום \u200Fעולם مرحبا")).isEqualTo("שלום \u200Fעולם مرحبا");
        assertThat(IntakeFields.line("Eve \ud83d", 200)).isEqualTo("Eve \uFFFD");
        assertThat(IntakeFields.reference("id-\ud800")).startsWith("sha256:");
        String huge = IntakeFields.text("x".repeat(IntakeFields.TEXT + 10));
        assertThat(huge).hasSize(IntakeFields.TEXT).endsWith(IntakeFields.SHORTENED);
    }

    @Test
    void anOverlongOrControlCharacterIdBecomesAStableDigestThatFitsTheColumn() {
        String id = "wamid." + "X".repeat(400);

        assertThat(IntakeFields.reference(id)).hasSizeLessThanOrEqualTo(IntakeFields.REFERENCE)
                .isEqualTo(IntakeFields.reference(id)).isNotEqualTo(IntakeFields.reference(id + "Y"));
        assertThat(IntakeFields.reference("id\u0000")).startsWith("sha256:");
        assertThat(IntakeFields.reference("wamid.short")).isEqualTo("wamid.short");
    }

    @Test
    void aSendTimeOutsideWhatTheDatabaseHoldsOrTooFarAheadBecomesTheArrivalTime() {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");

        assertThat(IntakeFields.sentAt(Instant.parse("1969-12-31T23:59:59Z"), now)).isNull();
        assertThat(IntakeFields.sentAt(now.plus(Duration.ofDays(2)), now)).isNull();
        assertThat(IntakeFields.sentAt(Instant.parse("2001-01-01T00:00:00Z"), now)).isEqualTo("2001-01-01T00:00:00Z");
        assertThat(IntakeFields.sentAt(now.plus(Duration.ofHours(23)), now)).isNotNull();
        assertThat(IntakeFields.sentAt(Instant.parse("2038-01-19T00:00:00Z"), Instant.parse("2038-01-18T12:00:00Z")))
                .as("beyond the TIMESTAMP column even within a day").isNull();
    }

    @Test
    void hugeHostileFieldsAreCleanedInLinearTime() {
        String spaces = " ".repeat(1_000_000);
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
            assertThat(IntakeFields.line(spaces + "x" + spaces, 200)).isEqualTo("x");
            assertThat(IntakeFields.text("\u0000".repeat(1_000_000))).isEmpty();
            assertThat(IntakeFields.reference("<".repeat(1_000_000))).startsWith("sha256:");
        });
    }
}
