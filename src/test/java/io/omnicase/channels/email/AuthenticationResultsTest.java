package io.omnicase.channels.email;

import io.omnicase.cases.SenderCheck;
import io.omnicase.channels.ChannelsProperties.Email.Authentication.Policy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The receiving server's Authentication-Results (RFC 8601) as Omnicase reads them: comments, folding and case do not
 * matter, only the trusted server's topmost header counts, and a header that is not one answers nothing.
 */
class AuthenticationResultsTest {

    private static final String TRUSTED = "mx.omnicase.example";
    private static final String FROM = "example.org";

    @Test
    void readsEachMethodsResultWhateverTheCommentsFoldingAndCase() {
        AuthenticationResults results = AuthenticationResults.parse(
                "MX.Omnicase.Example 1 (the (nested) comment; with a semicolon);\r\n\tSPF=SoftFail (sender IP is 192.0.2.1)"
                        + " smtp.mailfrom=example.org;\r\n dkim = pass header.d=example.org header.s=\"sel;1\";"
                        + " dkim=fail (bad signature) header.d=other.example;\n DMARC/1=fail (p=reject) header.from=example.org")
                .orElseThrow();

        assertThat(results.authservId()).isEqualTo("mx.omnicase.example");
        assertThat(results.results()).containsOnlyKeys("spf", "dkim", "dmarc");
        assertThat(results.has("spf", "softfail")).isTrue();
        assertThat(results.results().get("dkim")).containsExactly("pass", "fail");
        assertThat(results.has("dmarc", "fail")).isTrue();
        assertThat(results.found("dkim", "pass").get(0).properties())
                .containsEntry("header.d", "example.org").containsEntry("header.s", "sel;1");
        assertThat(results.found("spf", "softfail").get(0).domain("smtp.mailfrom")).isEqualTo("example.org");
        assertThat(results.found("dmarc", "fail").get(0).domain("header.from")).isEqualTo("example.org");
    }

    @Test
    void aHeaderSayingNoneHasNoResults() {
        assertThat(AuthenticationResults.parse("mx.omnicase.example; none").orElseThrow().results()).isEmpty();
        assertThat(AuthenticationResults.parse("\"mx.omnicase.example\" 1 ;NONE").orElseThrow().authservId())
                .isEqualTo("mx.omnicase.example");
    }

