package io.omnicase.security.internal;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** Guessing passwords is held back per account and address, per address, and per account. */
class LoginThrottleTest {

    private final MovableClock clock = new MovableClock();
    private final LoginThrottle throttle = new LoginThrottle(clock, Duration.ofMinutes(15), 5, 20, 30);

    @Test
    void fiveWrongPasswordsForOneAccountFromOneAddressHoldItBackUntilTheFirstFailureIsAWindowOld() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("admin", "10.0.0.9");
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(throttle.retryAfter("admin", "10.0.0.9")).isEmpty();

        throttle.failed("Admin ", "10.0.0.9");

        assertThat(throttle.retryAfter("admin", "10.0.0.9")).contains(Duration.ofMinutes(15).minusSeconds(40));
        assertThat(throttle.retryAfter("ADMIN", "10.0.0.9")).isPresent();
        assertThat(throttle.retryAfter("admin", "10.0.0.7")).as("the real admin elsewhere").isEmpty();
        clock.advance(Duration.ofMinutes(15).minusSeconds(40));
        assertThat(throttle.retryAfter("admin", "10.0.0.9")).isEmpty();
    }

    @Test
    void anAddressGuessingManyAccountsIsHeldBackAndItsOwnSuccessfulLoginDoesNotReleaseIt() {
        for (int i = 0; i < 19; i++) {
            throttle.failed("user" + i, "10.0.0.66");
        }
        throttle.succeeded("attacker", "10.0.0.66");
        throttle.failed("user19", "10.0.0.66");

        assertThat(throttle.retryAfter("someone-else", "10.0.0.66")).isPresent();
        assertThat(throttle.retryAfter("user0", "10.0.0.66")).isPresent();
        assertThat(throttle.retryAfter("someone-else", "10.0.0.67")).isEmpty();
        // Their own login keeps working there; it opens no other account to guessing.
        assertThat(throttle.retryAfter("attacker", "10.0.0.66")).isEmpty();
    }

    @Test
    void nobodyLocksAnAccountOutOfTheAddressItLogsInFromByGuessingItsPassword() {
        throttle.succeeded("gateway", "10.0.0.5");
        for (int i = 0; i < 30; i++) {
            throttle.failed("gateway", "10.9.0." + i);
        }
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, "10.0.0.5");
        }

        assertThat(throttle.retryAfter("gateway", "10.0.0.5")).as("the gateway at home").isEmpty();
        assertThat(throttle.retryAfter("gateway", "10.9.0.99")).as("the gateway's name anywhere else").isPresent();
        assertThat(throttle.retryAfter("agent", "10.0.0.5")).as("an account never used from there").isPresent();

        // Its own failures from home still hold it back, and trust ends a week after its last login.
        for (int i = 0; i < 5; i++) {
            throttle.failed("gateway", "10.0.0.5");
        }
        assertThat(throttle.retryAfter("gateway", "10.0.0.5")).isPresent();
        clock.advance(LoginThrottle.TRUSTED_FOR.plusMinutes(1));
        for (int i = 0; i < 30; i++) {
            throttle.failed("gateway", "10.8.0." + i);
        }
        assertThat(throttle.retryAfter("gateway", "10.0.0.5")).as("a week later").isPresent();
    }

    @Test
    void aSuccessClearsOnlyThatAccountAtThatAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("agent", "10.0.0.1");
        }
        throttle.succeeded("agent", "10.0.0.1");
        for (int i = 0; i < 4; i++) {
            throttle.failed("agent", "10.0.0.1");
        }
        assertThat(throttle.retryAfter("agent", "10.0.0.1")).isEmpty();
    }

    @Test
    void oneAccountGuessedFromManyAddressesIsHeldBackEverywhere() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("admin", "10.1.0." + i);
        }
        assertThat(throttle.retryAfter("admin", "10.2.0.1")).isPresent();
        assertThat(throttle.retryAfter("agent", "10.2.0.1")).isEmpty();
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void anAdministratorSeesHowLongAnAccountIsHeldBackAndLiftsItWithoutFreeingTheGuessersAddress() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("tech", "10.7.0." + (i % 3));
        }
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, "10.7.9.9");
        }
        assertThat(throttle.lockedFor("tech")).isPositive();
        assertThat(throttle.lockedFor("agent")).isZero();

        throttle.unlock("tech");

        assertThat(throttle.lockedFor("tech")).isZero();
        assertThat(throttle.retryAfter("tech", "10.7.0.1")).isEmpty();
        assertThat(throttle.retryAfter("tech", "10.7.9.9")).as("the address that guessed many accounts").isPresent();
    }
}
