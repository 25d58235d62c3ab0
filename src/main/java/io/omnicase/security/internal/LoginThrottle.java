package io.omnicase.security.internal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins (form and HTTP Basic) and refuses further tries for a while: per username from one address
 * (someone guessing one account), per address (someone guessing many accounts) and per username from any address
 * (a guess spread over many addresses). A successful login clears only the count of that username from that
 * address, so an attacker who also owns an account cannot reset their address's count by logging in.
 *
 * <p>An account that logged in from an address recently ({@link #TRUSTED_FOR}) is held back there only by its own
 * failures from that address: otherwise anyone could lock a channel gateway, or every user behind one office's
 * address, out of the product by typing wrong passwords for them (thirty for a name from anywhere, twenty from their
 * address). Guessing stays held back: a guesser is not trusted at the address they guess from.
 */
@Component
public class LoginThrottle {

    private static final int MAX_KEYS = 100_000;
    private static final int MAX_USERNAME_KEY = 128;

    private final Clock clock;
    private final Duration window;
    private final int perUserAndAddress;
    private final int perAddress;
    private final int perUser;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    /** When each account last logged in from each address. */
    private final Map<String, Instant> trusted = new ConcurrentHashMap<>();

    /** How long a login from an address keeps that account there clear of other people's failures. */
    static final Duration TRUSTED_FOR = Duration.ofDays(7);

    @Autowired
    LoginThrottle(@Value("${omnicase.security.login-throttle.window:PT15M}") Duration window,
                  @Value("${omnicase.security.login-throttle.per-user-and-address:5}") int perUserAndAddress,
                  @Value("${omnicase.security.login-throttle.per-address:20}") int perAddress,
                  @Value("${omnicase.security.login-throttle.per-user:30}") int perUser) {
        this(Clock.systemUTC(), window, perUserAndAddress, perAddress, perUser);
    }

    LoginThrottle(Clock clock, Duration window, int perUserAndAddress, int perAddress, int perUser) {
        this.clock = clock;
        this.window = window;
        this.perUserAndAddress = perUserAndAddress;
        this.perAddress = perAddress;
        this.perUser = perUser;
    }

    /** How long the caller must wait before trying to log in as this user from this address; empty when they may. */
    Optional<Duration> retryAfter(String username, String address) {
        Instant now = clock.instant();
        String key = userAtAddress(username, address);
        Duration wait = blockedFor(key, perUserAndAddress, now);
        Instant lastLogin = trusted.get(key);
        if (lastLogin != null && lastLogin.plus(TRUSTED_FOR).isAfter(now)) {
            return wait.isZero() ? Optional.empty() : Optional.of(wait);
        }
        wait = max(wait, blockedFor(address(address), perAddress, now));
        wait = max(wait, blockedFor(user(username), perUser, now));
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /**
     * How long failed sign-ins still hold this account back on this node: from anywhere (the per-name count) or from
     * one address; zero when they do not. What an administrator is shown beside the account.
     */
    public Duration lockedFor(String username) {
        Instant now = clock.instant();
        String prefix = userAtAddress(username, "");
        Duration wait = blockedFor(user(username), perUser, now);
        for (String key : failures.keySet()) {
            if (key.startsWith(prefix)) {
                wait = max(wait, blockedFor(key, perUserAndAddress, now));
            }
        }
        return wait;
    }

    /**
     * Forgets the account's failed sign-ins on this node (from anywhere and from each address): an administrator's
     * unlock. An address's own count (someone guessing many accounts from it) stays.
     */
    public void unlock(String username) {
        String prefix = userAtAddress(username, "");
        failures.remove(user(username));
        failures.keySet().removeIf(key -> key.startsWith(prefix));
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_KEYS) {
            failures.values().removeIf(f -> f.expired(now, window));
        }
        record(userAtAddress(username, address), perUserAndAddress, now);
        record(address(address), perAddress, now);
        record(user(username), perUser, now);
    }

    void succeeded(String username, String address) {
        Instant now = clock.instant();
        if (trusted.size() >= MAX_KEYS) {
            trusted.values().removeIf(at -> !at.plus(TRUSTED_FOR).isAfter(now));
        }
        String key = userAtAddress(username, address);
        failures.remove(key);
        trusted.put(key, now);
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent event) {
        String address = address(event.getAuthentication());
        if (address != null) {
            failed(event.getAuthentication().getName(), address);
        }
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        String address = address(event.getAuthentication());
        if (address != null) {
            succeeded(event.getAuthentication().getName(), address);
        }
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }

    private void record(String key, int max, Instant now) {
        failures.computeIfAbsent(key, k -> new Failures()).add(now, max, window);
    }

    private Duration blockedFor(String key, int max, Instant now) {
        Failures recorded = failures.get(key);
        return recorded == null ? Duration.ZERO : recorded.blockedFor(now, max, window);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Whether a typed name is the account's name as the throttle counts it: the same but for case and outer spaces. */
    static boolean sameAccount(String accountName, String typed) {
        return typed != null && accountName.toLowerCase(Locale.ROOT).equals(typed.strip().toLowerCase(Locale.ROOT));
    }

    private static String normalised(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return name.length() > MAX_USERNAME_KEY ? name.substring(0, MAX_USERNAME_KEY) : name;
    }

    private static String userAtAddress(String username, String address) {
        return "ua\u0000" + normalised(username) + "\u0000" + address;
    }

    private static String address(String address) {
        return "a\u0000" + address;
    }

    private static String user(String username) {
        return "u\u0000" + normalised(username);
    }

    /** The latest failures of one key, at most as many as its limit. */
    private static final class Failures {

        private final ArrayDeque<Instant> times = new ArrayDeque<>();

        synchronized void add(Instant now, int max, Duration window) {
            times.removeIf(t -> !t.plus(window).isAfter(now));
            times.addLast(now);
            while (times.size() > max) {
                times.removeFirst();
            }
        }

        synchronized Duration blockedFor(Instant now, int max, Duration window) {
            times.removeIf(t -> !t.plus(window).isAfter(now));
            if (times.size() < max) {
                return Duration.ZERO;
            }
            return Duration.between(now, times.peekFirst().plus(window));
        }

        synchronized boolean expired(Instant now, Duration window) {
            return times.isEmpty() || !times.peekLast().plus(window).isAfter(now);
        }
    }
}
