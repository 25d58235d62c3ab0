package io.omnicase.channels.chat;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VisitorTokensTest {

    private static final String SECRET = "a-chat-token-secret-of-forty-characters!!";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final VisitorTokens tokens = new VisitorTokens(new ChatProperties(SECRET, Duration.ofDays(30), null, null, null, null, null, null, null), clock);

    @Test
    void aTokenNamesTheVisitorItWasIssuedToUntilItExpires() {
        VisitorTokens.Issued issued = tokens.issueForNewVisitor();

        assertThat(issued.visitor()).startsWith("v-");
        assertThat(tokens.visitorOf(issued.token())).contains(issued.visitor());
        clock.now = NOW.plus(Duration.ofDays(30)).minusSeconds(1);
        assertThat(tokens.visitorOf(issued.token())).contains(issued.visitor());
        clock.now = NOW.plus(Duration.ofDays(30));
        assertThat(tokens.visitorOf(issued.token())).isEmpty();
    }

    @Test
    void eachUseRenewsTheTokenSoAVisitorWhoComesBackStaysKnown() {
        VisitorTokens.Issued first = tokens.issueForNewVisitor();
        clock.now = NOW.plus(Duration.ofDays(29));
        VisitorTokens.Issued renewed = tokens.issue(tokens.visitorOf(first.token()).orElseThrow());

        clock.now = NOW.plus(Duration.ofDays(45));
        assertThat(tokens.visitorOf(first.token())).isEmpty();
        assertThat(tokens.visitorOf(renewed.token())).contains(first.visitor());
        assertThat(renewed.expires()).isEqualTo(NOW.plus(Duration.ofDays(59)));
    }

    @Test
    void aTokenSignedWithAnotherKeyOrChangedInAnyPartIsRefused() {
        VisitorTokens.Issued issued = tokens.issueForNewVisitor();
        String[] parts = issued.token().split("\\.");
        VisitorTokens otherServer = new VisitorTokens(new ChatProperties("another-secret-that-is-long-enough-to-use",
                Duration.ofDays(30), null, null, null, null, null, null, null), clock);

        assertThat(otherServer.visitorOf(issued.token())).isEmpty();
        assertThat(tokens.visitorOf(parts[0] + ".v-someone-else." + parts[2] + "." + parts[3])).isEmpty();
        assertThat(tokens.visitorOf(parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 1) + "." + parts[3])).isEmpty();
        assertThat(tokens.visitorOf("v2." + parts[1] + "." + parts[2] + "." + parts[3])).isEmpty();
        assertThat(tokens.visitorOf(issued.token() + "x")).isEmpty();
        assertThat(tokens.visitorOf(issued.visitor())).isEmpty();
        assertThat(tokens.visitorOf(null)).isEmpty();
        assertThat(tokens.visitorOf("")).isEmpty();
    }

    @Test
    void withoutAConfiguredSecretEachRunSignsWithItsOwnRandomKey() {
        VisitorTokens oneRun = new VisitorTokens(new ChatProperties(null, null, null, null, null, null, null, null, null), clock);
        VisitorTokens nextRun = new VisitorTokens(new ChatProperties("", null, null, null, null, null, null, null, null), clock);
        VisitorTokens.Issued issued = oneRun.issueForNewVisitor();

        assertThat(oneRun.visitorOf(issued.token())).contains(issued.visitor());
        assertThat(nextRun.visitorOf(issued.token())).isEmpty();
    }

    @Test
    void aShortSecretIsRefusedAtStart() {
        assertThatThrownBy(() -> new VisitorTokens(new ChatProperties("short", null, null, null, null, null, null, null, null), clock))
                .hasMessageContaining("at least 32 characters");
    }

    /** A clock the test moves (shared by this package's tests). */
    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
