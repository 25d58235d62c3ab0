package io.omnicase.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.support.Api;
import io.omnicase.support.CustomerMessages;
import io.omnicase.support.QueueCases;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Hostile input at the web layer: oversized bodies, malformed addresses, sloppy JSON, missing CSRF tokens. */
@RunningOmnicase
class WebHardeningIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TWENTY_MB = 20L * 1024 * 1024;

    @LocalServerPort
    int port;

    // ---- bodies above 1 MB, also when chunked ----

    @Test
    void aChunkedTwentyMegabyteMessageIsRefusedWith413AfterAboutOneMegabyte() throws Exception {
        String marker = "chunked-" + UUID.randomUUID();
        StreamedUpload upload = streamChunked("/api/messages", "Authorization: Basic " + basic("gateway"),
                "{\"channel\":\"EMAIL\",\"from\":\"big@example.com\",\"providerMessageId\":\"" + marker + "\",\"text\":\"");

        assertProblem(upload.reply, 413);
        assertThat(upload.reply.body()).contains("larger than 1048576 bytes");
        assertThat(upload.sent).as("bytes the client could push before the server hung up").isLessThan(TWENTY_MB);
        assertThat(upload.refusedMidway).as("the server closed the connection instead of reading on").isTrue();
        assertNothingStoredUnder(marker);
    }

    @Test
    void aChunkedTwentyMegabyteBodyOnTheUnsignedWhatsAppWebhookIsRefusedWith413Too() throws Exception {
        StreamedUpload upload = streamChunked("/api/webhooks/whatsapp", null, "{\"object\":\"whatsapp_business_account\",\"x\":\"");

        assertProblem(upload.reply, 413);
        assertThat(upload.sent).isLessThan(TWENTY_MB);
        assertThat(upload.refusedMidway).isTrue();
    }

    @Test
    void aDeclaredLengthAboveTheLimitIsRefusedBeforeTheBodyIsRead() {
        RawHttp.Reply reply = RawHttp.exchange(port, null, "POST /api/messages HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Basic " + basic("gateway") + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 20971520", new byte[0]);

        assertProblem(reply, 413);
    }

    /** What happened to a chunked upload of 20 MB: the answer, how much went out, whether the server cut it short. */
    private record StreamedUpload(RawHttp.Reply reply, long sent, boolean refusedMidway) {
    }

    private StreamedUpload streamChunked(String path, String header, String prefix) throws Exception {
        try (Socket socket = RawHttp.connect(port, null)) {
            socket.setSendBufferSize(64 * 1024);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + (header == null ? "" : header + "\r\n") + "Transfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Boolean> writer = CompletableFuture.supplyAsync(() -> {
                byte[] filler = new byte[64 * 1024];
                Arrays.fill(filler, (byte) 'a');
                byte[] first = prefix.getBytes(StandardCharsets.UTF_8);
                try {
                    chunk(out, first);
                    sent.addAndGet(first.length);
                    while (sent.get() < TWENTY_MB) {
                        chunk(out, filler);
                        sent.addAndGet(filler.length);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    return false;
                } catch (IOException closedByServer) {
                    return true;
                }
            });
            RawHttp.Reply reply = RawHttp.read(socket.getInputStream());
            boolean refusedMidway = writer.get(60, TimeUnit.SECONDS);
            return new StreamedUpload(reply, sent.get(), refusedMidway);
        }
    }

    private static void chunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    // ---- requests refused before any controller ----

    @Test
    void malformedAddressesAreAnsweredWithAProblemDescription() {
        Map<String, Integer> attacks = new java.util.LinkedHashMap<>();
        attacks.put("/api/cases/1%2F..%2F..%2Fetc%2Fpasswd", 400);
        attacks.put("/api/cases/%00", 400);
        attacks.put("/index.html%00.jpg", 400);
        attacks.put("/api/../../etc/passwd", 400);
        attacks.put("/static/%2e%2e/%2e%2e/etc/passwd", 400);
        attacks.put("/desk/..%2f..%2fapplication.yml", 400);
        attacks.put("/api/cases;jsessionid=ABC123/1", 400);
        attacks.put("/index.html;x=1", 400);
        attacks.put("/api/cases/1\\..\\..\\x", 400);
        attacks.put("/api/" + "a".repeat(8 * 1024), 400);
        attacks.put("/api/" + "a".repeat(70 * 1024), 400);
        attacks.forEach((path, status) -> {
            RawHttp.Reply reply = RawHttp.get(port, path, "Accept: text/html");
            assertThat(reply.status()).as(path.length() > 80 ? path.length() + " character path" : path).isEqualTo(status);
            assertProblem(reply, status);
        });
    }

    @Test
    void headersTooLargeAreAnsweredWithAProblemDescription() {
        for (int size : new int[]{8 * 1024, 70 * 1024}) {
            RawHttp.Reply reply = RawHttp.get(port, "/api/me", "X-Padding: " + "b".repeat(size));
            assertProblem(reply, 400);
        }
        RawHttp.Reply manyCookies = RawHttp.get(port, "/", "Cookie: " + "c=1; ".repeat(3000));
        assertProblem(manyCookies, manyCookies.status());
    }

    /**
     * A client without a login is challenged for Basic credentials; the pages' own scripts (src/lib/api.ts) are not, or the
     * browser would open its password dialog instead of the page sending the user to the login form.
     */
    @Test
    void aMissingLoginIsChallengedForClientsButNotForThePagesScripts() {
        RawHttp.Reply client = RawHttp.get(port, "/api/cases/1", "Accept: application/json");
        assertProblem(client, 401);
        assertThat(client.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Omnicase\"");
        RawHttp.Reply page = RawHttp.get(port, "/api/cases/1", "Accept: application/json", "X-Requested-With: XMLHttpRequest");
        assertProblem(page, 401);
        assertThat(page.header("WWW-Authenticate")).isNull();
    }

    @Test
    void errorsOfTheApiAndOfPagesAreProblemDescriptions() {
        assertProblem(RawHttp.get(port, "/api/cases/1", "Accept: text/html"), 401);
        assertProblem(RawHttp.get(port, "/error", "Accept: text/html"), 404);
        assertProblem(RawHttp.get(port, "/no-such-page.html", "Accept: text/html", "Authorization: Basic " + basic("agent")), 404);
        assertProblem(RawHttp.get(port, "/api/cases/not-a-number", "Authorization: Basic " + basic("agent")), 400);
        RawHttp.Reply method = RawHttp.exchange(port, null, "DELETE /api/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Basic "
                + basic("admin"), null);
        assertProblem(method, 405);
    }

    @Test
    void aPersonWhoFollowsABrokenLinkGetsAPageWithAWayBackNotA500() {
        String[] navigation = {"Accept: text/html", "Sec-Fetch-Mode: navigate", "Sec-Fetch-Dest: document",
                "Authorization: Basic " + basic("designer")};
        // There is no modeler webapp in Camunda 7; the webapp filter used to fail on it with a 500.
        RawHttp.Reply modeler = RawHttp.get(port, "/camunda/app/modeler/", navigation);
        assertThat(modeler.status()).as(modeler.toString()).isEqualTo(404);
        assertThat(modeler.header("Content-Type")).startsWith("text/html");
        assertThat(modeler.body()).contains("404 · Not Found").contains("href=\"/\"").doesNotContain("modeler");
        // The same address from a script or curl is a problem description.
        assertProblem(RawHttp.get(port, "/camunda/app/modeler/", "Accept: text/html", "Authorization: Basic " + basic("designer")), 404);
        // A page of Omnicase's own that is not there: the same page, not the problem's JSON in the browser.
        RawHttp.Reply missing = RawHttp.get(port, "/no-such-page.html", navigation);
        assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("text/html");
        assertThat(missing.body()).contains("404 · Not Found").contains("There is nothing at this address")
                .contains("href=\"/\"").doesNotContain("no-such-page");
        // Camunda's own webapps are untouched.
        assertThat(RawHttp.get(port, "/camunda/app/cockpit/default/", navigation).status()).isEqualTo(200);
        // One the role may not open says what it is and whose it is, not a bare 403.
        RawHttp.Reply admin = RawHttp.get(port, "/camunda/app/admin/default/", navigation);
        assertThat(admin.status()).as(admin.toString()).isEqualTo(403);
        assertThat(admin.body()).contains("Not for your role").contains("Admin is Camunda's administration of users, groups "
                + "and authorizations, for admins").contains("href=\"/\"").doesNotContain("403");
    }

    // ---- strict JSON ----

    @Test
    void aKeyTwiceInOneObjectIsRefusedNamingIt() throws Exception {
        String id = "dup-" + UUID.randomUUID();
        Api.Response refused = gateway("{\"channel\":\"EMAIL\",\"from\":\"dup@example.com\",\"text\":\"hello\","
                + "\"text\":\"other\",\"providerMessageId\":\"" + id + "\",\"timestamp\":\"2026-11-25T10:00:00Z\"}");

        assertApiProblem(refused, 400, "text");
        assertThat(refused.json().get("detail").asText()).contains("more than once");
        assertNothingStoredUnder(id);
    }

    @Test
    void scalarsKeepTheirJsonType() throws Exception {
        String id = "type-" + UUID.randomUUID();
        Api.Response number = gateway("{\"channel\":\"EMAIL\",\"from\":\"n@example.com\",\"text\":123,"
                + "\"providerMessageId\":\"" + id + "\",\"timestamp\":\"2026-11-25T10:00:00Z\"}");
        assertApiProblem(number, 400, "text");
        assertThat(number.json().get("detail").asText()).isEqualTo("text: must be a string");

        Api.Response bool = gateway("{\"channel\":\"EMAIL\",\"from\":\"n@example.com\",\"text\":true,"
                + "\"providerMessageId\":\"" + id + "\",\"timestamp\":\"2026-11-25T10:00:00Z\"}");
        assertApiProblem(bool, 400, "text");

        Api.Response channel = gateway("{\"channel\":0,\"from\":\"n@example.com\",\"text\":\"x\","
                + "\"providerMessageId\":\"" + id + "\",\"timestamp\":\"2026-11-25T10:00:00Z\"}");
        assertApiProblem(channel, 400, "channel");

        Api.Response ask = Api.as(port, "agent").post("/api/assistant/ask", "application/json", "{\"question\":42}");
        assertApiProblem(ask, 400, "question");
        assertNothingStoredUnder(id);
    }

    @Test
    void controlCharactersInAnyStringAreRefusedNamingTheField() throws Exception {
        String id = "nul-" + UUID.randomUUID();
        for (String bad : List.of("\\u0000", "\\u0007", "\\u001b[31m", "\\u007f", "\\u0085")) {
            Api.Response refused = gateway("{\"channel\":\"EMAIL\",\"from\":\"c@example.com\",\"text\":\"hi " + bad
                    + " there\",\"providerMessageId\":\"" + id + "\",\"timestamp\":\"2026-11-25T10:00:00Z\"}");
            assertApiProblem(refused, 400, "text");
            assertThat(refused.json().get("detail").asText()).contains("control characters");
        }
        Api.Response inFrom = gateway("{\"channel\":\"EMAIL\",\"from\":\"c\\u0000@example.com\",\"text\":\"hi\","
                + "\"providerMessageId\":\"" + id + "\",\"timestamp\":\"2026-11-25T10:00:00Z\"}");
        assertApiProblem(inFrom, 400, "from");
        Api.Response ask = Api.as(port, "agent").post("/api/assistant/ask", "application/json",
                "{\"question\":\"how do I\\u0000 reset my password\"}");
        assertApiProblem(ask, 400, "question");
        assertNothingStoredUnder(id);

        // Tabs and line breaks are text.
        Api.Response fine = gateway("{\"channel\":\"EMAIL\",\"from\":\"c@example.com\",\"text\":\"line one\\r\\n\\tline two\","
                + "\"providerMessageId\":\"" + id + "-fine\",\"timestamp\":\"2026-11-25T10:00:00Z\"}");
        assertThat(fine.status()).as(fine.toString()).isEqualTo(202);
    }

    @Test
    void brokenJsonIsExplainedWithoutJavaTypeNames() {
        for (String body : List.of("{\"channel\":", "[1,2,3]", "\"just a string\"", "{\"channel\":\"EMAIL\"} trailing",
                "{\"channel\":[\"EMAIL\"]}", "{\"timestamp\":{\"a\":1}}")) {
            Api.Response refused = gateway(body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertNoInternals(refused.body());
        }
    }

    private Api.Response gateway(String body) {
        return Api.as(port, "gateway").post("/api/messages", "application/json", body);
    }

    /** Canary: a refused message left nothing behind; the same provider id is still new. */
    private void assertNothingStoredUnder(String providerMessageId) throws Exception {
        Map<String, Object> message = CustomerMessages.message("EMAIL", "canary@example.com", "canary", null);
        message.put("providerMessageId", providerMessageId);
        Api.Response stored = Api.as(port, "gateway").postJson("/api/messages", message);
        assertThat(stored.status()).as(stored.toString()).isEqualTo(202);
        assertThat(stored.json().get("duplicate").asBoolean()).isFalse();
    }

    // ---- sessions ----

    /**
     * A client that signs in with HTTP Basic and keeps no cookie (a channel gateway, a script) opened a server session on
     * every request, refused ones too, each held for 30 minutes: a few hundred requests a second filled the heap (probe
     * 50). Basic opens no session on the API; Camunda's webapps, which work on one, still get theirs.
     */
    @Test
    void httpBasicWithoutACookieOpensNoSessionOnTheApi() {
        for (String[] call : new String[][]{{"agent", "/api/me"}, {"gateway", "/api/assistant/articles"},
                {"agent", "/api/admin/users"}, {"supervisor", "/api/search?q=refund"}}) {
            for (int i = 0; i < 3; i++) {
                RawHttp.Reply reply = RawHttp.exchange(port, null, "GET " + call[1] + " HTTP/1.1\r\nHost: x\r\n"
                        + "Accept: application/json\r\nAuthorization: Basic " + basic(call[0]), null);
                assertThat(reply.status()).as(call[0] + " " + call[1]).isIn(200, 403);
                assertThat(reply.header("Set-Cookie") == null ? "" : reply.header("Set-Cookie"))
                        .as(call[0] + " " + call[1]).doesNotContain("JSESSIONID=");
            }
        }
        RawHttp.Reply tasklist = RawHttp.exchange(port, null, "GET /camunda/app/tasklist/default/ HTTP/1.1\r\nHost: x\r\n"
                + "Accept: text/html\r\nAuthorization: Basic " + basic("agent"), null);
        assertThat(tasklist.status()).isEqualTo(200);
        assertThat(tasklist.header("Set-Cookie")).contains("JSESSIONID=");
    }

    // ---- CSRF on a browser session ----

    @Test
    void aBrowserSessionWithoutOrWithAWrongCsrfTokenIsToldSo() throws Exception {
        BrowserSession session = BrowserSession.logIn(port, "agent");

        RawHttp.Reply missing = session.post("/api/assistant/ask", "{\"question\":\"refund\"}", null);
        assertProblem(missing, 403);
        assertThat(missing.body()).contains("CSRF token is missing").doesNotContain("role");

        RawHttp.Reply bearer = session.post("/api/assistant/ask", "{\"question\":\"refund\"}", null, "Authorization: Bearer anything\r\n");
        assertProblem(bearer, 403);
        assertThat(bearer.body()).as("an Authorization header no API reads does not lift the check").contains("CSRF token is missing");

        String bogus = "Authorization: Basic " + Base64.getEncoder().encodeToString("nobody:x".getBytes(StandardCharsets.UTF_8)) + "\r\n";
        RawHttp.Reply logout = session.post("/logout", "{}", null, bogus);
        assertThat(logout.status()).as("signing out with wrong Basic credentials and no token: " + logout).isEqualTo(403);
        // Still signed in: the request with the right token below goes through.

        RawHttp.Reply wrong = session.post("/api/assistant/ask", "{\"question\":\"refund\"}", "not-the-token");
        assertProblem(wrong, 403);
        assertThat(wrong.body()).contains("CSRF token is invalid");

        RawHttp.Reply right = session.post("/api/assistant/ask", "{\"question\":\"refund\"}", session.csrf);
        assertThat(right.status()).as(right.toString()).isEqualTo(200);
    }

    /**
     * Login CSRF: a page elsewhere posts the login form with its own account's password, from a browser that has no
     * session yet, and the victim would then work (and type) in the attacker's account. The form's post needs the token
     * the login page hands out, session or not; with it, signing in works as before.
     */
    @Test
    void theLoginFormWithoutTheLoginPagesTokenSignsNobodyIn() {
        byte[] form = "username=agent&password=demo".getBytes(StandardCharsets.UTF_8);
        RawHttp.Reply forged = RawHttp.exchange(port, null, "POST /login HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length, form);
        assertProblem(forged, 403);
        assertThat(forged.header("Location")).isNull();
        assertThat(forged.body()).contains("CSRF token is missing");

        // With the login page's token (BrowserSession fails unless the form signs in and redirects home).
        BrowserSession signedIn = BrowserSession.logIn(port, "agent");
        assertThat(signedIn.get("/desk.html").status()).isEqualTo(200);
    }

    /** "Log out" in Tasklist, Cockpit or Admin ends the one session they share with Omnicase's pages. */
    @Test
    void loggingOutOfCamundasTasklistSignsTheUserOutOfOmnicaseToo() {
        BrowserSession session = BrowserSession.logIn(port, "agent");
        assertThat(session.get("/camunda/app/tasklist/default/").status()).isEqualTo(200);
        assertThat(session.get("/desk.html").status()).isEqualTo(200);

        // Camunda's page set its own token cookie; its "Log out" sends it back in a header.
        String camundasToken = session.cookie("XSRF-TOKEN");
        RawHttp.Reply logout = session.post("/camunda/api/admin/auth/user/default/logout", "{}", camundasToken);
        assertThat(logout.status()).as(logout.toString()).isEqualTo(200);

        for (String page : List.of("/desk.html", "/camunda/app/tasklist/default/")) {
            RawHttp.Reply after = session.get(page);
            assertThat(after.status()).as(page + " " + after).isEqualTo(302);
            assertThat(after.header("Location")).as(page).endsWith("/login");
        }
    }

    /** Asked for a page before logging in, the browser goes back to it, with a clean address. */
    @Test
    void afterLoginTheBrowserReturnsToThePageItAskedForWithoutAMarkerInTheAddress() {
        BrowserSession session = BrowserSession.logIn(port, "supervisor", "/coaching.html");
        assertThat(session.afterLogin).endsWith("/coaching.html");
    }

    /**
     * The page to return to is a path of this site, never an address built from the request's Host header, and a
     * cookie that holds no plain path sends the user to the start page instead of a 500.
     */
    @Test
    void afterLoginTheReturnIsAPathOfThisSiteWhateverHostOrCookieSays() {
        String[][] cases = {
                {"/camunda/app/tasklist/default/", "/camunda/app/tasklist/default/"},
                {"/x\r\nSet-Cookie: p41=1", "/"},
                {"/\u00ff\u00fe", "/"},
                {"//evil.example/", "/"}};
        int from = 41;
        for (String[] c : cases) {
            String saved = Base64.getEncoder().encodeToString(c[0].getBytes(StandardCharsets.ISO_8859_1));
            byte[] form = "username=agent&password=demo&_csrf=scripted".getBytes(StandardCharsets.UTF_8);
            RawHttp.Reply reply = RawHttp.exchange(port, "127.0.0." + from++, "POST /login HTTP/1.1\r\nHost: evil.example\r\n"
                    + "Cookie: XSRF-TOKEN=scripted; REDIRECT_URI=" + saved + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length, form);
            assertThat(reply.status()).as(c[0]).isEqualTo(302);
            assertThat(reply.header("Location")).as(c[0]).isEqualTo(c[1]);
        }
    }

    /**
     * The API page's settings reflect no Host the request names (probe 46, I2): springdoc wrote an OAuth redirect
     * address built from it, "http://evil.example/swagger-ui/oauth2-redirect.html", into every answer, and a cache in
     * front would have served it to others. Omnicase's API uses no OAuth: the field is not there at all.
     */
    @Test
    void theApiPagesSettingsNameNoHostTheRequestSent() {
        for (String forged : new String[]{"Host: evil.example", "Host: 127.0.0.1:" + port + "\r\nX-Forwarded-Host: evil.example"}) {
            String head = "GET /v3/api-docs/swagger-config HTTP/1.1\r\n" + forged;
            RawHttp.Reply reply = RawHttp.exchange(port, null, head, null);
            assertThat(reply.status()).as(forged + ": " + reply.body()).isEqualTo(200);
            assertThat(reply.body()).as(forged).contains("\"configUrl\"").doesNotContain("evil.example")
                    .doesNotContain("oauth2RedirectUrl");
            RawHttp.Reply page = RawHttp.exchange(port, null,
                    "GET /swagger-ui/swagger-initializer.js HTTP/1.1\r\n" + forged, null);
            assertThat(page.status()).as(forged).isEqualTo(200);
            assertThat(page.body()).as(forged).doesNotContain("evil.example");
        }
    }

    /** Another page cannot sign a user out through Camunda's logout path: it has no token to send (logout CSRF). */
    @Test
    void camundasLogoutWithoutItsTokenSignsNobodyOut() {
        BrowserSession session = BrowserSession.logIn(port, "auditor");
        assertThat(session.get("/camunda/app/cockpit/default/").status()).isEqualTo(200);

        for (String token : new String[]{null, "forged"}) {
            RawHttp.Reply logout = session.post("/camunda/api/admin/auth/user/default/logout", "{}", token);
            assertThat(logout.status()).as(logout.toString()).isEqualTo(403);
            assertThat(session.get("/audit.html").status()).as("still signed in after " + token).isEqualTo(200);
        }
        // The same path percent-encoded (Tomcat decodes it for Camunda's webapps) is refused too.
        RawHttp.Reply encoded = session.post("/%63amunda/app/", "{}", null);
        assertThat(encoded.status()).as(encoded.toString()).isEqualTo(400);
        assertThat(session.get("/audit.html").status()).as("still signed in after an encoded path").isEqualTo(200);
    }

    /**
     * Another site's form POST rides on HTTP Basic credentials the browser remembers from its password dialog (no
     * session, so no CSRF token is asked for): the browser marks it cross-site, or, without Fetch Metadata (older web
     * views), names the other site as its Origin; it changes nothing.
     */
    @Test
    void aChangeAnotherSiteSendsWithTheBrowsersRememberedPasswordIsRefused() throws Exception {
        QueueCases.QueueCase billing = QueueCases.escalatedIn(port, "billing");
        String claim = "/api/desk/tasks/" + billing.taskId() + "/claim";

        for (String[] foreign : List.of(new String[]{"Sec-Fetch-Site", "cross-site"}, new String[]{"Sec-Fetch-Site", "same-site"},
                new String[]{"Origin", "http://evil.example"}, new String[]{"Origin", "null"},
                new String[]{"Origin", "http://127.0.0.1:" + (port + 1)}, new String[]{"Origin", "https://127.0.0.1:" + port})) {
            java.net.http.HttpResponse<String> forged = formPost(claim, foreign);
            assertThat(forged.statusCode()).as(String.join(": ", foreign)).isEqualTo(403);
            assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
        assertThat(assigneeOf(billing.taskId())).as("nobody claimed the task").isNull();
        // The same request from Omnicase's own page goes through, marked by the browser either way.
        assertThat(formPost(claim, "Origin", "http://127.0.0.1:" + port).statusCode()).isEqualTo(200);
        assertThat(formPost(claim, "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(200);
        assertThat(assigneeOf(billing.taskId())).isEqualTo("agent");
    }

    private String assigneeOf(String taskId) {
        for (JsonNode task : Api.as(port, "agent").get("/api/desk/tasks").json()) {
            if (task.get("taskId").asText().equals(taskId)) {
                return task.path("assignee").isNull() || task.path("assignee").isMissingNode() ? null : task.get("assignee").asText();
            }
        }
        throw new AssertionError("task " + taskId + " is not on the billing agent's desk");
    }

    private java.net.http.HttpResponse<String> formPost(String path, String... header) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("agent:demo".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded").header(header[0], header[1]).POST(java.net.http.HttpRequest.BodyPublishers.ofString("x=1")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** Found by fuzzing a default run: each of these answered 500. */
    @Test
    void oddButWellFormedRequestsGetAProblemNotA500() throws Exception {
        java.net.http.HttpResponse<String> multipart = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/messages"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("gateway:demo".getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "multipart/form-data")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                                CustomerMessages.message("EMAIL", "multi@example.com", "hello", null)))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(multipart.statusCode()).as(multipart.body()).isEqualTo(415);
        assertThat(multipart.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));

        // Half of a character pair, which JSON allows and no text means.
        Api.Response halfCharacter = Api.as(port, "agent").post("/api/assistant/ask", "application/json", "{\"question\":\"\\ud800\"}");
        assertThat(halfCharacter.status()).as(halfCharacter.toString()).isEqualTo(200);
        assertThat(halfCharacter.json().get("answered").asBoolean()).isFalse();
        // Texts the model reads no word in (its tokenizer drops U+FFFD and format characters): a 500 until probe 50.
        for (String nothing : new String[]{"\\ufffd", "\\u200b\\u200b", "\\u0301"}) {
            Api.Response noWord = Api.as(port, "agent").post("/api/assistant/ask", "application/json",
                    "{\"question\":\"" + nothing + "\"}");
            assertThat(noWord.status()).as(noWord.toString()).isEqualTo(200);
            assertThat(noWord.json().get("answered").asBoolean()).isFalse();
        }

        Api.Response noSuchVersion = Api.as(port, "designer").get("/api/designer/processes/customer-case/versions/-1");
        assertThat(noSuchVersion.status()).as(noSuchVersion.toString()).isEqualTo(404);
        assertThat(noSuchVersion.contentType()).startsWith("application/problem+json");
    }

    // ---- login throttling ----

    @Test
    void wrongPasswordsForOneAccountFromOneAddressAreThrottledWith429AndRetryAfter() {
        String attacker = "127.0.0.21";
        for (int i = 0; i < 5; i++) {
            assertThat(basicLogin(attacker, "admin", "guess" + i).status()).isEqualTo(401);
        }
        RawHttp.Reply throttled = basicLogin(attacker, "admin", "demo");
        assertProblem(throttled, 429);
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 15 * 60L);
        assertThat(formLogin(attacker, "admin", "demo").status()).as("the login form too").isEqualTo(429);

        // The real admin, elsewhere, is not locked out by the attacker.
        assertThat(basicLogin("127.0.0.22", "admin", "demo").status()).isEqualTo(200);
    }

    @Test
    void theLoginFormIsThrottledAndALoginWithTheAttackersOwnAccountDoesNotReleaseTheAddress() {
        String attacker = "127.0.0.31";
        for (int i = 0; i < 19; i++) {
            RawHttp.Reply failed = formLogin(attacker, "nobody-" + i, "guess");
            assertThat(failed.status()).isEqualTo(302);
            assertThat(failed.header("Location")).endsWith("/login?error");
        }
        RawHttp.Reply own = formLogin(attacker, "gateway", "demo");
        assertThat(own.header("Location")).as("the attacker's own account").doesNotContain("error");
        assertThat(formLogin(attacker, "nobody-19", "guess").header("Location")).endsWith("/login?error");

        assertProblem(formLogin(attacker, "supervisor", "demo"), 429);
        // The account that logged in from there keeps working there: locking it out is nobody else's to do.
        assertThat(basicLogin(attacker, "gateway", "demo").status()).isEqualTo(200);
        assertThat(basicLogin("127.0.0.32", "supervisor", "demo").status()).isEqualTo(200);
    }

    private RawHttp.Reply basicLogin(String from, String user, String password) {
        return RawHttp.exchange(port, from, "GET /actuator/health HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nAuthorization: Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)), null);
    }

    /** A script's login through the form: it can pair a CSRF cookie with the same token (a page elsewhere cannot). */
    private RawHttp.Reply formLogin(String from, String user, String password) {
        byte[] form = ("username=" + user + "&password=" + password + "&_csrf=scripted").getBytes(StandardCharsets.UTF_8);
        return RawHttp.exchange(port, from, "POST /login HTTP/1.1\r\nHost: x\r\nCookie: XSRF-TOKEN=scripted\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length, form);
    }

    // ---- Content-Security-Policy ----

    @Test
    void everyOmnicasePageStaticFileAndErrorCarriesAContentSecurityPolicy() {
        for (String path : List.of("/", "/index.html", "/login", "/routing-rules.html", "/desk.html", "/login.html",
                "/favicon.svg", "/error-page.css", "/chat/demo.html", "/chat/widget.js", "/chat/widget.css", "/swagger-ui/index.html",
                "/no-such-page.html", "/error", "/api/cases/1", "/actuator/health", "/api/cases/%2e%2e/x")) {
            RawHttp.Reply reply = RawHttp.get(port, path, "Accept: text/html");
            String policy = reply.header("Content-Security-Policy");
            assertThat(policy).as(path + " " + reply.status()).isNotNull()
                    .contains("script-src 'self'").contains("object-src 'none'").contains("base-uri")
                    .contains("frame-ancestors").contains("form-action 'self'");
            assertThat(policy).as(path).doesNotContain("'unsafe-eval'");
            assertThat(policy.substring(policy.indexOf("script-src"))).as(path).doesNotStartWith("script-src 'self' 'unsafe-inline'");
        }
        RawHttp.Reply login = RawHttp.get(port, "/login");
        assertThat(login.body()).doesNotContain("<script>").doesNotContain("style=\"").doesNotContain("<style");
    }

    /** A stranger's page requests keep nothing on the server: the page to return to after sign-in rides in a cookie. */
    @Test
    void anAnonymousPageRequestOpensNoSession() {
        for (String path : List.of("/desk.html", "/no-such-page-" + java.util.UUID.randomUUID(), "/audit.html?case=1")) {
            RawHttp.Reply reply = RawHttp.get(port, path, "Accept: text/html");
            assertThat(reply.status()).as(path).isEqualTo(302);
            String cookies = reply.header("Set-Cookie") == null ? "" : reply.header("Set-Cookie");
            assertThat(cookies).as(path).doesNotContain("JSESSIONID=").contains("REDIRECT_URI=");
        }
        // The redirect says a path: a Host header the client made up is not sent back as an address.
        RawHttp.Reply hosted = RawHttp.exchange(port, null, "GET /desk.html HTTP/1.1\r\nHost: evil.example\r\nAccept: text/html", null);
        assertThat(hosted.header("Location")).isEqualTo("/login");
    }

    @Test
    void theSessionCookieSaysSameSiteOnceOnCamundasPagesToo() {
        RawHttp.Reply tasklist = RawHttp.exchange(port, null, "GET /camunda/app/tasklist/default/ HTTP/1.1\r\nHost: x\r\n"
                + "Accept: text/html\r\nAuthorization: Basic " + Base64.getEncoder().encodeToString(
                "agent:demo".getBytes(StandardCharsets.UTF_8)), null);
        String session = java.util.Arrays.stream(tasklist.header("Set-Cookie").split(", (?=[A-Za-z-]+=)"))
                .filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(session.split("(?i)samesite=", -1)).as(session).hasSize(2);
        assertThat(session).containsIgnoringCase("SameSite=Lax").contains("HttpOnly");
    }

    @Test
    void basicCredentialsBesideASessionAreCheckedNotWavedThrough() {
        BrowserSession session = BrowserSession.logIn(port, "agent");
        String wrong = "Authorization: Basic " + Base64.getEncoder().encodeToString("agent:not-the-password".getBytes(StandardCharsets.UTF_8));
        String right = "Authorization: Basic " + Base64.getEncoder().encodeToString("agent:demo".getBytes(StandardCharsets.UTF_8));
        String json = "Accept: application/json\r\n";

        RawHttp.Reply refused = session.get("/api/me", json + wrong + "\r\n");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        // The right password beside the session still works, and the failed try did not end the session.
        assertThat(session.get("/api/me", json + right + "\r\n").status()).isEqualTo(200);
        RawHttp.Reply sessionAlone = session.get("/api/me", json);
        assertThat(sessionAlone.status()).isEqualTo(200);
        assertThat(sessionAlone.body()).contains("\"username\":\"agent\"");
    }

    @Test
    void camundasWebappsKeepTheirOwnPolicy() throws Exception {
        BrowserSession session = BrowserSession.logIn(port, "supervisor");
        RawHttp.Reply cockpit = session.get("/camunda/app/cockpit/default/");

        assertThat(cockpit.status()).isEqualTo(200);
        assertThat(cockpit.header("Content-Security-Policy")).isNotNull().contains("object-src 'none'")
                .contains("base-uri 'self'");
    }

    // ---- helpers ----

    private void assertApiProblem(Api.Response response, int status, String field) throws IOException {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("errors").findValuesAsText("field")).as(response.body()).contains(field);
        assertNoInternals(response.body());
    }

    static void assertProblem(RawHttp.Reply reply, int status) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as(reply.toString()).startsWith("application/problem+json");
        assertThat(reply.body()).contains("\"status\":" + status);
        assertNoInternals(reply.body());
    }

    static void assertNoInternals(String body) {
        assertThat(body).doesNotContain("Exception").doesNotContain("java.").doesNotContain("io.omnicase")
                .doesNotContain("org.").doesNotContain("com.fasterxml").doesNotContain("\tat ")
                .doesNotContain("Tomcat").doesNotContain("<html").doesNotContain("`");
    }

    private static String basic(String user) {
        return Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }
}
