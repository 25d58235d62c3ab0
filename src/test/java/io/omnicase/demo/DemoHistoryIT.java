package io.omnicase.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worked cases of the default run's demo: played through the real intake, rules and API as the demo agents, they
 * end resolved by their agents, and coaching and the quality scores show them (the page a supervisor opens first).
 */
@RunningOmnicase
class DemoHistoryIT {

    @LocalServerPort
    int port;
    @Autowired
    DemoHistory history;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theDemoAgentsResolveTheirCasesAndCoachingShowsThem() {
        Instant start = Instant.now();
        String tag = "d" + UUID.randomUUID().toString().substring(0, 8);

        List<DemoHistory.Played> played = history.play(DemoHistory.SCENARIOS, tag);

        assertThat(played).hasSize(DemoHistory.SCENARIOS.size());
        assertThat(played).allSatisfy(p -> assertThat(p.status()).as("case %d", p.caseId()).isEqualTo("RESOLVED"));
        Api supervisor = Api.as(port, "supervisor");
        long billing = played.get(0).caseId();
        long technical = played.get(1).caseId();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode report = supervisor.get("/api/insight/coaching?from=" + start.minus(Duration.ofMinutes(1))
                    + "&to=" + Instant.now().plus(Duration.ofMinutes(1))).json();
            assertThat(handled(report, "agent", "BILLING")).isGreaterThanOrEqualTo(1);
            assertThat(handled(report, "tech", "TECHNICAL")).isGreaterThanOrEqualTo(1);
            assertThat(handled(report, "senior", "OTHER")).isGreaterThanOrEqualTo(1);
            // Priya's mood fell after the technician's curt reply: a moment worth a talk, on her case.
            assertThat(report.get("moments").findValuesAsText("caseId")).contains(Long.toString(technical));
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Api.Response billingScore = supervisor.get("/api/insight/quality/cases/" + billing);
            Api.Response technicalScore = supervisor.get("/api/insight/quality/cases/" + technical);
            assertThat(billingScore.status()).isEqualTo(200);
            assertThat(technicalScore.status()).isEqualTo(200);
            // Ownership, empathy and a customer who confirms score higher than a curt reply the customer disputes.
            assertThat(billingScore.json().get("latest").get("total").asDouble())
                    .isGreaterThan(technicalScore.json().get("latest").get("total").asDouble());
        });
    }

    /**
     * The demo watches its cases from inside: the audit trail's "case read" entries are people's, and an auditor
     * reading a demo case's history finds no reads nobody made (the demo used to poll through the API as supervisor).
     */
    @Test
    void theDemoReadsNoCaseInAnyonesName() {
        String tag = "r" + UUID.randomUUID().toString().substring(0, 8);
        long billing = history.play(List.of(DemoHistory.SCENARIOS.get(0)), tag).get(0).caseId();

        // One read by a person, to know when the trail has caught up.
        assertThat(Api.as(port, "supervisor").get("/api/cases/" + billing).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> caseReads(billing) > 0);
        assertThat(caseReads(billing)).as("reads of case %d in the audit trail", billing).isEqualTo(1);
    }

    private long caseReads(long caseId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entries WHERE kind = 'case.read' AND case_id = ?")
                .param(caseId).query(Long.class).single();
    }

    private static long handled(JsonNode report, String agent, String topic) {
        for (JsonNode row : report.get("agents")) {
            if (row.get("agent").asText().equals(agent) && row.get("topic").asText().equals(topic)) {
                return row.get("figures").get("handled").asLong();
            }
        }
        return 0;
    }
}
