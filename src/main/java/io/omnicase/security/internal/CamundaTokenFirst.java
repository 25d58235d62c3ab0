package io.omnicase.security.internal;

import io.omnicase.http.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * A change to Camunda's webapps ({@code /camunda/**}) in a session carries the token Camunda's pages were given, checked
 * here first. Camunda's own CSRF filter ends the whole session when the token is missing or wrong, and the session is
 * Omnicase's too: another site's form posted to any Camunda path (its "Log out" among them) signed the user out of
 * everything. Here such a request is refused with a problem and the session is left as it was. A request without a
 * session has nothing to protect and goes on to Camunda's filter, which refuses it.
 */
final class CamundaTokenFirst extends OncePerRequestFilter {

    /** Where Camunda's webapps keep their token in the session, and the header their pages send it in. */
    static final String TOKEN_ATTRIBUTE = "CAMUNDA_CSRF_TOKEN";
    static final String TOKEN_HEADER = "X-XSRF-TOKEN";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // The decoded path: "/%63amunda/..." reaches Camunda's webapps as "/camunda/...".
        return !UrlPathHelper.defaultInstance.getPathWithinApplication(request).startsWith("/camunda/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestURI().indexOf('%') >= 0) {
            // No address of Camunda's webapps needs one; the webapps answered encoded ones with a 500.
            Problems.write(response, HttpStatus.BAD_REQUEST,
                    "Addresses of Tasklist, Cockpit and Admin take no percent-encoded characters", null);
            return;
        }
        if (SAFE.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        HttpSession session = request.getSession(false);
        if (session == null || carriesToken(session, request.getHeader(TOKEN_HEADER))) {
            chain.doFilter(request, response);
            return;
        }
        Problems.write(response, HttpStatus.FORBIDDEN, "A change in Tasklist, Cockpit or Admin carries the token their "
                + "pages send (" + TOKEN_HEADER + "); reload the page and try again", request.getRequestURI());
    }

    private static boolean carriesToken(HttpSession session, String sent) {
        Object token;
        try {
            token = session.getAttribute(TOKEN_ATTRIBUTE);
        } catch (IllegalStateException invalidated) {
            return true;
        }
        return token != null && sent != null && MessageDigest.isEqual(token.toString().getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8));
    }
}