    @Test
    void garbageIsNoResultAndNeverAnException() {
        for (String garbage : new String[]{null, "", " ", ";", "spf=pass", "mx.omnicase.example",
                "mx.omnicase.example; spf", "mx.omnicase.example; =pass", "mx.omnicase.example; spf=",
                "mx.omnicase.example (unclosed; spf=pass", "mx.omnicase.example; spf=pass (unclosed",
                "mx.omnicase.example \"unclosed; spf=pass", "mx.omnicase.example two words; spf=pass",
                "mx.omnicase.example; spf=pass; hello world", "(only a comment)", "mx.omnicase.example; spf=pa$$",
                "mx.omnicase.example; " + "(".repeat(10_000) + "spf=pass", "mx.omnicase.example; spf=pass"
                + " x".repeat(20_000)}) {
            assertThat(AuthenticationResults.parse(garbage)).as(String.valueOf(garbage)).isEmpty();
        }
        Random random = new Random(8601);
        String alphabet = "ab=;()\\\" \t\r\n/0.-_éx";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(60); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String[] headers = {text.toString(), TRUSTED + ";" + text};
            assertThatCode(() -> {
                AuthenticationResults.parse(text.toString());
                SenderAuthentication.check(headers, TRUSTED, Policy.REQUIRE, FROM);
            }).as(text.toString()).doesNotThrowAnyException();
        }
    }

    @Test
    void aTrustedDmarcFailIsASenderNotVerified() {
        SenderCheck check = SenderAuthentication.check(new String[]{
                TRUSTED + "; spf=pass smtp.mailfrom=attacker.example; dkim=none; dmarc=fail header.from=bank.example"},
                TRUSTED, Policy.OPTIONAL, FROM);

        assertThat(check.allowsAutomaticAnswer()).isFalse();
        assertThat(check.why()).isEqualTo("sender not verified: dmarc=fail according to mx.omnicase.example");
    }

    @Test
    void aTrustedResultWhereNeitherSpfNorDkimPassedIsASenderNotVerified() {
        SenderCheck check = SenderAuthentication.check(new String[]{
                TRUSTED + "; spf=softfail smtp.mailfrom=example.org; dkim=fail header.d=example.org"}, TRUSTED, Policy.OPTIONAL, FROM);

        assertThat(check.why()).isEqualTo("sender not verified: spf=softfail, dkim=fail according to mx.omnicase.example");
        assertThat(SenderAuthentication.check(new String[]{TRUSTED + "; none"}, TRUSTED, Policy.OPTIONAL, FROM).why())
                .isEqualTo("sender not verified: spf=none, dkim=none according to mx.omnicase.example");
    }

    @Test
    void aTrustedPassForTheFromsDomainIsAVerifiedSender() {
        for (String passing : List.of("dmarc=pass", "dmarc=pass header.from=example.org",
                "spf=pass smtp.mailfrom=bounces+4711@mail.example.org; dkim=none",
                "spf=fail smtp.mailfrom=example.org; dkim=fail header.d=example.org; dkim=pass header.d=example.org",
                "dkim=pass (2048-bit key) header.i=@example.org header.s=s1")) {
            assertThat(SenderAuthentication.check(new String[]{TRUSTED + "; " + passing}, TRUSTED, Policy.REQUIRE, FROM))
                    .as(passing).isEqualTo(SenderCheck.VERIFIED);
        }
    }

    @Test
    void aPassForAnotherDomainThanTheFromsIsASenderNotVerified() {
        // The forger's own server and signature pass for the forger's domain; a customer's domain without a DMARC
        // record gets dmarc=none. Nothing proves the From, so the assistant's answer is not mailed to the victim.
        SenderCheck check = SenderAuthentication.check(new String[]{TRUSTED + "; spf=pass smtp.mailfrom=attacker.example;"
                + " dkim=pass header.d=attacker.example; dmarc=none header.from=example.org"}, TRUSTED, Policy.OPTIONAL, FROM);

        assertThat(check.allowsAutomaticAnswer()).isFalse();
        assertThat(check.why()).isEqualTo("sender not verified: spf=pass, dkim=pass for another domain than the sender's"
                + " (example.org) according to mx.omnicase.example");
        for (String unproven : List.of("spf=pass", "dkim=pass", "spf=pass smtp.mailfrom=evil-example.org",
                "spf=pass smtp.mailfrom=org", "dkim=pass header.d=example.org.evil.example",
                "dmarc=pass header.from=attacker.example")) {
            assertThat(SenderAuthentication.check(new String[]{TRUSTED + "; " + unproven}, TRUSTED, Policy.OPTIONAL, FROM)
                    .allowsAutomaticAnswer()).as(unproven).isFalse();
        }
    }

    @Test
    void alignmentIsTheSameDomainOrOneBelowTheOther() {
        assertThat(SenderAuthentication.aligned("example.org", "Example.org")).isTrue();
        assertThat(SenderAuthentication.aligned("mail.example.org", "example.org")).isTrue();
        assertThat(SenderAuthentication.aligned("example.org", "support.example.org")).isTrue();
        assertThat(SenderAuthentication.aligned("evil-example.org", "example.org")).isFalse();
        assertThat(SenderAuthentication.aligned("org", "example.org")).as("a bare top-level name").isFalse();
        assertThat(SenderAuthentication.aligned("a.example.org", "b.example.org")).as("siblings: stricter than DMARC")
                .isFalse();
        assertThat(SenderAuthentication.aligned(null, "example.org")).isFalse();
    }

    @Test
    void onlyAPassForTheFromsDomainProvesTheFromAddress() {
        // SPF and DKIM pass for whatever domain the forger sends from or signs with: not the From's (probe 48).
        assertThat(SenderAuthentication.fromProven(new String[]{TRUSTED + "; spf=pass smtp.mailfrom=evil.example; "
                + "dkim=pass header.d=evil.example; dmarc=none header.from=bank.example"}, TRUSTED, "bank.example")).isFalse();
        assertThat(SenderAuthentication.fromProven(new String[]{TRUSTED + "; spf=pass smtp.mailfrom=bank.example; "
                + "dmarc=fail"}, TRUSTED, "bank.example")).isFalse();
        assertThat(SenderAuthentication.fromProven(new String[]{TRUSTED + "; dmarc=pass header.from=bank.example"},
                TRUSTED, "bank.example")).isTrue();
        assertThat(SenderAuthentication.fromProven(new String[]{TRUSTED + "; spf=pass smtp.mailfrom=mta.bank.example;"
                + " dmarc=none"}, TRUSTED, "bank.example")).as("SPF aligned with the From, no DMARC record").isTrue();
        assertThat(SenderAuthentication.fromProven(new String[]{"mx.attacker.example; dmarc=pass"}, TRUSTED, "bank.example"))
                .as("another server's word").isFalse();
        assertThat(SenderAuthentication.fromProven(new String[]{TRUSTED + "; dmarc=none",
                TRUSTED + "; dmarc=pass"}, TRUSTED, "bank.example")).as("a copy below the server's own came with the mail")
                .isFalse();
        assertThat(SenderAuthentication.fromProven(null, TRUSTED, "bank.example")).isFalse();
    }

    @Test
    void onlyTheTopmostHeaderOfTheTrustedServerCounts() {
        String[] forgedPassBelow = {
                "mx.other.example; dmarc=pass",
                TRUSTED + "; dmarc=fail header.from=bank.example",
                TRUSTED + "; dmarc=pass header.from=bank.example"};
        assertThat(SenderAuthentication.check(forgedPassBelow, TRUSTED, Policy.OPTIONAL, FROM).allowsAutomaticAnswer()).isFalse();

        String[] untrustedFail = {"mx.attacker.example; dmarc=fail; spf=fail; dkim=fail"};
        assertThat(SenderAuthentication.check(untrustedFail, TRUSTED, Policy.OPTIONAL, FROM)).isEqualTo(SenderCheck.NOT_CHECKED);
        assertThat(SenderAuthentication.check(untrustedFail, "MX.OMNICASE.EXAMPLE", Policy.OPTIONAL, FROM))
                .isEqualTo(SenderCheck.NOT_CHECKED);
        assertThat(SenderAuthentication.check(new String[]{"MX.Omnicase.Example; DMARC=FAIL"}, TRUSTED, Policy.OPTIONAL, FROM)
                .allowsAutomaticAnswer()).isFalse();
    }

    @Test
    void withoutATrustedResultOnlyTheRequirePolicyHoldsTheAutomaticAnswer() {
        String[] untrustedPass = {"mx.attacker.example; dmarc=pass"};

        assertThat(SenderAuthentication.check(null, TRUSTED, Policy.OPTIONAL, FROM)).isEqualTo(SenderCheck.NOT_CHECKED);
        assertThat(SenderAuthentication.check(untrustedPass, TRUSTED, Policy.OPTIONAL, FROM)).isEqualTo(SenderCheck.NOT_CHECKED);
        assertThat(SenderAuthentication.check(untrustedPass, TRUSTED, Policy.REQUIRE, FROM).why())
                .isEqualTo("sender not verified: no Authentication-Results of mx.omnicase.example (authentication required)");
        assertThat(SenderAuthentication.check(new String[]{TRUSTED + "; spf=pass (unclosed"}, TRUSTED, Policy.REQUIRE, FROM).why())
                .isEqualTo("sender not verified: the Authentication-Results of mx.omnicase.example are unreadable "
                        + "(authentication required)");
    }
}
