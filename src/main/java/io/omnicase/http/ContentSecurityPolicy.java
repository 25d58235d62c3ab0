package io.omnicase.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * A Content-Security-Policy on every answer of Omnicase (pages, the login page, static files, the API, errors):
 * scripts only from this origin, never inline, no plugins, framed only by Omnicase itself. Camunda's webapps under
 * {@code /camunda/} send their own policy (nonce-based, they need it), so they are left alone. The desk tightens it
 * further ({@code DeskPageHeaders}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class ContentSecurityPolicy extends OncePerRequestFilter {

    static final String STRICT = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'self'; base-uri 'self'; "
            + "form-action 'self'";

    /** The same, but inline styles allowed: Swagger UI sets them. Scripts stay strict everywhere. */
    static final String INLINE_STYLES = STRICT.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/camunda/");
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        apply(response, request.getRequestURI());
        chain.doFilter(request, response);
    }

    static void apply(HttpServletResponse response, String path) {
        response.setHeader("Content-Security-Policy", policyFor(path));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
    }

    static String policyFor(String path) {
        if (path.startsWith("/swagger-ui")) {
            return INLINE_STYLES;
        }
        return STRICT;
    }
}
