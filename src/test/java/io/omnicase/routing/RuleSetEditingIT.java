package io.omnicase.routing;

import com.fasterxml.jackson.databind.JsonNode;
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

/** Supervisors change routing rules through the API: validated, dry-run, activated at once, rolled back in one step. */
@RunningOmnicase
class RuleSetEditingIT {

    /** A change a supervisor might make: every billing message goes to a person. */
    static final String BILLING_TO_A_PERSON = """

            rule "Every billing message goes to a person"
            when
                MessageFacts( topic == Topic.BILLING )
                $decision : DecisionDraft()
            then
                $decision.escalate();
            end
            """;

    @LocalServerPort
    int port;

    @Autowired
    Routing routing;

    @Autowired
    JdbcClient jdbc;

    private int activeAtStart;
    private String activeDrl;

    @BeforeEach
    void rememberTheActiveRules() {
        JsonNode active = supervisor().get("/api/routing/rules/active").json();
        activeAtStart = active.get("version").asInt();
        activeDrl = active.get("drl").asText();
    }

    @AfterEach
    void restoreTheActiveRules() {
        supervisor().postJson("/api/routing/rules/versions/" + activeAtStart + "/activate", Map.of("reason", "test over"));
    }

    @Test
    void anActivatedRuleSetDecidesTheNextMessageAndARollbackRestoresTheOldRules() {
        Api.Response saved = supervisor().postJson("/api/routing/rules/versions",
                Map.of("drl", activeDrl + BILLING_TO_A_PERSON, "reason", "billing backlog: people answer invoices"));

        assertThat(saved.status()).isEqualTo(201);
        int version = saved.json().get("version").asInt();
        assertThat(saved.json().get("author").asText()).isEqualTo("supervisor");
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
        long selfService = send("When will my next invoice arrive?");
        awaitStatus(selfService, "SELF_SERVICE");
        assertThat(decisions(selfService).get(0).get("ruleSetVersion").asText()).isEqualTo("v" + activeAtStart);
    }

    @Test
    void aVersionActivatedOnAnotherNodeIsPickedUpHereWithoutRestart() {
        int version = supervisor().postJson("/api/routing/rules/versions",
                Map.of("drl", activeDrl + BILLING_TO_A_PERSON, "reason", "new rules")).json().get("version").asInt();
        assertThat(routing.activeRules().version()).isEqualTo("v" + version);

        // What another node's rollback leaves in the shared database; this node only learns of it by polling.
        jdbc.sql("INSERT INTO rule_set_activations (version, activated_by, reason, activated_at) "
                + "VALUES (?, 'supervisor', 'rollback on node 2', CURRENT_TIMESTAMP(6))").param(activeAtStart).update();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(routing.activeRules().version()).isEqualTo("v" + activeAtStart));
    }

    @Test
    void aRuleSetThatFailsValidationIsRejectedReadablyAndTheRunningRulesStay() {
        for (String bad : List.of(activeDrl.replace("then\n    $decision.routeTo(Queue.BILLING);", "then\n    System.exit(1);"),
                activeDrl + "\nrule \"broken\"\nwhen\n    MessageFacts(\nthen\nend\n",
                activeDrl + "\nrule \"loops\"\nwhen\n    $d : DecisionDraft()\nthen\n    $d.escalate();\n    update($d);\nend\n",
                activeDrl.replace("$decision.routeTo(Queue.BILLING);", "$decision.routeTo(null);"))) {
            Api.Response rejected = supervisor().postJson("/api/routing/rules/versions", Map.of("drl", bad, "reason", "try"));

            assertThat(rejected.status()).isEqualTo(422);
            assertThat(rejected.contentType()).startsWith("application/problem+json");
            assertThat(rejected.json().get("problems").get(0).asText()).isNotBlank();
        }
        Api.Response forbidden = supervisor().postJson("/api/routing/rules/validate",
                Map.of("drl", activeDrl.replace("then\n    $decision.routeTo(Queue.BILLING);", "then\n    System.exit(1);")));
        assertThat(forbidden.json().get("valid").asBoolean()).isFalse();
        assertThat(forbidden.json().get("problems").toString()).contains("'System' is not allowed");
        assertThat(supervisor().get("/api/routing/rules/active").json().get("version").asInt()).isEqualTo(activeAtStart);
    }

    @Test
    void aDryRunShowsWhichRecentCasesWouldBeRoutedDifferently() {
        long billing = send("When is my invoice due?");
        awaitStatus(billing, "SELF_SERVICE");

        JsonNode run = supervisor().postJson("/api/routing/rules/dry-run",
                Map.of("drl", activeDrl + BILLING_TO_A_PERSON, "cases", 20)).json();

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
        assertThat(supervisor().get("/api/routing/rules/active").json().get("version").asInt()).isEqualTo(activeAtStart);
    }

    @Test
    void auditorsReadEveryVersionAndItsDiffButCannotChangeRulesAndAgentsSeeNothing() {
        int version = supervisor().postJson("/api/routing/rules/versions",
                Map.of("drl", activeDrl + BILLING_TO_A_PERSON, "reason", "for the audit")).json().get("version").asInt();
        Api auditor = Api.as(port, "auditor");

        JsonNode diff = auditor.get("/api/routing/rules/versions/" + version + "/diff?against=" + activeAtStart).json();
        assertThat(diff.get("lines").toString()).contains("+ rule \\\"Every billing message goes to a person\\\"");
        assertThat(auditor.get("/api/routing/rules/versions").json().get(0).get("reason").asText()).isEqualTo("for the audit");
        assertThat(auditor.postJson("/api/routing/rules/versions/" + activeAtStart + "/activate",
                Map.of("reason", "sneaky")).status()).isEqualTo(403);
        assertThat(auditor.postJson("/api/routing/rules/versions", Map.of("drl", activeDrl, "reason", "x")).status())
                .isEqualTo(403);
        assertThat(Api.as(port, "agent").get("/api/routing/rules/active").status()).isEqualTo(403);
        assertThat(supervisor().get("/api/routing/rules/versions/99999").status()).isEqualTo(404);
        assertThat(supervisor().postJson("/api/routing/rules/versions", Map.of("drl", activeDrl)).status()).isEqualTo(400);
    }

    private long send(String text) {
        return sendFromNewCustomer(port, text);
    }

    /** A message from a customer never seen before, so it opens a case of its own. */
    static long sendFromNewCustomer(int port, String text) {
        Map<String, Object> body = new HashMap<>();
        body.put("channel", "EMAIL");
        body.put("from", "rules-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
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
