package io.omnicase.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Where a sign-in by HTTP Basic is kept: in the session the client already has (a browser signed in by the form, a
 * client that kept its cookie), and a new session only for Camunda's webapps, which work on one. A request to the API
 * with Basic and no session opens none: a channel gateway or a script that keeps no cookies opened a session on every
 * request, each held for the session timeout (30 minutes), refused ones too; a few hundred requests a second were
 * hundreds of thousands of sessions in the heap (probe 50). Each such request is checked by its credentials again,
 * which the verified-password cache keeps cheap.
 */
final class BasicContextRepository implements SecurityContextRepository {

    private final HttpSessionSecurityContextRepository newSessions = new HttpSessionSecurityContextRepository();
    private final HttpSessionSecurityContextRepository existingSessions = new HttpSessionSecurityContextRepository();

    BasicContextRepository() {
        existingSessions.setAllowSessionCreation(false);
    }

    /** Camunda's webapps and their API keep their sign-in and CSRF token in the session. */
    static boolean opensSession(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/camunda/");
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        return existingSessions.loadDeferredContext(request);
    }

    @Override
    @Deprecated
    public SecurityContext loadContext(org.springframework.security.web.context.HttpRequestResponseHolder holder) {
        return existingSessions.loadDeferredContext(holder.getRequest()).get();
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        (opensSession(request) ? newSessions : existingSessions).saveContext(context, request, response);
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return existingSessions.containsContext(request);
    }
}
