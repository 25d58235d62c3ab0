package io.omnicase.security.internal;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in remembers a verified password briefly; nothing else gets past BCrypt. */
class VerifiedPasswordCacheTest {

    private final MovableClock clock = new MovableClock();
    /** Real BCrypt (a low cost, for speed), counting how often it checks a password. */
    private final CountingBCrypt bcrypt = new CountingBCrypt();
    private final VerifiedPasswordCache passwords = new VerifiedPasswordCache(bcrypt, Duration.ofMinutes(5), 100, clock);

    @Test
    void aRightPasswordIsCheckedByBCryptOnceAndThenRecognisedWithoutIt() {
        String stored = passwords.encode("demo");

        assertThat(passwords.matches("demo", stored)).isTrue();
        assertThat(passwords.matches("demo", stored)).isTrue();
        assertThat(passwords.matches("demo", stored)).isTrue();

        assertThat(bcrypt.checks).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsAlwaysCheckedByBCryptAndRefusedEvenWhileTheRightOneIsRemembered() {
        String stored = passwords.encode("demo");
        assertThat(passwords.matches("demo", stored)).isTrue();

        for (String guess : new String[]{"Demo", "demo ", "", "demo\u0000", "dem"}) {
            assertThat(passwords.matches(guess, stored)).as(guess).isFalse();
        }
        assertThat(passwords.matches("guess", stored)).isFalse();
        assertThat(passwords.matches("guess", stored)).isFalse();

        assertThat(bcrypt.checks).as("every wrong try went to BCrypt").isEqualTo(1 + 5 + 2);
        assertThat(passwords.size()).as("nothing wrong was remembered").isEqualTo(1);
    }

    @Test
    void afterAPasswordChangeTheOldPasswordIsRefusedAtOnce() {
        String before = passwords.encode("demo");
        assertThat(passwords.matches("demo", before)).isTrue();

        String after = passwords.encode("new secret");

        assertThat(passwords.matches("demo", after)).isFalse();
        assertThat(passwords.matches("new secret", after)).isTrue();
        assertThat(passwords.matches("new secret", before)).as("the new password against the old hash").isFalse();
    }

    @Test
    void theSamePasswordOfAnotherUserIsNotTakenFromTheFirstUsersEntry() {
        String alice = passwords.encode("demo");
        String bob = passwords.encode("demo");
        assertThat(passwords.matches("demo", alice)).isTrue();

        assertThat(passwords.matches("demo", bob)).isTrue();

        assertThat(bcrypt.checks).as("bob's hash has its own salt: checked by BCrypt").isEqualTo(2);
    }

    @Test
    void anEntryExpiresAfterItsLifetime() {
        String stored = passwords.encode("demo");
        passwords.matches("demo", stored);
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        passwords.matches("demo", stored);
        assertThat(bcrypt.checks).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(passwords.matches("demo", stored)).isTrue();

        assertThat(bcrypt.checks).isEqualTo(2);
    }

    @Test
    void theCacheNeverHoldsMoreThanItsBound() {
        VerifiedPasswordCache small = new VerifiedPasswordCache(bcrypt, Duration.ofMinutes(5), 3, clock);
        for (int i = 0; i < 10; i++) {
            String stored = small.encode("password " + i);
            assertThat(small.matches("password " + i, stored)).isTrue();
            assertThat(small.size()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void aLifetimeOfZeroTurnsTheCacheOff() {
        VerifiedPasswordCache off = new VerifiedPasswordCache(bcrypt, Duration.ZERO, 100, clock);
        String stored = off.encode("demo");

        off.matches("demo", stored);
        off.matches("demo", stored);

        assertThat(bcrypt.checks).isEqualTo(2);
        assertThat(off.size()).isZero();
    }

    private static final class CountingBCrypt implements PasswordEncoder {
        private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        int checks;

        @Override
        public String encode(CharSequence rawPassword) {
            return bcrypt.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            checks++;
            return bcrypt.matches(rawPassword, encodedPassword);
        }
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-02T00:00:00Z");

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
}
