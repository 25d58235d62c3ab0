package io.omnicase.security.internal;

import io.omnicase.security.UserAccountChanged;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ends a session whose account changed since it signed in. A session keeps the roles it signed in with, so an
 * administrator's change of roles or password, or disabling the account, counts the account's session generation up
 * (V76); the generation a session signed in under rides along as one of its authorities, and a request of an older
 * generation, or of an account now disabled or gone, loses its session and goes on unauthenticated (to the sign-in
 * page, or 401; HTTP Basic credentials on the request sign it in again at once, under the new state). The account's state
 * is read at most every {@link #FRESH_FOR} per node, and at once after a change made on this node.
 */
@Component
class AccountSessions {

    static final String AUTHORITY_PREFIX = "SESSION_GENERATION_";
    static final Duration FRESH_FOR = Duration.ofSeconds(2);
    private static final int MAX_ENTRIES = 10_000;

    private final JdbcClient jdbc;
    /** The live streams (absent in a module test that starts security without the web layer's beans). */
    private final org.springframework.beans.factory.ObjectProvider<io.omnicase.http.LiveStreams> streams;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    @org.springframework.beans.factory.annotation.Autowired
    AccountSessions(JdbcClient jdbc, org.springframework.beans.factory.ObjectProvider<io.omnicase.http.LiveStreams> streams) {
        this(jdbc, streams, Clock.systemUTC());
    }

    AccountSessions(JdbcClient jdbc, org.springframework.beans.factory.ObjectProvider<io.omnicase.http.LiveStreams> streams,
                    Clock clock) {
        this.jdbc = jdbc;
        this.streams = streams;
        this.clock = clock;
    }

    /** The authority a session of this generation carries. */
    static GrantedAuthority authority(int generation) {
        return new SimpleGrantedAuthority(AUTHORITY_PREFIX + generation);
    }

    /** Whether this authentication still speaks for its account: same generation, account enabled. */
    boolean current(Authentication authentication) {
        Optional<Integer> signedIn = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith(AUTHORITY_PREFIX))
                .map(a -> Integer.valueOf(a.substring(AUTHORITY_PREFIX.length()))).findFirst();
        if (signedIn.isEmpty()) {
            // Not signed in through Omnicase's account store (Camunda's own engine authentication, a test's token).
            return true;
        }
        State state = state(authentication.getName());
        if (state == null) {
            return true;
        }
        return state.enabled() && state.generation() == signedIn.get();
    }

    private State state(String username) {
        Instant now = clock.instant();
        State known = states.get(username);
        if (known != null && known.readAt().plus(FRESH_FOR).isAfter(now)) {
            return known;
        }
        if (states.size() >= MAX_ENTRIES) {
            states.clear();
        }
        State read;
        try {
            read = jdbc.sql("SELECT enabled, session_generation FROM users WHERE username = ?").param(username)
                    .query((rs, n) -> new State(rs.getBoolean(1), rs.getInt(2), now)).optional()
                    .orElse(new State(false, -1, now));
        } catch (org.springframework.dao.DataAccessException storeDown) {
            // MariaDB unreachable: the request goes on as it came (it reaches no data without the database, and is
            // answered 503 where it tries); the account is read again at the next request.
            return known;
        }
        states.put(username, read);
        return read;
    }

    /**
     * After a change on this node: the account's state is read again at its next request, and its open live streams
     * (desk, floor) end, so none goes on pushing under the roles or queues it was opened with (the pages open them
     * again, as the account now stands). Streams on another node end at their own timeout.
     */
    @EventListener
    void on(UserAccountChanged changed) {
        states.remove(changed.username());
        if (!"unlocked".equals(changed.change())) {
            streams.ifAvailable(open -> open.endAll(changed.username()));
        }
    }

    /** The filter, placed before HTTP Basic sign-in so that credentials on the request sign in again at once. */
    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
                if (authentication != null && authentication.isAuthenticated() && !current(authentication)) {
                    HttpSession session = request.getSession(false);
                    if (session != null) {
                        session.invalidate();
                    }
                    SecurityContextHolder.clearContext();
                }
                chain.doFilter(request, response);
            }
        };
    }

    private record State(boolean enabled, int generation, Instant readAt) {
    }
}
