package io.omnicase.customers;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Only plain mailbox addresses and E.164 numbers become identities; hostile ones are refused, and quickly. */
class AddressSyntaxTest {

    @Test
    void plainMailboxAddressesAreAccepted() {
        assertThat(IdentityKind.EMAIL.accepts("anna.schmidt@example.com")).isTrue();
        assertThat(IdentityKind.EMAIL.accepts("o'brien+support@mail.example.co.uk")).isTrue();
        assertThat(IdentityKind.EMAIL.accepts("jürgen@müller.example")).isTrue();
        assertThat(IdentityKind.EMAIL.accepts("x".repeat(64) + "@" + "d".repeat(63) + "." + "e".repeat(63) + ".com")).isTrue();
    }

    @Test
    void markupIpLiteralsQuotesSpacesAndControlCharactersAreRefused() {
        assertThat(IdentityKind.EMAIL.accepts("<script>@x.com")).isFalse();
        assertThat(IdentityKind.EMAIL.accepts("x@[127.0.0.1]")).isFalse();
        assertThat(IdentityKind.EMAIL.accepts("x@127.0.0.1")).isFalse();
        assertThat(IdentityKind.EMAIL.accepts("\"a b\"@example.com")).isFalse();
        assertThat(IdentityKind.EMAIL.accepts("a b@example.com")).isFalse();
        assertThat(IdentityKind.EMAIL.accepts("a\u0000b@example.com")).isFalse();
        assertThat(IdentityKind.EMAIL.accepts("a@example.com\u0000")).isFalse();
        assertThat(IdentityKind.EMAIL.accepts("a@localhost")).isFalse();
        assertThat(IdentityKind.EMAIL.accepts("a..b@example.com")).isFalse();
        assertThat(IdentityKind.EMAIL.accepts("a@-example.com")).isFalse();
        assertThat(IdentityKind.EMAIL.accepts("a@b@example.com")).isFalse();
        assertThat(IdentityKind.EMAIL.refusal("a\u0000b@example.com")).contains("control characters");
    }

    @Test
    void anAddressLongerThanSmtpCarriesIsRefused() {
        assertThat(IdentityKind.EMAIL.accepts("x".repeat(65) + "@example.com")).as("local part over 64").isFalse();
        assertThat(IdentityKind.EMAIL.accepts("a@" + "d".repeat(250) + ".com")).isFalse();
        assertThat(IdentityKind.EMAIL.accepts(("a".repeat(60) + ".").repeat(4) + "@example.com")).isFalse();
        assertThat(IdentityKind.EMAIL.refusal("a@" + ("d".repeat(60) + ".").repeat(5) + "com")).contains("254");
    }

    @Test
    void phoneNumbersHaveAtMostFifteenDigits() {
        assertThat(IdentityKind.PHONE.accepts("+49 171 1234567")).isTrue();
        assertThat(IdentityKind.PHONE.accepts("0049-171-1234567")).isTrue();
        assertThat(IdentityKind.PHONE.accepts("+1234567890123456")).isFalse();
        assertThat(IdentityKind.PHONE.accepts("+49171\u00001234567")).isFalse();
        assertThat(IdentityKind.PHONE.accepts("+49+171")).isFalse();
        assertThat(IdentityKind.MESSENGER.accepts("12345\u0000")).isFalse();
    }

    @Test
    void hostileAddressesAreJudgedInLinearTime() {
        String[] hostile = {"a@a" + "@a".repeat(100_000), "x@" + "a.".repeat(100_000) + "@", " ".repeat(100_000) + "@x.com",
                "a".repeat(100_000) + "@" + "b".repeat(100_000), "+" + "1 ".repeat(100_000), "<".repeat(100_000) + "@x.com"};
        for (String address : hostile) {
            assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
                for (IdentityKind kind : IdentityKind.values()) {
                    assertThat(kind.accepts(address)).isFalse();
                    assertThat(kind.refusal(address)).isNotNull();
                }
            });
        }
    }

    @Test
    void anEmailAddressHasOneFormThatNoLookalikeShares() {
        assertThat(IdentityKind.EMAIL.normalize(" Anna.Schmidt@Exämple.COM ")).isEqualTo("anna.schmidt@xn--exmple-cua.com");
        assertThat(IdentityKind.EMAIL.normalize("anna.schmidt@xn--exmple-cua.com")).isEqualTo("anna.schmidt@xn--exmple-cua.com");
        // é typed as one character or as e and a combining accent: one address.
        assertThat(IdentityKind.EMAIL.normalize("jose\u0301@example.com")).isEqualTo(IdentityKind.EMAIL.normalize("jos\u00e9@example.com"));
        // Nothing looks-alike is folded: another accent, or full-width letters, stay another address.
        assertThat(IdentityKind.EMAIL.normalize("anna@exämple.com")).isNotEqualTo("anna@example.com");
        assertThat(IdentityKind.EMAIL.normalize("\uff41nna@example.com")).isNotEqualTo("anna@example.com");
        // Java's IDNA 2003 would fold these into another domain (ß to ss, full width to ASCII): kept as written.
        assertThat(IdentityKind.EMAIL.normalize("kunde@fußball.de")).isEqualTo("kunde@fußball.de");
        assertThat(IdentityKind.EMAIL.normalize("ben@\uff45xample.com")).isNotEqualTo("ben@example.com");
    }
}
