package io.omnicase.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.support.Api;
import io.omnicase.support.CustomerMessages;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may call what, in one table: every operation of the OpenAPI document and every engine-rest family, for every
 * role, on a case of the agent's own queue and of another queue. An operation of the API that the table does not
 * list fails the test, so a new endpoint cannot ship without a decision on who may use it.
 *
 * <p>Cells: {@code ok} = the caller gets past authorization (any status but 401 and 403, and never a 5xx from
 * Omnicase's own API); {@code 401}, {@code 403} = exactly that status. The columns are the callers: nobody logged
 * in, the channel gateway, {@code agent} (queues general and billing) on a billing case ("own") and on a technical
 * case ("other"), and the supervisor, designer, auditor and admin demo users on the billing case.
 */
@RunningOmnicase
class AuthorizationMatrixIT {

    private static final String MATRIX = """
            # operation                                         anon gateway own  other super  design audit admin
            # the sign-in page: for everyone (signing in itself is the login form's POST, throttled, in WebHardeningIT)
            GET    /login                                        ok   ok      ok   ok    ok     ok     ok    ok
            GET    /api/me                                       401  ok      ok   ok    ok     ok     ok    ok
            GET    /api/cases/{id}                               401  403     ok   403   ok     403    ok    ok
            GET    /api/cases/{id}/timeline                      401  403     ok   403   ok     403    ok    ok
            GET    /api/cases/{id}/handover                      401  403     ok   403   ok     403    ok    ok
            GET    /api/cases/{id}/repeats                       401  403     ok   403   ok     403    ok    ok
            GET    /api/cases/{caseId}/attachments               401  403     ok   403   ok     403    ok    ok
            GET    /api/cases/{caseId}/attachments/{id}          401  403     ok   403   ok     403    ok    ok
            POST   /api/cases/{id}/replies                       401  403     ok   403   ok     403    403   ok
            POST   /api/cases/{id}/resolve                       401  403     ok   403   ok     403    403   ok
            GET    /api/cases/{id}/form                          401  403     ok   403   ok     403    ok    ok
            POST   /api/cases/{id}/form                          401  403     ok   403   ok     403    403   ok
            POST   /api/cases/{id}/close                         401  403     ok   403   ok     403    403   ok
            GET    /api/customers/{id}                           401  403     ok   403   ok     403    ok    ok
            GET    /api/customers/{id}/merges                    401  403     ok   403   ok     403    ok    ok
            POST   /api/customers/{id}/merge                     401  403     ok   403   ok     403    403   ok
            GET    /api/desk/tasks                               401  403     ok   ok    ok     403    403   ok
            GET    /api/desk/queue                               401  403     ok   ok    ok     403    403   ok
            GET    /api/desk/events                              401  403     ok   ok    ok     403    403   ok
            POST   /api/desk/tasks/{taskId}/claim                401  403     ok   404   ok     403    403   ok
            GET    /api/desk/cases/{id}/events                   401  403     ok   403   ok     403    ok    ok
            POST   /api/desk/cases/{id}/typing                   401  403     ok   403   ok     403    403   ok
            POST   /api/desk/cases/{id}/release                  401  403     ok   403   ok     403    403   ok
            GET    /api/search                                   401  403     ok   ok    ok     403    ok    ok
            GET    /api/mail/machine                             401  403     403  403   ok     403    403   ok
            GET    /api/insight/coaching                         401  403     403  403   ok     403    403   ok
            POST   /api/messages                                 401  ok      403  403   403    403    403   ok
            POST   /api/assistant/ask                            401  ok      ok   ok    ok     403    403   ok
            POST   /api/assistant/examples                       401  403     ok   ok    ok     403    403   ok
            GET    /api/assistant/articles                       401  403     ok   ok    ok     403    ok    ok
            GET    /api/assistant/articles/{slug}                401  403     ok   ok    ok     403    ok    ok
            PUT    /api/assistant/articles/{slug}                401  403     403  403   ok     403    403   ok
            # taught examples (probe 46, L2): everyone's for supervisors and admins, an agent's own for the agent (the
            # row's example is another agent's: agent is refused); reviewing is a supervisor's
            GET    /api/assistant/examples                       401  403     ok   ok    ok     403    403   ok
            DELETE /api/assistant/examples/{exampleId}           401  403     403  403   ok     403    403   ok
            POST   /api/assistant/examples/{exampleId}/review    401  403     403  403   ok     403    403   ok
            GET    /api/routing/rules/active                     401  403     403  403   ok     403    ok    ok
            GET    /api/routing/rules/model                      401  403     403  403   ok     403    ok    ok
            GET    /api/routing/rules/shipped                    401  403     403  403   ok     403    ok    ok
            GET    /api/routing/rules/versions                   401  403     403  403   ok     403    ok    ok
            GET    /api/routing/rules/versions/{version}         401  403     403  403   ok     403    ok    ok
            GET    /api/routing/rules/versions/{version}/diff    401  403     403  403   ok     403    ok    ok
            POST   /api/routing/rules/validate                   401  403     403  403   ok     403    403   ok
            POST   /api/routing/rules/dry-run                    401  403     403  403   ok     403    403   ok
            POST   /api/routing/rules/versions                   401  403     403  403   ok     403    403   ok
            POST   /api/routing/rules/versions/{version}/activate 401 403     403  403   ok     403    403   ok
            # the live floor: supervisors and admins (a supervisor on the queues of their account)
            GET    /api/supervisor/floor                         401  403     403  403   ok     403    403   ok
            GET    /api/supervisor/events                        401  403     403  403   ok     403    403   ok
            POST   /api/supervisor/cases/{id}/assignment         401  403     403  403   ok     403    403   ok
            POST   /api/supervisor/cases/{id}/priority           401  403     403  403   ok     403    403   ok
            # raw DRL is Java: nobody's, an administrator's neither (it was the admins' until probe 46)
            POST   /api/routing/rules/drl/validate               401  403     403  403   403    403    403   403
            POST   /api/routing/rules/drl/dry-run                401  403     403  403   403    403    403   403
            POST   /api/routing/rules/drl/versions               401  403     403  403   403    403    403   403
            # quality scores: a case's score by the case access policy (404 until it is resolved); the overview and
            # the scoring rules for supervisors, the rules read by auditors too
            GET    /api/insight/quality                          401  403     403  403   ok     403    403   ok
            GET    /api/insight/quality/cases/{caseId}           401  403     ok   403   ok     403    ok    ok
            GET    /api/insight/quality/rules                    401  403     403  403   ok     403    ok    ok
            GET    /api/insight/quality/rules/versions           401  403     403  403   ok     403    ok    ok
            PUT    /api/insight/quality/rules                    401  403     403  403   ok     403    403   ok
            # the process designer: designers and admins change the case process; auditors read versions and diffs.
            # Bodies are empty ({}), so an allowed change is refused as invalid (400) and deploys nothing.
            GET    /api/designer/processes/{key}/versions        401  403     403  403   403    ok     ok    ok
            GET    /api/designer/processes/{key}/versions/{version} 401 403   403  403   403    ok     ok    ok
            GET    /api/designer/element-templates               401  403     403  403   403    ok     ok    ok
            GET    /api/designer/processes/{key}/diff            401  403     403  403   403    ok     ok    ok
            POST   /api/designer/processes/{key}/validate        401  403     403  403   403    ok     403   ok
            POST   /api/designer/processes/{key}/deployments     401  403     403  403   403    ok     403   ok
            POST   /api/designer/processes/{key}/versions/{version}/rollback 401 403 403 403 403 ok     403   ok
            POST   /api/designer/processes/{key}/migrations/preview 401 403   403  403   403    ok     403   ok
            POST   /api/designer/processes/{key}/migrations      401  403     403  403   403    ok     403   ok
            GET    /api/designer/migrations/{batchId}            401  403     403  403   403    ok     ok    ok
            # audit: auditors and admins read traces and verify the chain; checkpoints and erasure are ADMIN's
            GET    /api/audit/find                               401  403     403  403   403    403    ok    ok
            GET    /api/audit/cases/{id}/trace                   401  403     403  403   403    403    ok    ok
            GET    /api/audit/cases/{id}/export                  401  403     403  403   403    403    ok    ok
            GET    /api/audit/cases/{id}/trace.pdf               401  403     403  403   403    403    ok    ok
            GET    /api/audit/customers/{id}/trace               401  403     403  403   403    403    ok    ok
            GET    /api/audit/customers/{id}/data                401  403     403  403   403    403    ok    ok
            GET    /api/audit/verification                       401  403     403  403   403    403    ok    ok
            POST   /api/audit/checkpoints                        401  403     403  403   403    403    403   ok
            POST   /api/audit/customers/{id}/erasure             401  403     403  403   403    403    403   ok
            # accounts ("Users and queues"): administrators only (here with bodies that change nothing: 400)
            GET    /api/admin/users                              401  403     403  403   403    403    403   ok
            POST   /api/admin/users                              401  403     403  403   403    403    403   ok
            PUT    /api/admin/users/{username}                   401  403     403  403   403    403    403   ok
            POST   /api/admin/users/{username}/password          401  403     403  403   403    403    403   ok
            POST   /api/admin/users/{username}/enabled           401  403     403  403   403    403    403   ok
            POST   /api/admin/users/{username}/unlock            401  403     403  403   403    403    403   ok
            # webhooks: the provider's signature decides, not a login; these requests carry none
            GET    /api/webhooks/{app:whatsapp|messenger}        400  400     400  400   400    400    400   400
            POST   /api/webhooks/whatsapp                        401  401     401  401   401    401    401   401
            POST   /api/webhooks/messenger                       401  401     401  401   401    401    401   401
            POST   /api/webhooks/twilio/sms                      401  401     401  401   401    401    401   401
            POST   /api/webhooks/twilio/sms/status               401  401     401  401   401    401    401   401
            POST   /api/webhooks/voice                           401  401     401  401   401    401    401   401
            # engine-rest: ADMIN; reads (filtered by Camunda authorizations) for AUDITOR, as Cockpit reads; DESIGNER reads
            # models and deployments, never instances, tasks, variables or history (those are cases)
            GET    /engine-rest/task                             401  403     403  403   403    403    ok    ok
            GET    /engine-rest/variable-instance                401  403     403  403   403    403    ok    ok
            GET    /engine-rest/process-definition               401  403     403  403   403    ok     ok    ok
            GET    /engine-rest/process-definition/statistics    401  403     403  403   403    403    ok    ok
            GET    /engine-rest/deployment                       401  403     403  403   403    ok     ok    ok
            GET    /engine-rest/history/process-instance         401  403     403  403   403    403    ok    ok
            GET    /engine-rest/authorization                    401  403     403  403   403    403    ok    ok
            GET    /engine-rest/user                             401  403     403  403   403    403    ok    ok
            # Camunda's users and groups are a mirror of Omnicase's accounts: writing them is for nobody
            POST   /engine-rest/user/create                      401  403     403  403   403    403    403   403
            PUT    /engine-rest/group/billing/members/agent      401  403     403  403   403    403    403   403
            POST   /engine-rest/deployment/create                401  403     403  403   403    403    403   ok
            DELETE /engine-rest/deployment/{bogus}               401  403     403  403   403    403    403   ok
            POST   /engine-rest/process-definition/key/{bogus}/start 401 403  403  403   403    403    403   ok
            POST   /engine-rest/message                          401  403     403  403   403    403    403   ok
            PUT    /engine-rest/task/{taskId}/variables/autoCloseAfter 401 403 403 403  403    403    403   ok
            POST   /engine-rest/task/{taskId}/claim              401  403     403  403   403    403    403   ok
            POST   /engine-rest/task/{taskId}/complete           401  403     403  403   403    403    403   ok
            POST   /engine-rest/job/{bogus}/execute              401  403     403  403   403    403    403   ok
            """;

    private static final String[] CALLERS = {null, "gateway", "agent", "agent", "supervisor", "designer", "auditor", "admin"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    /** One client per caller, keeping its session cookie, so the password is checked once per caller, not per call. */
    private final Map<String, HttpClient> clients = new LinkedHashMap<>();

    @Test
    void everyOperationOfTheApiIsInTheTable() {
        JsonNode paths = Api.anonymous(port).get("/v3/api-docs").json().get("paths");
        Set<String> documented = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(method ->
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
        }
        Set<String> tabled = new LinkedHashSet<>();
        // The table names paths as the controllers map them; the document drops a variable's pattern ({app:a|b}).
        rows().forEach(row -> tabled.add(row.method() + " " + row.path().replaceAll("\\{(\\w+):[^}]*}", "{$1}")));
        assertThat(tabled).as("operations of the OpenAPI document that the authorization matrix does not cover")
                .containsAll(documented);
    }

    @Test
    void everyRoleGetsWhatTheTableSaysOnItsOwnAndOnAnotherQueue() {
        List<String> wrong = new ArrayList<>();
        // A write changes its case, so each write gets cases of its own; a refused caller is refused whatever the
        // state, and an allowed one after another's write gets a state answer (409, 404), not 401 or 403.
        List<Row> rows = rows();
        List<Row> writes = rows.stream().filter(r -> !r.method().equals("GET") || r.path().contains("{taskId}")).toList();
        List<Cases> batch = casesWaitingForAPerson(writes.size() + 1);
        Cases shared = batch.get(writes.size());
        for (Row row : rows) {
            Cases cases = writes.contains(row) ? batch.get(writes.indexOf(row)) : shared;
            for (int column = 0; column < CALLERS.length; column++) {
                long caseId = column == 3 ? cases.other() : cases.own();
                String taskId = column == 3 ? cases.otherTask() : cases.ownTask();
                String expected = row.expected().get(column);
                int status = call(CALLERS[column], row, caseId, taskId, cases.ownSecond());
                boolean asExpected = switch (expected) {
                    case "ok" -> status != 401 && status != 403
                            && (status < 500 || row.path().startsWith("/engine-rest"));
                    default -> status == Integer.parseInt(expected);
                };
                if (!asExpected) {
                    wrong.add(row.method() + " " + row.path() + " as " + label(column) + ": expected " + expected
                            + ", got " + status);
                }
            }
        }
        assertThat(wrong).as("cells of the authorization matrix that do not hold").isEmpty();
    }

    private int call(String user, Row row, long caseId, String taskId, long mergeSource) {
        String path = row.path()
                .replace("{id}", row.path().startsWith("/api/customers") ? String.valueOf(customerOf(caseId)) : String.valueOf(caseId))
                .replace("{caseId}", String.valueOf(caseId))
                .replace("/attachments/" + caseId, "/attachments/999999")
                .replace("{taskId}", taskId)
                .replace("{version}", "1")
                .replace("{key}", "customer-case")
                .replace("{batchId}", "no-such-batch")
                .replace("{slug}", "reset-password")
                .replace("{username}", "agent")
                .replace("{exampleId}", String.valueOf(exampleOf(row)))
                .replace("{app:whatsapp|messenger}", "whatsapp")
                .replace("{bogus}", "no-such-thing");
        if (row.path().equals("/api/search")) {
            path += "?q=charged";
        }
        if (row.path().endsWith("/diff") && row.path().startsWith("/api/designer/")) {
            path += "?from=1&to=1";
        }
        if (row.path().equals("/api/audit/find")) {
            path += "?q=" + caseId;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Accept", "application/json");
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        String body = bodyFor(row, mergeSource);
        String contentType = row.path().startsWith("/api/webhooks/twilio") ? "application/x-www-form-urlencoded"
                : row.path().equals("/engine-rest/deployment/create") ? "multipart/form-data; boundary=xyz"
                : "application/json";
        if (row.path().endsWith("/events")) {
            request.header("Accept", "text/event-stream");
        }
        switch (row.method()) {
            case "GET" -> request.GET();
            case "DELETE" -> request.DELETE();
            default -> request.header("Content-Type", contentType)
                    .method(row.method(), HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            // An event stream stays open: its status line is all this test needs, so the body is not read.
            HttpClient http = clients.computeIfAbsent(String.valueOf(user), u -> HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1).cookieHandler(new java.net.CookieManager()).build());
            HttpResponse<java.io.InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(row + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String bodyFor(Row row, long mergeSource) {
        try {
            return switch (row.method() + " " + row.path()) {
                case "POST /api/cases/{id}/replies" -> "{\"text\":\"We are on it.\"}";
                case "POST /api/cases/{id}/resolve", "POST /api/cases/{id}/form" -> "{\"resolution\":\"Refunded\",\"topic\":\"BILLING\"}";
                case "POST /api/customers/{id}/merge" -> "{\"sourceId\":" + customerOf(mergeSource) + "}";
                case "POST /api/messages" -> JSON.writeValueAsString(CustomerMessages.message("EMAIL",
                        "matrix-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "Where is my parcel?", null));
                case "POST /api/assistant/ask" -> "{\"question\":\"How do I reset my password?\"}";
                case "POST /api/assistant/examples" -> "{\"question\":\"I forgot my password\",\"answer\":\"reset-password\"}";
                case "PUT /api/assistant/articles/{slug}" -> "{}";
                case "POST /api/supervisor/cases/{id}/assignment" -> "{\"assignee\":\"senior\",\"reason\":\"Matrix check\"}";
                case "POST /api/supervisor/cases/{id}/priority" -> "{\"priority\":\"URGENT\",\"reason\":\"Matrix check\"}";
                case "POST /api/routing/rules/versions/{version}/activate" -> "{}";
                case "PUT /engine-rest/task/{taskId}/variables/autoCloseAfter" -> "{\"value\":\"PT1S\",\"type\":\"String\"}";
                case "POST /engine-rest/task/{taskId}/complete" -> "{\"variables\":{\"resolvedBy\":{\"value\":\"agent\"}}}";
                case "POST /engine-rest/message" -> "{\"messageName\":\"no-such-message\"}";
                case "POST /engine-rest/deployment/create" -> "--xyz--\r\n";
                case "POST /api/webhooks/twilio/sms", "POST /api/webhooks/twilio/sms/status" -> "Body=hi";
                default -> "{}";
            };
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private final Map<Long, Long> customers = new LinkedHashMap<>();
    private final Map<Row, Long> examples = new LinkedHashMap<>();

    /** One example per row that names one, taught (unreviewed) by tech, an agent of another queue than agent's. */
    private long exampleOf(Row row) {
        if (!row.path().contains("{exampleId}")) {
            return 0;
        }
        return examples.computeIfAbsent(row, r -> {
            Api.Response taught = Api.as(port, "tech").postJson("/api/assistant/examples", Map.of(
                    "question", "Matrix: does the " + UUID.randomUUID().toString().substring(0, 8) + " modem need a reboot?",
                    "answer", "Yes, hold the button for ten seconds.", "topic", "TECHNICAL"));
            assertThat(taught.status()).as(taught.toString()).isEqualTo(201);
            return taught.json().get("id").asLong();
        });
    }

    private long customerOf(long caseId) {
        return customers.computeIfAbsent(caseId, id ->
                admin().get("/api/cases/" + id).json().get("customerId").asLong());
    }

    /**
     * Sets of cases waiting for a person: two billing cases (the agent's queue) and a technical case (not the
     * agent's). All messages go in first, then the test waits for all tasks, so the cases are routed in parallel.
     */
    private List<Cases> casesWaitingForAPerson(int sets) {
        Api gateway = Api.as(port, "gateway");
        List<long[]> ids = new ArrayList<>();
        for (int i = 0; i < sets; i++) {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            ids.add(new long[]{
                    write(gateway, "own-" + tag, "I was charged twice for my subscription, let me talk to a real person please"),
                    write(gateway, "other-" + tag, "The app crashes at login, let me talk to a real person please"),
                    write(gateway, "second-" + tag, "I was charged twice this month, let me talk to a real person please")});
        }
        return ids.stream().map(c -> new Cases(c[0], taskOf(c[0]), c[1], taskOf(c[1]), c[2])).toList();
    }

    private static long write(Api gateway, String sender, String text) {
        Api.Response accepted = gateway.postJson("/api/messages",
                CustomerMessages.message("EMAIL", sender + "@example.com", text, null));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        return accepted.json().get("caseId").asLong();
    }

    private Api admin;

    private Api admin() {
        if (admin == null) {
            admin = Api.as(port, "admin");
        }
        return admin;
    }

    private String taskOf(long caseId) {
        Api admin = admin();
        await().atMost(Duration.ofMinutes(2)).until(() -> admin.get("/engine-rest/task?processInstanceBusinessKey=" + caseId)
                .json().size() == 1);
        return admin.get("/engine-rest/task?processInstanceBusinessKey=" + caseId).json().get(0).get("id").asText();
    }

    private static String label(int column) {
        return switch (column) {
            case 0 -> "nobody";
            case 2 -> "agent on its own queue";
            case 3 -> "agent on another queue";
            default -> CALLERS[column];
        };
    }

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (String line : MATRIX.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] cells = trimmed.split("\\s+");
            rows.add(new Row(cells[0], cells[1], List.of(cells).subList(2, cells.length)));
        }
        return rows;
    }

    private record Row(String method, String path, List<String> expected) {
        Row {
            if (expected.size() != CALLERS.length) {
                throw new IllegalArgumentException(method + " " + path + " has " + expected.size() + " cells");
            }
        }
    }

    private record Cases(long own, String ownTask, long other, String otherTask, long ownSecond) {
    }
}
