package io.omnicase.channels.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

class EmailAddressRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"mia@example.com", "Mia.Weber+chat@mail.example.co.uk", "a_b-c%d@x-y.de", "m@xn--bcher-kva.example"})
    void plainMailboxesAtDomainNamesPass(String address) {
        assertThat(EmailAddressRule.normalize(address)).hasValue(address.toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>@x.com", "x@[127.0.0.1]", "x@127.0.0.1", "mi\u0000a@example.com", "mia@exam\u0007ple.com",
            "mia@example.com\r\nBcc: all@example.com", "\"mia\"@example.com", "mia@example", "mia@@example.com",
            "mia@example..com", ".mia@example.com", "mia.@example.com", "mi..a@example.com", "mia@-example.com",
            "mia@example-.com", "mia@example.c", "mia @example.com", "mia@exämple.com", "mïa@example.com", "", "@example.com",
            "mia@", "mia@example.com\n", "\tmia@example.com"})
    void everythingElseIsRefused(String address) {
        assertThat(EmailAddressRule.normalize(address)).isEmpty();
    }

    @Test
    void spacesAroundTheAddressAreIgnored() {
        assertThat(EmailAddressRule.normalize("  Mia@Example.com ")).hasValue("mia@example.com");
    }

    @Test
    void tooLongPartsAreRefused() {
        assertThat(EmailAddressRule.normalize("a".repeat(65) + "@example.com")).isEmpty();
        assertThat(EmailAddressRule.normalize("mia@" + "a".repeat(64) + ".com")).isEmpty();
        assertThat(EmailAddressRule.normalize("mia@" + ("a".repeat(60) + ".").repeat(5) + "com")).isEmpty();
        assertThat(EmailAddressRule.normalize(null)).isEmpty();
    }

    @Test
    void hostileInputIsAnsweredAtOnce() {
        String hostile = "a".repeat(100_000) + "@" + "b.".repeat(50_000) + "!";
        assertTimeoutPreemptively(Duration.ofMillis(200), () -> assertThat(EmailAddressRule.normalize(hostile)).isEmpty());
    }
}
