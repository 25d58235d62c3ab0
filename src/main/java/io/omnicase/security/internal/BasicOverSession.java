package io.omnicase.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * HTTP Basic credentials on a request are checked even when the request also carries a signed-in session. Spring's
 * Basic filter skips the check when the session is already the same user's, so a wrong password was taken as long as
 * the session cookie rode along: a gateway configured with an old password kept working until its session ended, and
 * a client could not tell a wrong password from a right one. Here the session's sign-in is set aside for this request
 * only (the session itself is left as it was), so the credentials sent decide: right ones sign the request in (the
 * verified-password cache keeps that cheap), wrong ones get 401 and count towards the login throttle.
 */
final class BasicOverSession extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityConfiguration.basicCredentials(request.getHeader(HttpHeaders.AUTHORIZATION))
                && SecurityContextHolder.getContext().getAuthentication() != null) {
            SecurityContextHolder.clearContext();
        }
        chain.doFilter(request, response);
    }
}
