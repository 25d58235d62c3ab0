package io.omnicase.security.internal;

import io.omnicase.http.Problems;
import io.omnicase.http.StoreOutage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.MissingCsrfTokenException;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.Arrays;

/**
 * Who may reach what. The API takes HTTP Basic (checked on every request; kept in a session only where the client
 * has one, or for Camunda's webapps: {@link BasicContextRepository}) or the browser session of a form login; the Camunda webapps and REST API sit behind the
 * same login, so one account works everywhere.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String[] CASE_READERS = {"AGENT", "SUPERVISOR", "AUDITOR", "ADMIN"};
    /** People, not machines: every role but a channel gateway's. */
    private static final String[] STAFF = {"AGENT", "SUPERVISOR", "DESIGNER", "AUDITOR", "ADMIN"};
    private static final String[] CASE_WORKERS = {"AGENT", "SUPERVISOR", "ADMIN"};

    /** Camunda's webapps' "Log out" (Tasklist, Cockpit, Admin); its token is checked before ({@link CamundaTokenFirst}). */
    private static final RequestMatcher CAMUNDA_LOGOUT = new AntPathRequestMatcher("/camunda/api/admin/auth/user/*/logout", "POST");

    /**
     * Writes to Camunda's users, groups and memberships (Camunda Admin's user pages, engine-rest): Omnicase's accounts
     * are MariaDB's and mirrored into Camunda, so a user made there could not sign in and a membership made there would
     * be undone; refused for everyone, with where accounts are kept (walk 42).
     */
    // A pattern ending in "/**" matches its bare path too ("/engine-rest/user").
    private static final RequestMatcher IDENTITY_PATHS = new OrRequestMatcher(
            new AntPathRequestMatcher("/camunda/api/engine/engine/*/user/**"),
            new AntPathRequestMatcher("/camunda/api/engine/engine/*/group/**"),
            new AntPathRequestMatcher("/camunda/api/admin/setup/**"),
            new AntPathRequestMatcher("/engine-rest/user/**"),
            new AntPathRequestMatcher("/engine-rest/group/**"),
            new AntPathRequestMatcher("/engine-rest/identity/**"),
            // The same resources under a named engine (probe, 5 December: /engine-rest/engine/default/user/create).
            new AntPathRequestMatcher("/engine-rest/engine/*/user/**"),
            new AntPathRequestMatcher("/engine-rest/engine/*/group/**"),
            new AntPathRequestMatcher("/engine-rest/engine/*/identity/**"));
    static final RequestMatcher IDENTITY_WRITES = request -> !"GET".equals(request.getMethod())
            && !"HEAD".equals(request.getMethod()) && !"OPTIONS".equals(request.getMethod())
            && IDENTITY_PATHS.matches(request);
    static final String ACCOUNTS_ARE_OMNICASE_S = "Accounts are kept in Omnicase, not in Camunda: an administrator "
            + "adds and changes them on the Users and queues page (/users.html, or /api/admin/users)";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, LoginThrottle loginThrottle, AccountSessions accountSessions,
                                            @Value("${server.servlet.session.cookie.secure:false}") boolean secureCookies)
            throws Exception {
        RequestMatcher machineClients = new OrRequestMatcher(
                new AntPathRequestMatcher("/api/**"), new AntPathRequestMatcher("/engine-rest/**"),
                new AntPathRequestMatcher("/actuator/**"));
        // CSRF rides on a session cookie: a request with its own credentials, or without a session, has none to ride on.
        // Except the login form: a page elsewhere must not sign a browser in to an account of its choosing (login CSRF),
        // so the form's post carries the token the login page handed out, session or not.
        RequestMatcher loginForm = new AntPathRequestMatcher("/login", "POST");
        // HTTP Basic credentials, which a cross-site form cannot set; any other Authorization header (which no API
        // here reads) leaves a request that carries the session cookie under CSRF protection.
        // Signing out keeps the check whatever the request carries: the sign-out runs before Basic credentials are
        // checked, so a wrong pair would otherwise end a session without its token (probe, 4 December).
        RequestMatcher noSessionToRide = request -> basicCredentials(request.getHeader("Authorization"))
                && !"/logout".equals(request.getServletPath())
                || request.getRequestedSessionId() == null && !loginForm.matches(request);
        http
                .authorizeHttpRequests(auth -> auth
                        // The whole and the probes; each component alone (/actuator/health/mail, /db) is ADMIN's: its
                        // check ran at every request, outside the shared, cached answer (probe 50).
                        .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
                                "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/", "/index.html", "/login", "/login.html", "/error", "/error-page.css", "/assets/**", "/favicon.svg",
                                "/favicon.ico").permitAll()
                        // Who am I: any signed-in user (the front end's shell).
                        .requestMatchers(HttpMethod.GET, "/api/me").authenticated()
                        .requestMatchers(HttpMethod.POST, "/api/messages").hasAnyRole("CHANNEL", "ADMIN")
                        // Providers' webhooks prove themselves by their signature, checked by the channel; no login.
                        .requestMatchers("/api/webhooks/**").permitAll()
                        // The chat widget, its demo page and socket: for anonymous visitors of customers' sites.
                        .requestMatchers("/chat/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/customers/*/merge").hasAnyRole(CASE_WORKERS)
                        .requestMatchers(HttpMethod.GET, "/api/cases/**", "/api/customers/**", "/api/search").hasAnyRole(CASE_READERS)
                        .requestMatchers(HttpMethod.POST, "/api/cases/**").hasAnyRole(CASE_WORKERS)
                        // A case's live feed is a read: auditors follow it too (the case access policy decides which).
                        .requestMatchers(HttpMethod.GET, "/api/desk/cases/*/events").hasAnyRole(CASE_READERS)
                        // Telling a chat customer that an agent is typing is a write (the case access policy decides which).
                        .requestMatchers(HttpMethod.POST, "/api/desk/cases/*/typing").hasAnyRole(CASE_WORKERS)
                        .requestMatchers("/api/desk/**").hasAnyRole(CASE_WORKERS)
                        // Machine mail belongs to no case, yet a bounce quotes the reply it returns (any queue's): for those who read every case.
                        .requestMatchers(HttpMethod.GET, "/api/mail/machine").hasAnyRole("SUPERVISOR", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/insight/coaching").hasAnyRole("SUPERVISOR", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/assistant/ask").hasAnyRole("AGENT", "SUPERVISOR", "CHANNEL", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/assistant/examples").hasAnyRole(CASE_WORKERS)
                        // Taught examples: everyone's for supervisors and admins, an agent's own for the agent (the
                        // controller narrows it); reviewing is a supervisor's.
                        .requestMatchers(HttpMethod.GET, "/api/assistant/examples").hasAnyRole(CASE_WORKERS)
                        .requestMatchers(HttpMethod.DELETE, "/api/assistant/examples/*").hasAnyRole(CASE_WORKERS)
                        .requestMatchers(HttpMethod.POST, "/api/assistant/examples/*/review").hasAnyRole("SUPERVISOR", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/assistant/articles/**").hasAnyRole(CASE_READERS)
                        .requestMatchers(HttpMethod.PUT, "/api/assistant/articles/**").hasAnyRole("SUPERVISOR", "ADMIN")
                        // Routing rules: supervisors change the rule table, auditors read every version and its diff.
                        // Rule text (DRL) would be compiled as code: nobody sends it, administrators neither (probe
                        // 46 I1); its old path stays shut. The live floor (snapshot, event stream, reassign,
                        // priority): supervisors and admins.
                        .requestMatchers("/api/supervisor/**").hasAnyRole("SUPERVISOR", "ADMIN")
                        .requestMatchers("/api/routing/rules/drl/**").denyAll()
                        .requestMatchers(HttpMethod.GET, "/api/routing/rules/**").hasAnyRole("SUPERVISOR", "ADMIN", "AUDITOR")
                        .requestMatchers(HttpMethod.POST, "/api/routing/rules/**").hasAnyRole("SUPERVISOR", "ADMIN")
                        // Quality scores: a case's score for whoever reads the case (the case access policy decides
                        // which), the overview for supervisors; the scoring rules: supervisors change, auditors read.
                        .requestMatchers(HttpMethod.GET, "/api/insight/quality/cases/*").hasAnyRole(CASE_READERS)
                        .requestMatchers(HttpMethod.GET, "/api/insight/quality/rules", "/api/insight/quality/rules/versions")
                        .hasAnyRole("SUPERVISOR", "ADMIN", "AUDITOR")
                        .requestMatchers(HttpMethod.PUT, "/api/insight/quality/rules").hasAnyRole("SUPERVISOR", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/insight/**").hasAnyRole("SUPERVISOR", "ADMIN")
                        // The process designer: designers and administrators change the case process, auditors read
                        // every version and diff.
                        .requestMatchers(HttpMethod.GET, "/api/designer/**").hasAnyRole("DESIGNER", "ADMIN", "AUDITOR")
                        .requestMatchers(HttpMethod.POST, "/api/designer/**").hasAnyRole("DESIGNER", "ADMIN")
                        // Audit: auditors and admins read traces and verify the chain; erasing a customer is ADMIN's.
                        .requestMatchers(HttpMethod.GET, "/api/audit/**").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers(IDENTITY_WRITES).denyAll()
                        .requestMatchers("/api/**").hasRole("ADMIN")
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        // engine-rest: reads for what Cockpit-minded roles need, every write (deployments too) ADMIN's.
                        // Designers read models and deployments only: instances, tasks, variables and history are cases,
                        // and so are the statistics' counts of running cases per version and activity (probe 46, I3).
                        // "/**" also takes the bare path and the trailing slash Jersey accepts.
                        .requestMatchers(HttpMethod.GET, "/engine-rest/process-definition/statistics/**",
                                "/engine-rest/process-definition/*/statistics/**",
                                "/engine-rest/process-definition/key/*/statistics/**",
                                "/engine-rest/process-definition/key/*/tenant-id/*/statistics/**").hasAnyRole("ADMIN", "AUDITOR")
                        .requestMatchers(HttpMethod.GET, "/engine-rest/process-definition/**", "/engine-rest/process-definition",
                                "/engine-rest/deployment/**", "/engine-rest/deployment", "/engine-rest/decision-definition/**",
                                "/engine-rest/decision-definition").hasAnyRole("ADMIN", "DESIGNER", "AUDITOR")
                        .requestMatchers(HttpMethod.GET, "/engine-rest/**").hasAnyRole("ADMIN", "AUDITOR")
                        .requestMatchers("/engine-rest/**").hasRole("ADMIN")
                        // The webapps' own engine API follows Camunda authorizations; deploying through it is ADMIN's.
                        .requestMatchers(HttpMethod.POST, "/camunda/api/engine/engine/*/deployment/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.DELETE, "/camunda/api/engine/engine/*/deployment/**").hasRole("ADMIN")
                        // Cockpit's plugin API answers whoever is signed in (its counts of running cases too); it is
                        // for the roles Cockpit is for.
                        .requestMatchers("/camunda/api/cockpit/**").hasAnyRole("SUPERVISOR", "DESIGNER", "AUDITOR", "ADMIN")
                        // The engine API's statistics count running cases across every queue as well (an agent's
                        // PROCESS_DEFINITION read, which Tasklist needs, is all they ask for), and its metrics and
                        // job definitions are the operators': Cockpit's roles too.
                        // "/**" also takes the trailing slash Jersey accepts ("statistics/" counted as well).
                        .requestMatchers(HttpMethod.GET, "/camunda/api/engine/engine/*/process-definition/statistics/**",
                                "/camunda/api/engine/engine/*/process-definition/*/statistics/**",
                                "/camunda/api/engine/engine/*/process-definition/key/*/statistics/**",
                                "/camunda/api/engine/engine/*/process-definition/key/*/tenant-id/*/statistics/**",
                                "/camunda/api/engine/engine/*/history/process-definition/*/statistics/**",
                                "/camunda/api/engine/engine/*/metrics", "/camunda/api/engine/engine/*/metrics/**",
                                "/camunda/api/engine/engine/*/job-definition", "/camunda/api/engine/engine/*/job-definition/**")
                        .hasAnyRole("SUPERVISOR", "DESIGNER", "AUDITOR", "ADMIN")
                        // Task attachments are no case's, and the engine serves their content to anyone who has the
                        // two ids; users, groups and authorizations are Omnicase's (a profile edited in Tasklist would
                        // pass for a colleague there).
                        .requestMatchers("/camunda/api/engine/engine/*/task/*/attachment",
                                "/camunda/api/engine/engine/*/task/*/attachment/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/camunda/api/engine/engine/*/user/**",
                                "/camunda/api/engine/engine/*/group/**", "/camunda/api/engine/engine/*/tenant/**",
                                "/camunda/api/engine/engine/*/authorization/**").hasAnyRole(STAFF)
                        .requestMatchers("/camunda/api/engine/engine/*/user/**", "/camunda/api/engine/engine/*/group/**",
                                "/camunda/api/engine/engine/*/tenant/**", "/camunda/api/engine/engine/*/authorization/**")
                        .hasRole("ADMIN")
                        // Camunda's webapps and their API are for people: a channel gateway (a machine) posts messages.
                        .requestMatchers("/camunda/**").hasAnyRole(STAFF)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic
                        .securityContextRepository(new BasicContextRepository())
                        .authenticationEntryPoint(problem(HttpStatus.UNAUTHORIZED)))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false))
                // Back to the page asked for after login, without Spring's "?continue" marker in the address people see.
                .requestCache(cache -> cache.requestCache(requestCacheWithoutMarker()))
                // Logging out of Camunda's webapps ends the Omnicase session too: they sign in from it on every request,
                // so ending only Camunda's own authentication left the user signed in everywhere.
                .logout(logout -> logout
                        .logoutRequestMatcher(new OrRequestMatcher(new AntPathRequestMatcher("/logout", "POST"), CAMUNDA_LOGOUT))
                        .defaultLogoutSuccessHandlerFor(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.OK), CAMUNDA_LOGOUT)
                        .logoutSuccessUrl("/login?logout"))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor(problem(HttpStatus.UNAUTHORIZED), machineClients)
                        .defaultAuthenticationEntryPointFor(signInPage(),
                                org.springframework.security.web.util.matcher.AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler(forbidden()))
                // Another site's form riding on credentials the browser sends by itself: refused before anything else.
                .addFilterBefore(new CrossSiteChanges(), UsernamePasswordAuthenticationFilter.class)
                // Camunda's own CSRF filter ends the session on a missing token: refused here first, session kept.
                .addFilterBefore(new CamundaTokenFirst(), CsrfFilter.class)
                // A session whose account changed since it signed in (roles, password, disabled) ends here.
                .addFilterBefore(accountSessions.filter(), org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class)
                // HTTP Basic credentials are checked even beside a session (Spring's filter skipped them for its user).
                .addFilterBefore(new BasicOverSession(), org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class)
                // Guessing passwords: throttled before any password is checked (form login and HTTP Basic).
                .addFilterBefore(new LoginThrottleFilter(loginThrottle), UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(new CsrfCookieForPages(), CsrfFilter.class)
                .csrf(csrf -> csrf
                        .csrfTokenRepository(csrfTokens(secureCookies))
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        // Camunda's webapps have their own CSRF filter; webhooks prove themselves by their signature.
                        .ignoringRequestMatchers(noSessionToRide, new AntPathRequestMatcher("/camunda/**"),
                                new AntPathRequestMatcher("/api/webhooks/**")))
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
        return http.build();
    }

    static boolean basicCredentials(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /**
     * BCrypt (through the delegating encoder), with verified passwords remembered for a short while (intake: a channel
     * gateway sends HTTP Basic on every request); see {@link VerifiedPasswordCache} for why that is safe.
     */
    @Bean
    PasswordEncoder passwordEncoder(@Value("${omnicase.security.verified-password-cache.ttl:PT5M}") java.time.Duration ttl,
                                    @Value("${omnicase.security.verified-password-cache.max-entries:10000}") int maxEntries) {
        return new VerifiedPasswordCache(PasswordEncoderFactories.createDelegatingPasswordEncoder(), ttl, maxEntries,
                java.time.Clock.systemUTC());
    }

    /**
     * No Micrometer observation per security filter, authentication and authorization: each request passed through a
     * dozen of them (start, stop, a meter lookup each), a measurable share of the CPU of a cheap request such as a
     * gateway's POST /api/messages. Requests stay observed as a whole (http.server.requests).
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    UserDetailsService userDetailsService(JdbcClient jdbc) {
        // The database compares names without regard to accents, width or case ("tëch" and "ｔｅｃｈ" find tech): only
        // the account's own name, in any case, signs in, so the login throttle, which keys on that, counts every try.
        // The session generation rides along as an authority: AccountSessions ends a session of an older one.
        return username -> jdbc.sql("SELECT username, password_hash, roles, enabled, session_generation FROM users WHERE username = ?")
                .param(username)
                .query((rs, n) -> User.withUsername(rs.getString(1)).password(rs.getString(2))
                        .authorities(java.util.stream.Stream.concat(Arrays.stream(rs.getString(3).split(",")).map(String::strip)
                                .filter(r -> !r.isEmpty()).map(r -> new SimpleGrantedAuthority("ROLE_" + r)),
                                java.util.stream.Stream.of(AccountSessions.authority(rs.getInt(5)))).toList())
                        .disabled(!rs.getBoolean(4)).build())
                .optional()
                .filter(user -> LoginThrottle.sameAccount(user.getUsername(), username))
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }

    /** To the sign-in page by its path: an address built from the request would carry the Host header a client chose. */
    private static AuthenticationEntryPoint signInPage() {
        org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint page =
                new org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint("/login");
        page.setFavorRelativeUris(true);
        return page;
    }

    private static AuthenticationEntryPoint problem(HttpStatus status) {
        return (request, response, ex) -> {
            if (StoreOutage.causedBy(ex)) {
                // The user store is down: not a wrong password, so no login challenge; the client retries later.
                response.setHeader("Retry-After", Integer.toString(StoreOutage.RETRY_AFTER_SECONDS));
                Problems.write(response, HttpStatus.SERVICE_UNAVAILABLE,
                        "Sign-in is unavailable: the user store cannot be reached. Try again shortly", request.getRequestURI());
                return;
            }
            // Not to the pages' own scripts (src/main/frontend/src/lib/api.ts says so, by Spring's XMLHttpRequest convention): the challenge
            // would open the browser's password dialog instead of letting the page send the user to the login form.
            if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"Omnicase\"");
            }
            Problems.write(response, status, "Log in to use this resource", request.getRequestURI());
        };
    }

    /** The CSRF token's cookie, readable by the pages' scripts; Secure when the session cookie is (production, TLS). */
    static CookieCsrfTokenRepository csrfTokens(boolean secure) {
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookieCustomizer(cookie -> {
            cookie.sameSite("Lax");
            if (secure) {
                cookie.secure(true);
            }
        });
        return tokens;
    }

    private static AccessDeniedHandler forbidden() {
        return (request, response, ex) -> {
            if (IDENTITY_WRITES.matches(request)) {
                // Camunda Admin shows a refusal's "message" (it said "Failed to create user:" and nothing more).
                Problems.write(response, HttpStatus.FORBIDDEN, ACCOUNTS_ARE_OMNICASE_S, request.getRequestURI(),
                        java.util.Map.of("message", ACCOUNTS_ARE_OMNICASE_S));
                return;
            }
            String detail = "Your role does not allow this";
            if (ex instanceof CsrfException) {
                boolean sent = request.getHeader("X-XSRF-TOKEN") != null || request.getParameter("_csrf") != null;
                detail = sent && !(ex instanceof MissingCsrfTokenException)
                        ? "The CSRF token is invalid: send the current XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header"
                        : "The CSRF token is missing: send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header";
            }
            Problems.write(response, HttpStatus.FORBIDDEN, detail, request.getRequestURI());
        };
    }

    private static org.springframework.security.web.savedrequest.RequestCache requestCacheWithoutMarker() {
        // In a cookie, not a session: a stranger's page requests would otherwise each open a session on the server
        // holding the whole request (headers and all), as many as they care to send.
        org.springframework.security.web.savedrequest.CookieRequestCache cache =
                new org.springframework.security.web.savedrequest.CookieRequestCache();
        // Only a page a person asked for is worth returning to (as Spring's default): no API call, script or
        // background request is saved, so none of them opens a session.
        cache.setRequestMatcher(request -> "GET".equals(request.getMethod())
                && !"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
                && request.getHeader("Accept") != null && request.getHeader("Accept").contains("text/html"));
        return new PathOnlyRequestCache(cache);
    }

    /**
     * Returns to the saved page by its path only: the cookie cache rebuilt the full address from the request's
     * {@code Host} header and the cookie's unchecked path (probe of 4 December: {@code Host: evil.example} sent the
     * signed-in user to evil.example; a CR/LF in the cookie answered 500). A path that is not a plain one of this site
     * (printable ASCII, one leading slash) is dropped, and sign-in goes to the start page.
     */
    static final class PathOnlyRequestCache implements org.springframework.security.web.savedrequest.RequestCache {

        private final org.springframework.security.web.savedrequest.RequestCache delegate;

        PathOnlyRequestCache(org.springframework.security.web.savedrequest.RequestCache delegate) {
            this.delegate = delegate;
        }

        @Override
        public void saveRequest(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
            delegate.saveRequest(request, response);
        }

        @Override
        public org.springframework.security.web.savedrequest.SavedRequest getRequest(
                jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
            String path;
            try {
                org.springframework.security.web.savedrequest.SavedRequest saved = delegate.getRequest(request, response);
                path = saved == null ? null : pathOf(saved.getRedirectUrl());
            } catch (RuntimeException unreadable) {
                path = null;
            }
            if (path == null) {
                delegate.removeRequest(request, response);
                return null;
            }
            return new org.springframework.security.web.savedrequest.SimpleSavedRequest(path);
        }

        @Override
        public jakarta.servlet.http.HttpServletRequest getMatchingRequest(
                jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
            return delegate.getMatchingRequest(request, response);
        }

        @Override
        public void removeRequest(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
            delegate.removeRequest(request, response);
        }

        /** The path and query of a saved address, when it is a plain path of this site; else null. */
        static String pathOf(String url) {
            if (url == null) {
                return null;
            }
            java.net.URI uri;
            try {
                uri = new java.net.URI(url);
            } catch (java.net.URISyntaxException e) {
                return null;
            }
            String path = uri.getRawPath();
            String query = uri.getRawQuery();
            String relative = path == null || path.isEmpty() ? "/" : path + (query == null ? "" : "?" + query);
            boolean plain = relative.startsWith("/") && !relative.startsWith("//") && !relative.startsWith("/\\")
                    && relative.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '\\');
            return plain ? relative : null;
        }
    }
}
