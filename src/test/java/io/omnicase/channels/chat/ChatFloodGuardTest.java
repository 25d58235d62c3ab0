package io.omnicase.channels.chat;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One address opens a bounded number of new conversations an hour and asks for a bounded number of code mails, one
 * visitor sends a bounded number of messages a minute.
 */
class ChatFloodGuardTest {

    private final VisitorTokensTest.MutableClock clock = new VisitorTokensTest.MutableClock(Instant.parse("2026-12-03T08:00:00Z"));

    @Test
    void anAddressStartsThirtyNewVisitorsAnHourAndAnotherAddressIsNotHeldBack() {
        ChatFloodGuard guard = new ChatFloodGuard(30, 20, 10, clock);
        for (int i = 0; i < 30; i++) {
            assertThat(guard.admitNewVisitor("203.0.113.7")).as("visitor " + (i + 1)).isTrue();
            clock.now = clock.now.plusSeconds(60);
        }
        assertThat(guard.admitNewVisitor("203.0.113.7")).as("the 31st within the hour").isFalse();
        assertThat(guard.admitNewVisitor("198.51.100.2")).as("another address").isTrue();

        // The first admission leaves the window an hour after it was made: one more may start, not two.
        clock.now = Instant.parse("2026-12-03T09:00:01Z");
        assertThat(guard.admitNewVisitor("203.0.113.7")).isTrue();
        assertThat(guard.admitNewVisitor("203.0.113.7")).isFalse();
    }

    @Test
    void aVisitorSendsTwentyMessagesAMinute() {
        ChatFloodGuard guard = new ChatFloodGuard(30, 20, 10, clock);
        for (int i = 0; i < 20; i++) {
            assertThat(guard.admitMessage("v-1")).isTrue();
        }
        assertThat(guard.admitMessage("v-1")).isFalse();
        assertThat(guard.admitMessage("v-2")).isTrue();
        clock.now = clock.now.plus(Duration.ofSeconds(61));
        assertThat(guard.admitMessage("v-1")).isTrue();
    }

    @Test
    void anAddressHasTenCodesMailedAnHourWhateverVisitorsItUses() {
        ChatFloodGuard guard = new ChatFloodGuard(30, 20, 10, clock);
        for (int i = 0; i < 10; i++) {
            assertThat(guard.admitCodeRequest("203.0.113.7")).as("code " + (i + 1)).isTrue();
            clock.now = clock.now.plusSeconds(60);
        }
        assertThat(guard.admitCodeRequest("203.0.113.7")).as("the 11th within the hour").isFalse();
        assertThat(guard.admitCodeRequest("198.51.100.2")).as("another address").isTrue();
        // New visitors from the same address are not a way around it: the count is the address's.
        assertThat(guard.admitNewVisitor("203.0.113.7")).isTrue();
        assertThat(guard.admitCodeRequest("203.0.113.7")).isFalse();

        clock.now = Instant.parse("2026-12-03T09:00:01Z");
        assertThat(guard.admitCodeRequest("203.0.113.7")).isTrue();
        assertThat(guard.admitCodeRequest("203.0.113.7")).isFalse();
    }
}
