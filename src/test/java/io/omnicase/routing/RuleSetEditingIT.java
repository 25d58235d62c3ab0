package io.omnicase.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Supervisors change routing rules through the API as a rule table: checked by type, dry-run, activated at once,
 * rolled back in one step. Rule text (DRL) is for administrators only; the texts that once ran code are refused or
 * stay inert literals.
 */
@RunningOmnicase
class RuleSetEditingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The user the payloads would have created, with the ADMIN role. */
    private static final String CANARY = "canary-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String INSERT_CANARY = "org.springframework.web.context.support.WebApplicationContextUtils"
            + ".getRequiredWebApplicationContext(((org.springframework.web.context.request.ServletRequestAttributes) "
            + "org.springframework.web.context.request.RequestContextHolder.currentRequestAttributes()).getRequest()"
            + ".getServletContext()).getBean(org.springframework.jdbc.core.simple.JdbcClient.class).sql(\"INSERT INTO users "
            + "(username, password_hash, display_name, roles) VALUES ('" + CANARY + "', '{noop}x', 'canary', 'ADMIN')\").update()";

    /** The three rule texts that got past the old denylist, each aimed at the canary. */
    static final List<String> BYPASSES = List.of(
            // 1: a class name split across two lines, wrapped in Integer.parseInt(...)
            """
            rule "Split class name"
            when
                MessageFacts( Integer.parseInt("" + org
            %s) > 0 )
                $decision : DecisionDraft()
            then
                $decision.escalate();
            end
            """.formatted(INSERT_CANARY.substring("org".length())),
            // 2: 'for' on a line of its own
            """
            rule "A loop"
            when
                $decision : DecisionDraft()
            then
                for
                (int i = 0; i < 1; i++) { %s; }
            end
            """.formatted(INSERT_CANARY),
            // 3: a char literal holding a quote, then code
            """
            rule "A quote"
            when
                $decision : DecisionDraft()
            then
                char q='"'; %s;
            end
            """.formatted(INSERT_CANARY));

    @LocalServerPort
    int port;

    @Autowired
    Routing routing;

    @Autowired
    JdbcClient jdbc;

    private int activeAtStart;
    private ArrayNode activeRows;
    private String activeDrl;

    @BeforeEach
    void rememberTheActiveRules() {
        JsonNode active = supervisor().get("/api/routing/rules/active").json();
        activeAtStart = active.get("version").asInt();
        activeRows = (ArrayNode) active.get("rules").get("rules");
        activeDrl = active.get("drl").asText();
    }

    @AfterEach
    void restoreTheActiveRulesAndCheckTheCanary() {
        supervisor().postJson("/api/routing/rules/versions/" + activeAtStart + "/activate", Map.of("reason", "test over"));
        assertThat(canaryRows()).as("a payload ran and created user " + CANARY).isZero();
    }

    /** The shipped rules arrive as a table whose rows a supervisor sees, and the fact model fills the dropdowns. */
    @Test
    void theActiveRulesAreATableAndTheFactModelListsFieldsOperatorsAndValues() {
        assertThat(activeRows).hasSize(ShippedRules.COUNT);
        assertThat(activeRows.get(0).get("name").asText()).isEqualTo("A message about billing goes to the billing queue");
        JsonNode model = Api.as(port, "auditor").get("/api/routing/rules/model").json();
        JsonNode topic = null;
        for (JsonNode field : model.get("fields")) {
            if (field.get("id").asText().equals("MESSAGE_TOPIC")) {
                topic = field;
            }
        }
        assertThat(topic).isNotNull();
        assertThat(topic.get("type").asText()).isEqualTo("CHOICE");
        assertThat(topic.get("values").toString()).isEqualTo("[\"BILLING\",\"TECHNICAL\",\"ACCOUNT\",\"OTHER\"]");
        assertThat(topic.get("operators").findValuesAsText("id")).containsExactly("IS", "IS_NOT");
        assertThat(model.get("queues").toString()).contains("SENIOR");
    }

    @Test
    void anActivatedRuleTableDecidesTheNextMessageAndARollbackRestoresTheOldRules() {
        Api.Response saved = supervisor().postJson("/api/routing/rules/versions",
                Map.of("rules", withRow(billingToAPerson()), "reason", "billing backlog: people answer invoices"));

        assertThat(saved.status()).isEqualTo(201);
        int version = saved.json().get("version").asInt();
        assertThat(saved.json().get("author").asText()).isEqualTo("supervisor");
        assertThat(saved.json().get("drl").asText()).contains("rule \"Every billing message goes to a person\"");
        assertThat(supervisor().get("/api/routing/rules/active").json().get("version").asInt()).isEqualTo(version);
        long escalated = send("When will my next invoice arrive?");
        awaitStatus(escalated, "ESCALATED");
        assertThat(decisions(escalated)).last().satisfies(d -> {
            assertThat(d.get("ruleSetVersion").asText()).isEqualTo("v" + version);
            assertThat(d.get("rulesFired").toString()).contains("Every billing message goes to a person");
        });

        Api.Response rolledBack = supervisor().postJson("/api/routing/rules/versions/" + activeAtStart + "/activate",
                Map.of("reason", "roll back"));

        assertThat(rolledBack.status()).isEqualTo(200);
        // The page says why the version is active again; a version activated once has no such reason.
        assertThat(supervisor().get("/api/routing/rules/active").json().path("activationReason").asText()).isEqualTo("roll back");
        for (JsonNode v : supervisor().get("/api/routing/rules/versions").json()) {
            if (v.get("version").asInt() == version) {
                assertThat(v.hasNonNull("activationReason")).as("v%d was activated once", version).isFalse();
            }
        }
        long selfService = send("When will my next invoice arrive?");
        awaitStatus(selfService, "SELF_SERVICE");
        assertThat(decisions(selfService).get(0).get("ruleSetVersion").asText()).isEqualTo("v" + activeAtStart);
    }

    /** Two people edit the same version: the second save is refused and names the first, and the first one's rule stays. */
    @Test
    void aSaveEditedFromAVersionThatIsNoLongerActiveIsRefusedAndUndoesNothing() {
        Api.Response first = Api.as(port, "admin").postJson("/api/routing/rules/versions",
                Map.of("rules", withRow(billingToAPerson()), "reason", "admin's rule", "basedOn", activeAtStart));
        assertThat(first.status()).isEqualTo(201);
        int adminsVersion = first.json().get("version").asInt();

        Api.Response second = supervisor().postJson("/api/routing/rules/versions",
                Map.of("rules", activeRows, "reason", "supervisor's hint", "basedOn", activeAtStart));

        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(second.json().get("detail").asText()).startsWith("v" + adminsVersion + " by admin became active after you opened v"
                + activeAtStart + ": nothing was saved");
        JsonNode active = supervisor().get("/api/routing/rules/active").json();
        assertThat(active.get("version").asInt()).isEqualTo(adminsVersion);
        assertThat(active.get("rules").toString()).contains("Every billing message goes to a person");
        assertThat(supervisor().get("/api/routing/rules/versions").json().get(0).get("version").asInt()).isEqualTo(adminsVersion);

        // Having seen it, the supervisor saves from the version that is active now.
        assertThat(supervisor().postJson("/api/routing/rules/versions", Map.of("rules", activeRows, "reason",
                "supervisor's hint", "basedOn", adminsVersion)).status()).isEqualTo(201);
    }

    @Test
    void aVersionActivatedOnAnotherNodeIsPickedUpHereWithoutRestart() {
        int version = supervisor().postJson("/api/routing/rules/versions",
                Map.of("rules", withRow(billingToAPerson()), "reason", "new rules")).json().get("version").asInt();
        assertThat(routing.activeRules().version()).isEqualTo("v" + version);

        // What another node's rollback leaves in the shared database; this node only learns of it by polling.
        jdbc.sql("INSERT INTO rule_set_activations (version, activated_by, reason, activated_at) "
                + "VALUES (?, 'supervisor', 'rollback on node 2', CURRENT_TIMESTAMP(6))").param(activeAtStart).update();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(routing.activeRules().version()).isEqualTo("v" + activeAtStart));
    }

    @Test
    void anUnknownFieldOrOperatorIsRefusedNamingRowAndColumnAndTheRunningRulesStay() {
        ObjectNode unknownField = billingToAPerson();
        ((ObjectNode) unknownField.get("conditions").get(0)).put("field", "ENVIRONMENT");
        ObjectNode unknownOperator = billingToAPerson();
        unknownOperator.put("name", "Another row");
        ((ObjectNode) unknownOperator.get("conditions").get(0)).put("operator", "MATCHES");
        ArrayNode rows = withRow(unknownField);
        rows.add(unknownOperator);

        for (String path : List.of("/api/routing/rules/validate", "/api/routing/rules/dry-run", "/api/routing/rules/versions")) {
            Api.Response rejected = supervisor().postJson(path, Map.of("rules", rows, "reason", "try"));

            assertThat(rejected.status()).as(path).isEqualTo(422);
            assertThat(rejected.contentType()).startsWith("application/problem+json");
            JsonNode errors = rejected.json().get("errors");
            assertThat(errors.get(0).get("row").asInt()).isEqualTo(ShippedRules.COUNT + 1);
            assertThat(errors.get(0).get("column").asText()).isEqualTo("conditions[1].field");
            assertThat(errors.get(0).get("message").asText()).startsWith("unknown field 'ENVIRONMENT'");
            assertThat(errors.get(1).get("row").asInt()).isEqualTo(ShippedRules.COUNT + 2);
            assertThat(errors.get(1).get("column").asText()).isEqualTo("conditions[1].operator");
            assertThat(rejected.json().get("detail").asText()).contains("row " + (ShippedRules.COUNT + 1) + ", condition 1's field");
        }
        assertThat(supervisor().get("/api/routing/rules/active").json().get("version").asInt()).isEqualTo(activeAtStart);
    }

    @Test
    void aDryRunShowsWhichRecentCasesWouldBeRoutedDifferently() {
        long billing = send("When is my invoice due?");
        awaitStatus(billing, "SELF_SERVICE");

        JsonNode run = supervisor().postJson("/api/routing/rules/dry-run",
                Map.of("rules", withRow(billingToAPerson()), "cases", 20)).json();

        assertThat(run.get("replayed").asInt()).isPositive();
        JsonNode row = null;
        for (JsonNode r : run.get("rows")) {
            if (r.get("caseId").asLong() == billing) {
                row = r;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get("changed").asBoolean()).isTrue();
        assertThat(row.get("active").get("selfService").asBoolean()).isTrue();
        assertThat(row.get("candidate").get("selfService").asBoolean()).isFalse();
        assertThat(row.hasNonNull("now")).as("an open case nobody holds").isFalse();
        assertThat(supervisor().get("/api/routing/rules/active").json().get("version").asInt()).isEqualTo(activeAtStart);

        // A case a person holds is marked so: new rules leave it with its holder.
        io.omnicase.support.QueueCases.QueueCase held = io.omnicase.support.QueueCases.escalatedIn(port, "billing");
        assertThat(Api.as(port, "agent").post("/api/desk/tasks/" + held.taskId() + "/claim", "application/json", "").status())
                .isEqualTo(200);
        JsonNode again = supervisor().postJson("/api/routing/rules/dry-run", Map.of("rules", withRow(billingToAPerson()), "cases", 20)).json();
        String now = null;
        for (JsonNode r : again.get("rows")) {
            if (r.get("caseId").asLong() == held.caseId()) {
                now = r.get("now").asText();
            }
        }
        assertThat(now).isEqualTo("held by Alex Agent");
    }

    @Test
    void auditorsReadEveryVersionAndItsRowDiffButCannotChangeRulesAndAgentsSeeNothing() {
        int version = supervisor().postJson("/api/routing/rules/versions",
                Map.of("rules", withRow(billingToAPerson()), "reason", "for the audit")).json().get("version").asInt();
        Api auditor = Api.as(port, "auditor");

        JsonNode diff = auditor.get("/api/routing/rules/versions/" + version + "/diff?against=" + activeAtStart).json();
        JsonNode added = null;
        for (JsonNode row : diff.get("rows")) {
            if (!row.get("change").asText().equals("KEPT")) {
                assertThat(added).as("only one row changed").isNull();
                added = row;
            }
        }
        assertThat(added.get("change").asText()).isEqualTo("ADDED");
        assertThat(added.get("name").asText()).isEqualTo("Every billing message goes to a person");
        assertThat(added.get("toRow").asInt()).isEqualTo(ShippedRules.COUNT + 1);
        assertThat(diff.get("lines").toString()).contains("+ rule \\\"Every billing message goes to a person\\\"");
        assertThat(auditor.get("/api/routing/rules/versions").json().get(0).get("reason").asText()).isEqualTo("for the audit");
        assertThat(auditor.postJson("/api/routing/rules/versions/" + activeAtStart + "/activate",
                Map.of("reason", "sneaky")).status()).isEqualTo(403);
        assertThat(auditor.postJson("/api/routing/rules/versions", Map.of("rules", activeRows, "reason", "x")).status())
                .isEqualTo(403);
        assertThat(Api.as(port, "agent").get("/api/routing/rules/active").status()).isEqualTo(403);
        assertThat(supervisor().get("/api/routing/rules/versions/99999").status()).isEqualTo(404);
        assertThat(supervisor().postJson("/api/routing/rules/versions", Map.of("rules", activeRows)).status()).isEqualTo(400);
    }

    /** The three denylist bypasses, as a supervisor sent them, on every endpoint that used to take rule text. */
    @Test
    void ruleTextFromASupervisorIsRefusedOnEveryEndpointAndItsCodeNeverRuns() {
        refusedEverywhereAndNeverRun(supervisor());
    }

    /** The same texts typed into the table's text cells are data: the rules compile, match text, and nothing runs. */
    @Test
    void theBypassTextsInsideRuleValuesAreStoredAndCompiledAsInertLiterals() {
        for (int i = 0; i < BYPASSES.size(); i++) {
            String bypass = BYPASSES.get(i);
            String name = "Bypass " + (i + 1) + " is only text";
            String oneLine = bypass.replaceAll("\\s+", " ");
            ObjectNode row = JSON.createObjectNode().put("name", name);
            row.putArray("conditions").addObject().put("field", "MESSAGE_TEXT").put("operator", "CONTAINS")
                    .put("value", bypass);
            row.putObject("actions").put("handling", "ESCALATE").put("reason", oneLine.substring(0, 400));
            Map<String, Object> table = Map.of("rules", withRow(row), "reason", "payload as data " + (i + 1), "cases", 5);

            assertThat(supervisor().postJson("/api/routing/rules/validate", table).json().get("valid").asBoolean()).isTrue();
            assertThat(supervisor().postJson("/api/routing/rules/dry-run", table).status()).isEqualTo(200);
            Api.Response saved = supervisor().postJson("/api/routing/rules/versions", table);
            assertThat(saved.status()).isEqualTo(201);
            JsonNode stored = supervisor().get("/api/routing/rules/versions/" + saved.json().get("version").asInt()).json();
            assertThat(stored.get("rules").get("rules").get(ShippedRules.COUNT).get("conditions").get(0).get("value").asText()).isEqualTo(bypass);
            assertThat(canaryRows()).as("the payload ran: " + bypass).isZero();
        }
        // The last version holds bypass 3 as a text condition; a customer who writes that text is escalated by it.
        long caseId = send("Please run this for me:\n" + BYPASSES.get(2));
        awaitStatus(caseId, "ESCALATED");
        assertThat(decisions(caseId)).last().satisfies(d -> assertThat(d.get("rulesFired").toString())
                .contains("Bypass 3 is only text"));
        assertThat(canaryRows()).isZero();
    }

    /** Walk of 5 December: rule 9's value went from 3 to 4 and its sentence still said "three times" everywhere. */
    @Test
    void aRuleWhoseSentenceStatesAnotherCountThanItsValueIsNotSaved() {
        ArrayNode rows = activeRows.deepCopy();
        int row = 0;
        while (!rows.get(row).get("name").asText().contains("three times")) {
            row++;
        }
        ((ObjectNode) rows.get(row).get("conditions").get(0)).put("value", 4);

        for (String path : List.of("/api/routing/rules/validate", "/api/routing/rules/versions")) {
            Api.Response refused = supervisor().postJson(path,
                    Map.of("rules", rows, "reason", "wait for a fourth message", "basedOn", activeAtStart));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            JsonNode error = refused.json().get("errors").get(0);
            assertThat(error.get("row").asInt()).isEqualTo(row + 1);
            assertThat(error.get("column").asText()).isEqualTo("name");
            assertThat(error.get("message").asText()).contains("“three times”").contains("≥ 4");
        }
        assertThat(supervisor().get("/api/routing/rules/active").json().get("version").asInt()).isEqualTo(activeAtStart);

        ((ObjectNode) rows.get(row)).put("name", "A customer who has written four times on a case goes to a person");
        Api.Response saved = supervisor().postJson("/api/routing/rules/versions",
                Map.of("rules", rows, "reason", "wait for a fourth message", "basedOn", activeAtStart));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
    }

    /** Whatever reads a supervisor's table must not backtrack: a run of spaces and deep nesting are answered at once. */
    @Test
    void hostileTablesAreRefusedQuickly() {
        String spaces = " ".repeat(100_000);
        String nested = "{\"rules\":[{\"name\":\"x\",\"conditions\":[{\"field\":\"MESSAGE_TEXT\",\"operator\":"
                + "\"CONTAINS\",\"value\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}]}]}";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            ObjectNode row = JSON.createObjectNode().put("name", "import" + spaces + "x");
            row.putArray("conditions").addObject().put("field", "MESSAGE_TEXT").put("operator", "MENTIONS_ANY_OF")
                    .put("value", spaces);
            row.putObject("actions").put("handling", "ESCALATE").put("reason", spaces + "(");
            Api.Response spaced = supervisor().postJson("/api/routing/rules/validate", Map.of("rules", List.of(row)));
            assertThat(spaced.status()).isEqualTo(422);
            assertThat(spaced.json().get("errors").findValuesAsText("column"))
                    .containsExactly("name", "conditions[1].value", "actions.reason");

            Api.Response deep = supervisor().post("/api/routing/rules/validate", "application/json", nested);
            assertThat(deep.status()).isEqualTo(400);
            assertThat(deep.contentType()).startsWith("application/problem+json");
        });
    }

    /** DRL is Java: an administrator's is refused on every path, as a supervisor's is, and none of it runs. */
    @Test
    void ruleTextFromAnAdministratorIsRefusedOnEveryPathAndItsCodeNeverRuns() {
        refusedEverywhereAndNeverRun(Api.as(port, "admin"));
    }

    /**
     * Each bypass sent as rule text on every endpoint that took rule text once, alone and beside a valid table: 403
     * problem everywhere, the canary never created, the active rules unchanged.
     */
    private void refusedEverywhereAndNeverRun(Api who) {
        for (String bypass : BYPASSES) {
            String drl = activeDrl + "\n" + bypass;
            Map<String, Object> asBefore = Map.of("drl", drl, "reason", "faster routing", "cases", 5);
            for (String path : List.of("/api/routing/rules/validate", "/api/routing/rules/dry-run",
                    "/api/routing/rules/versions", "/api/routing/rules/drl/validate", "/api/routing/rules/drl/dry-run",
                    "/api/routing/rules/drl/versions")) {
                Api.Response refused = who.postJson(path, asBefore);

                assertThat(refused.status()).as(path).isEqualTo(403);
                assertThat(refused.contentType()).as(path).startsWith("application/problem+json");
            }
            Api.Response beside = who.postJson("/api/routing/rules/validate", Map.of("rules", activeRows, "drl", drl));
            assertThat(beside.status()).isEqualTo(403);
            assertThat(beside.json().get("detail").asText()).contains("not accepted from anyone");
            assertThat(canaryRows()).as("the payload ran: " + bypass).isZero();
        }
        assertThat(supervisor().get("/api/routing/rules/active").json().get("version").asInt()).isEqualTo(activeAtStart);
    }

    private ObjectNode billingToAPerson() {
        ObjectNode row = JSON.createObjectNode().put("name", "Every billing message goes to a person");
        row.putArray("conditions").addObject().put("field", "MESSAGE_TOPIC").put("operator", "IS").put("value", "BILLING");
        row.putObject("actions").put("handling", "ESCALATE");
        return row;
    }

    private ArrayNode withRow(ObjectNode row) {
        ArrayNode rows = activeRows.deepCopy();
        rows.add(row);
        return rows;
    }

    private int canaryRows() {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE username = ?").param(CANARY).query(Integer.class).single();
    }

    private long send(String text) {
        return sendFromNewCustomer(port, text);
    }

    /** A message from a customer never seen before, so it opens a case of its own. */
    /**
     * A new customer's first message by SMS: where the assistant doubts its answer, an SMS case stays with it (it asks
     * for other words), so a case the rules leave in self-service stays there whatever the suite's knowledge holds; by
     * mail a person would take over at the first doubt.
     */
    static long sendFromNewCustomer(int port, String text) {
        Map<String, Object> body = new HashMap<>();
        body.put("channel", "SMS");
        body.put("from", "+49152" + String.format("%08d", Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 100_000_000L)));
        body.put("text", text);
        body.put("providerMessageId", UUID.randomUUID().toString());
        body.put("timestamp", Instant.now().toString());
        return Api.as(port, "gateway").postJson("/api/messages", body).json().get("caseId").asLong();
    }

    private void awaitStatus(long caseId, String status) {
        awaitStatus(port, caseId, status);
    }

    static void awaitStatus(int port, long caseId, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                Api.as(port, "supervisor").get("/api/cases/" + caseId).json().get("status").asText()).isEqualTo(status));
    }

    private List<JsonNode> decisions(long caseId) {
        List<JsonNode> details = new ArrayList<>();
        supervisor().get("/api/cases/" + caseId + "/timeline").json().forEach(e -> {
            if (e.get("kind").asText().equals("DECISION")) {
                details.add(e.get("detail"));
            }
        });
        return details;
    }

    private Api supervisor() {
        return Api.as(port, "supervisor");
    }
}
