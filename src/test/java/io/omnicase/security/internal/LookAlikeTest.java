package io.omnicase.security.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Names compared as a reader sees them: the ways found to write "Sara Supervisor" otherwise all read as it. */
class LookAlikeTest {

    @Test
    void namesThatReadAlikeHaveOneKey() {
        String key = LookAlike.key("Sara Supervisor");
        assertThat(key).isNotEmpty();
        for (String lookAlike : new String[]{"sara  supervisor.", "\u0405\u0430r\u0430 \u0405u\u0440\u0435rv\u0456\u0455\u043er",
                "ＳＡＲＡ ＳＵＰＥＲＶＩＳＯＲ", "S\u1d00\u0280\u1d00 S\u1d1c\u1d18\u1d07\u0280\u1d20\u026as\u1d0f\u0280", "Sara Superv1sor",
                "S4ra Sup3rvis0r", "Sára Súpervisor", "Sa\u200Bra Supervisor", "SARA_SUPERVISOR"}) {
            assertThat(LookAlike.key(lookAlike)).as(lookAlike).isEqualTo(key);
        }
        assertThat(LookAlike.key("Sarah Supervisor")).isNotEqualTo(key);
        assertThat(LookAlike.key("Jonas Weber")).isNotEqualTo(LookAlike.key("Jonas Webber"));
    }

    @Test
    void aNameSplitsIntoTheKeysOfItsWords() {
        assertThat(LookAlike.wordKeys("Omnicase  Support!")).containsExactly(LookAlike.key("omnicase"), LookAlike.key("support"));
        assertThat(LookAlike.wordKeys("Systemhaus GmbH")).doesNotContain(LookAlike.key("System"));
        assertThat(LookAlike.wordKeys(null)).isEmpty();
    }
}
