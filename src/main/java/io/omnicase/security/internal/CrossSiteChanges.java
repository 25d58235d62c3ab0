package io.omnicase.security.internal;

import io.omnicase.http.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

/**
 * Refuses a change that a browser sends on behalf of another site (Fetch Metadata: {@code Sec-Fetch-Site} is
 * {@code cross-site} or {@code same-site}; without it, an {@code Origin} of another host). CSRF tokens protect changes made with the session cookie; a request with
 * HTTP Basic credentials needs none, and a browser that once had its user type a password into the Basic dialog sends
 * them by itself, so another site's form could close a case or claim a task in that user's name. Browsers send the
 * header on every request; gateways, webhooks and scripts send none and are not affected. Reads are not refused: a
 * link from another site to a page must still open.
 */
final class CrossSiteChanges extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> FOREIGN = Set.of("cross-site", "same-site");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!SAFE.contains(request.getMethod()) && foreign(request)) {
            Problems.write(response, HttpStatus.FORBIDDEN,
                    "A change sent by another site is refused; make it from Omnicase's own pages", request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Sent on behalf of another site: by Fetch Metadata when the browser sends it; else by {@code Origin} (browsers and
     * web views without Fetch Metadata still send it with a form's POST): {@code null} (a sandboxed or privacy-hidden
     * origin) or an origin (scheme, host and port) other than the one the request was sent to (behind the load
     * balancer, its forwarded scheme, host and port).
     */
    static boolean foreign(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return FOREIGN.contains(site);
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        try {
            URI from = URI.create(origin.strip());
            String scheme = from.getScheme();
            if (from.getHost() == null || scheme == null) {
                return true;
            }
            int port = from.getPort() != -1 ? from.getPort() : "https".equalsIgnoreCase(scheme) ? 443 : 80;
            // Another origin on the same host (another port, or http for https) is another site's page too.
            return !from.getHost().equalsIgnoreCase(request.getServerName()) || !scheme.equalsIgnoreCase(request.getScheme())
                    || port != request.getServerPort();
        } catch (IllegalArgumentException unreadable) {
            return true;
        }
    }
}
