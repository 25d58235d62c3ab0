package io.omnicase.insight;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.search.CaseOutcome;
import io.omnicase.search.InsightQueries;
import io.omnicase.support.Api;
import io.omnicase.support.QueueCases;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** The coaching endpoint over a small known history (a queue and a period of its own) and over a real resolved case. */
@RunningOmnicase
class CoachingIT {

    private static final Instant DAY = Instant.parse("2021-06-01T08:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    InsightQueries queries;

    @Test
    void theFiguresOfAKnownHistoryPerAgentAndTopicBesideTheTeamsAndItsMoments() {
        String queue = "coaching-" + UUID.randomUUID().toString().substring(0, 8);
        long base = 7_200_000_000L + (long) (Math.random() * 1_000_000) * 10;
        queries.putOutcome(outcome(base + 1, "bruno", "BILLING", queue, 600, 1, 0, 0.2, 0, null));
        queries.putOutcome(outcome(base + 2, "bruno", "BILLING", queue, 1200, 0, 1, -0.4, 1, -0.6));
        queries.putOutcome(outcome(base + 3, "bruno", "BILLING", queue, 1800, 1, 0, 0.4, 2, null));
        queries.putOutcome(outcome(base + 4, "chen", "TECHNICAL", queue, 300, 1, 0, 0.8, 0, null));
        queries.putOutcome(outcome(base + 5, "chen", "TECHNICAL", queue, 2400, 0, 0, 0.0, 0, null));
        // Outside the report: resolved after the period, and another queue.
        queries.putOutcome(outcome(base + 6, "chen", "TECHNICAL", queue, 100, 1, 0, 0.0, 5, null, DAY.plus(Duration.ofDays(5))));
        queries.putOutcome(outcome(base + 7, "bruno", "BILLING", queue + "-other", 100, 1, 0, 0.0, 5, null));
        queries.refresh();

        Api.Response response = Api.as(port, "supervisor")
                .get("/api/insight/coaching?from=2021-06-01&to=2021-06-03&queue=" + queue);

        assertThat(response.status()).isEqualTo(200);
        JsonNode report = response.json();
        JsonNode team = report.get("team");
        assertThat(team.get("handled").asLong()).isEqualTo(5);
        assertThat(team.get("medianHandleSeconds").asDouble()).isCloseTo(1200, within(1.0));
        assertThat(team.get("firstContactResolution").asDouble()).isCloseTo(0.6, within(0.001));
        assertThat(team.get("reopenRate").asDouble()).isCloseTo(0.2, within(0.001));
        assertThat(team.get("sentimentChange").asDouble()).isCloseTo(0.2, within(0.001));
        assertThat(team.get("slaBreaches").asLong()).isEqualTo(3);
        assertThat(team.get("qualityScore").isNull()).isTrue();
        assertThat(report.get("agents")).hasSize(2);
        JsonNode bruno = row(report, "bruno", "BILLING");
        assertThat(bruno.get("figures").get("handled").asLong()).isEqualTo(3);
        assertThat(bruno.get("figures").get("medianHandleSeconds").asDouble()).isCloseTo(1200, within(1.0));
        assertThat(bruno.get("figures").get("firstContactResolution").asDouble()).isCloseTo(0.667, within(0.001));
        assertThat(bruno.get("figures").get("reopenRate").asDouble()).isCloseTo(0.333, within(0.001));
        assertThat(bruno.get("figures").get("slaBreaches").asLong()).isEqualTo(3);
        assertThat(bruno.get("displayName").asText()).isEqualTo("bruno");
        assertThat(row(report, "chen", "TECHNICAL").get("figures").get("handled").asLong()).isEqualTo(2);
        JsonNode moments = report.get("moments");
        assertThat(moments).hasSize(2);
        assertThat(moments.get(0).get("kind").asText()).isEqualTo("SENTIMENT_FELL_AFTER_REPLY");
        assertThat(moments.get(0).get("caseId").asLong()).isEqualTo(base + 2);
        assertThat(moments.get(0).get("agent").asText()).isEqualTo("bruno");
        assertThat(moments.get(0).get("before").asDouble()).isCloseTo(0.1, within(0.001));
        assertThat(moments.get(0).get("after").asDouble()).isCloseTo(-0.5, within(0.001));
        assertThat(moments.get(0).get("excerpt").asText()).isEqualTo("Please read our terms");
        assertThat(moments.get(1).get("kind").asText()).isEqualTo("RESOLVED_WITH_RISING_SENTIMENT");
        assertThat(moments.get(1).get("caseId").asLong()).isEqualTo(base + 4);
    }

    @Test
    void aCaseASupervisorRepliedToAndResolvedCountsForThemInItsQueue() {
        long caseId = QueueCases.escalatedIn(port, "billing").caseId();
        Api supervisor = Api.as(port, "supervisor");
        assertThat(supervisor.postJson("/api/cases/" + caseId + "/replies", Map.of("text", "I have refunded the second charge."))
                .status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(supervisor.postJson(
                "/api/cases/" + caseId + "/resolve", Map.of("resolution", "Refunded", "topic", "BILLING")).status()).isEqualTo(200));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            queries.refresh();
            assertThat(queries.outcome(caseId)).hasValueSatisfying(o -> {
                assertThat(o.agent()).isEqualTo("supervisor");
                assertThat(o.queue()).isEqualTo("billing");
                assertThat(o.resolvedAt()).isNotNull();
                assertThat(o.handleSeconds()).isNotNull();
            });
        });
        JsonNode report = supervisor.get("/api/insight/coaching?queue=billing&from="
                + Instant.now().minus(Duration.ofHours(1)) + "&to=" + Instant.now().plus(Duration.ofMinutes(1))).json();
        JsonNode row = row(report, "supervisor", "BILLING");
        assertThat(row.get("figures").get("handled").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(row.get("displayName").asText()).isNotBlank();

        // The customer writes again: the case reopens, and its resolution still counts for the supervisor, as reopened
        // (it dropped out of the figures, and "Reopened" stayed 0 %).
        io.omnicase.support.CustomerMessages.write(port, "EMAIL", supervisor.get("/api/cases/" + caseId + "/handover").json()
                .path("customer").path("identities").get(0).path("address").asText(), "The second charge is still there", null);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            queries.refresh();
            assertThat(queries.outcome(caseId)).hasValueSatisfying(o -> {
                assertThat(o.reopened()).isEqualTo(1);
                assertThat(o.resolvedAt()).isNotNull();
                assertThat(o.agent()).isEqualTo("supervisor");
            });
        });
        JsonNode after = row(supervisor.get("/api/insight/coaching?queue=billing&from=" + Instant.now().minus(Duration.ofHours(1))
                + "&to=" + Instant.now().plus(Duration.ofMinutes(1))).json(), "supervisor", "BILLING");
        assertThat(after.get("figures").get("handled").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(after.get("figures").get("reopenRate").asDouble()).isPositive();
    }

    /** The topic the person chose when resolving is the case's topic in coaching, not a guess from the first message. */
    @Test
    void aResolvedCaseCountsUnderTheTopicChosenOnTheResolveForm() {
        long caseId = QueueCases.escalatedIn(port, "billing").caseId();
        Api supervisor = Api.as(port, "supervisor");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(supervisor.postJson(
                "/api/cases/" + caseId + "/resolve", Map.of("resolution", "It was the router, not the bill", "topic", "TECHNICAL"))
                .status()).isEqualTo(200));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            queries.refresh();
            assertThat(queries.outcome(caseId)).hasValueSatisfying(o -> assertThat(o.topic()).isEqualTo("TECHNICAL"));
        });
    }

    @Test
    void onlySupervisorsAndAdminsSeeCoachingAndBadInputIsAProblem() {
        assertThat(Api.as(port, "agent").get("/api/insight/coaching").status()).isEqualTo(403);
        assertThat(Api.as(port, "auditor").get("/api/insight/coaching").status()).isEqualTo(403);
        assertThat(Api.as(port, "admin").get("/api/insight/coaching").status()).isEqualTo(200);
        Api.Response bad = Api.as(port, "supervisor").get("/api/insight/coaching?from=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("from");
        Api.Response backwards = Api.as(port, "supervisor").get("/api/insight/coaching?from=2021-06-03&to=2021-06-01");
        assertThat(backwards.status()).isEqualTo(400);
        Api.Response queue = Api.as(port, "supervisor").get("/api/insight/coaching?queue=%3Cscript%3E");
        assertThat(queue.status()).isEqualTo(400);
    }

    private static JsonNode row(JsonNode report, String agent, String topic) {
        for (JsonNode row : report.get("agents")) {
            if (row.get("agent").asText().equals(agent) && row.get("topic").asText().equals(topic)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + agent + " on " + topic + " in " + report.get("agents"));
    }

    private static CaseOutcome outcome(long caseId, String agent, String topic, String queue, long handle, int fcr,
                                       int reopened, double change, int sla, Double drop) {
        return outcome(caseId, agent, topic, queue, handle, fcr, reopened, change, sla, drop, DAY.plusSeconds(caseId % 1000));
    }

    private static CaseOutcome outcome(long caseId, String agent, String topic, String queue, long handle, int fcr,
                                       int reopened, double change, int sla, Double drop, Instant resolvedAt) {
        double first = 0.1;
        return new CaseOutcome(caseId, 1, agent, topic, queue, "CHAT", "RESOLVED", resolvedAt.minusSeconds(handle),
                resolvedAt, handle, 1, fcr, reopened, first, first + change, change, sla,
                drop == null ? null : resolvedAt.minusSeconds(60), drop == null ? null : first,
                drop == null ? null : first + drop, drop, drop == null ? null : agent,
                drop == null ? null : "Please read our terms", "Thanks");
    }
}
