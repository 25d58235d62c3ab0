package io.omnicase.security.internal;

import io.omnicase.http.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Refuses a login attempt (the login form's POST, or any request with HTTP Basic credentials) with 429 and
 * {@code Retry-After} while {@link LoginThrottle} holds that username or address back; the password is not even checked.
 * Placed in the security chain before the authentication filters (not a servlet filter of its own).
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;
    private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();

    LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = username(request);
        if (username != null) {
            Optional<Duration> wait = throttle.retryAfter(username, request.getRemoteAddr());
            if (wait.isPresent()) {
                long seconds = Math.max(1, wait.get().toSeconds() + (wait.get().toMillisPart() > 0 ? 1 : 0));
                response.setHeader("Retry-After", Long.toString(seconds));
                Problems.write(response, HttpStatus.TOO_MANY_REQUESTS,
                        "Too many failed logins; try again in " + seconds + " seconds", request.getRequestURI());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private String username(HttpServletRequest request) {
        if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
            String username = request.getParameter("username");
            return username == null ? "" : username;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                var token = basic.convert(request);
                return token == null ? null : token.getName();
            } catch (RuntimeException malformed) {
                return null;
            }
        }
        return null;
    }
}
