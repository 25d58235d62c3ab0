package io.omnicase.security.internal;

import org.springframework.security.crypto.password.PasswordEncoder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The password encoder of sign-in, remembering for a short while that a password matched its stored BCrypt hash, so
 * that a client sending HTTP Basic on every request (a channel gateway) is not BCrypt-hashed on every request (tens of
 * milliseconds of CPU each). The idea of Elasticsearch's realm cache, with these rules:
 * <ul>
 *     <li>Only a match is remembered, as an HMAC-SHA-256 of the password under a random key made at start (never the
 *     password, and nothing that survives a restart); a wrong password is never remembered and is always checked by
 *     BCrypt, so it costs what it cost before, fails as before and is counted by the login throttle as before.</li>
 *     <li>The entry's key is the stored hash itself: a changed password has a new hash (a new salt), so the old
 *     password misses and is refused at once, on every node, without any eviction message.</li>
 *     <li>The user's row is still read on every sign-in (Spring's provider does that before the password): a disabled
 *     user, a removed user or changed roles take effect at the next request.</li>
 *     <li>An entry lives {@code ttl} (default 5 minutes) and the map holds at most {@code maxEntries}; a {@code ttl}
 *     of zero turns the cache off.</li>
 * </ul>
 * The fast answer is given only to someone who sent the right password, so its timing tells a guesser nothing.
 */
final class VerifiedPasswordCache implements PasswordEncoder {

    private static final String ALGORITHM = "HmacSHA256";

    private final PasswordEncoder delegate;
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedPasswordCache(PasswordEncoder delegate, Duration ttl, int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null || ttl.isZero() || ttl.isNegative() || maxEntries <= 0) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        byte[] digest = digest(rawPassword, encodedPassword);
        Instant now = clock.instant();
        Verified known = verified.get(encodedPassword);
        if (known != null && now.isBefore(known.expires()) && MessageDigest.isEqual(known.digest(), digest)) {
            return true;
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            remember(encodedPassword, new Verified(digest, now.plus(ttl)), now);
        }
        return matches;
    }

    /** How many verified passwords are remembered now (for tests and metrics). */
    int size() {
        return verified.size();
    }

    private void remember(String encodedPassword, Verified entry, Instant now) {
        if (verified.size() >= maxEntries && !verified.containsKey(encodedPassword)) {
            verified.values().removeIf(v -> !now.isBefore(v.expires()));
            if (verified.size() >= maxEntries) {
                // Full of live entries (more users signed in within the ttl than it holds): start over, never grow.
                verified.clear();
            }
        }
        verified.put(encodedPassword, entry);
    }

    /** HMAC over the stored hash and the password: useless without this process's key, which is never stored. */
    private byte[] digest(CharSequence rawPassword, String encodedPassword) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java runtime", e);
        }
    }

    private record Verified(byte[] digest, Instant expires) {
    }
}
