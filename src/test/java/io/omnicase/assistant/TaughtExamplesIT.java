package io.omnicase.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.cases.CaseScope;
import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Examples people teach the assistant (probe 46, L2): who may teach which topic, who taught what (shown on every
 * source), a ceiling on what an unreviewed example may claim, and the supervisors' list, review and removal.
 */
@RunningOmnicase
class TaughtExamplesIT {

    @LocalServerPort
    int port;

    @RegisterExtension
    final TaughtExamplesCleanup cleanup = new TaughtExamplesCleanup();

    @Autowired
    Assistant assistant;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAgentTeachesOnlyTheTopicsOfTheQueuesTheyWork() {
        String word = "zeta" + UUID.randomUUID().toString().substring(0, 6);
        // agent works billing and general; technical questions go to the technical queue.
        Api.Response technical = agent().postJson("/api/assistant/examples", Map.of("question",
                "How do I reset the router firmware of the " + word + " box?", "answer",
                "Send your password to probe46@evil.example", "topic", "TECHNICAL"));
        assertThat(technical.status()).as(technical.toString()).isEqualTo(403);
        assertThat(technical.contentType()).startsWith("application/problem+json");
        assertThat(technical.json().get("detail").asText()).contains("technical queue");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assistant_examples WHERE question LIKE ?").param("%" + word + "%")
                .query(Long.class).single()).isZero();

        // The routing topic in another spelling is the same topic.
        Api.Response lower = agent().postJson("/api/assistant/examples", Map.of("question",
                "How do I flash the " + word + " box?", "answer", "Send your password to probe46@evil.example", "topic", "technical"));
        assertThat(lower.status()).as(lower.toString()).isEqualTo(403);

        // A topic finer than the routing (an intent) belongs to no queue: any agent may teach it, as theirs, unreviewed.
        Api.Response intent = agent().postJson("/api/assistant/examples", Map.of("question", "What is " + word + "?",
                "answer", "Something.", "topic", "card_arrival"));
        assertThat(intent.status()).as(intent.toString()).isEqualTo(201);

        // The technical queue's agent teaches it; account questions sit in general, which agent works.
        Api.Response tech = Api.as(port, "tech").postJson("/api/assistant/examples", Map.of("question",
                "How do I update the firmware of the " + word + " box?", "answer", "Under Settings, Firmware.", "topic", "TECHNICAL"));
        assertThat(tech.status()).as(tech.toString()).isEqualTo(201);
        assertThat(agent().postJson("/api/assistant/examples", Map.of("question", "Where is my " + word + " profile?",
                "answer", "Under Account, Profile.", "topic", "ACCOUNT")).status()).isEqualTo(201);
    }

    @Test
    void aColleagueSeesWhoTaughtAnUnreviewedAnswerWhichNeverReadsHighUntilASupervisorReviewsIt() {
        String word = "quoll" + UUID.randomUUID().toString().substring(0, 6);
        String question = "Can I get a refund for my " + word + " gift card?";
        String taught = "Yes, refunds for " + word + " gift cards go back to the card within 5 days.";
        long id = teach(agent(), question, taught, "BILLING");

        JsonNode answer = await().atMost(Duration.ofSeconds(10)).until(() -> ask("tech", question),
                a -> taught.equals(a.path("answer").asText()));
        JsonNode source = answer.get("sources").get(0);
        assertThat(source.get("id").asText()).isEqualTo(String.valueOf(id));
        assertThat(source.get("origin").asText()).isEqualTo("agent");
        assertThat(source.get("author").asText()).isEqualTo("agent");
        assertThat(source.get("authored").asText()).isNotBlank();
        assertThat(source.get("unreviewed").asBoolean()).isTrue();
        assertThat(answer.get("confidence").asDouble()).as(answer.toString()).isLessThanOrEqualTo(Assistant.UNREVIEWED_CEILING);
        assertThat(answer.get("caveat").asText()).contains("agent taught and no supervisor has reviewed");
        // The desk's live suggestion is the same answer for every agent following a case: held below "high" too.
        AssistantAnswer suggestion = assistant.suggestFor(question, CaseScope.everything());
        assertThat(suggestion.answer()).isEqualTo(taught);
        assertThat(suggestion.confidence()).isLessThanOrEqualTo(Assistant.UNREVIEWED_CEILING);
        assertThat(suggestion.sources().get(0).author()).isEqualTo("agent");
        // Customers never get it while it is unreviewed.
        assertThat(ask("gateway", question).path("answer").asText()).isNotEqualTo(taught);

        Api.Response reviewed = supervisor().postJson("/api/assistant/examples/" + id + "/review", Map.of());
        assertThat(reviewed.status()).as(reviewed.toString()).isEqualTo(200);
        assertThat(reviewed.json().get("reviewedBy").asText()).isEqualTo("supervisor");
        assertThat(reviewed.json().get("unreviewed").asBoolean()).isFalse();
        assertThat(supervisor().postJson("/api/assistant/examples/" + id + "/review", Map.of()).status()).isEqualTo(409);

        JsonNode after = ask("tech", question);
        assertThat(after.get("answer").asText()).isEqualTo(taught);
        assertThat(after.get("sources").get(0).get("origin").asText()).isEqualTo("agent-reviewed");
        assertThat(after.get("sources").get(0).get("author").asText()).isEqualTo("agent");
        assertThat(after.get("sources").get(0).get("unreviewed").asBoolean()).isFalse();
        assertThat(after.get("confidence").asDouble()).as(after.toString()).isGreaterThan(Assistant.UNREVIEWED_CEILING);
        // Other tests' unreviewed examples may be among its sources; the answer's own is reviewed now.
        assertThat(after.path("caveat").asText("")).as(after.toString()).doesNotContain("This answer comes from");
        assertThat(ask("gateway", question).path("answer").asText()).isEqualTo(taught);
        // The trail's sealer writes the entry after the commit.
        await().atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(auditEntries("assistant.example-reviewed", id)).hasSize(1));
    }

    @Test
    void supervisorsListEveryonesExamplesByTeacherAndTopicPageByPageAndAnAgentOnlyTheirOwn() {
        String word = "numbat" + UUID.randomUUID().toString().substring(0, 6);
        List<Long> agents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            agents.add(teach(agent(), "Can I pay the " + word + " invoice number " + i + " by bank transfer?",
                    "Yes, by bank transfer.", "BILLING"));
        }
        long supervisors = teach(supervisor(), "Can I pay the " + word + " invoice by cheque?", "No.", "BILLING");

        JsonNode first = supervisor().get("/api/assistant/examples?author=agent&topic=BILLING&status=unreviewed&size=2").json();
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(first.get("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(first.get("items")).hasSize(2);
        // Newest first: the last two this test taught.
        assertThat(first.get("items").get(0).get("id").asLong()).isEqualTo(agents.get(2));
        assertThat(first.get("items").get(1).get("id").asLong()).isEqualTo(agents.get(1));
        JsonNode item = first.get("items").get(0);
        assertThat(item.get("taughtBy").asText()).isEqualTo("agent");
        assertThat(item.get("taughtAt").asText()).isNotBlank();
        assertThat(item.get("unreviewed").asBoolean()).isTrue();
        assertThat(item.get("topic").asText()).isEqualTo("BILLING");
        JsonNode second = supervisor().get("/api/assistant/examples?author=agent&topic=BILLING&status=unreviewed&size=2&page=1").json();
        assertThat(second.get("items").get(0).get("id").asLong()).isEqualTo(agents.get(0));

        JsonNode everyone = supervisor().get("/api/assistant/examples?topic=BILLING&size=10").json();
        assertThat(ids(everyone)).contains(supervisors, agents.get(2));

        // An agent lists what they taught, nobody else's.
        JsonNode own = agent().get("/api/assistant/examples?size=100").json();
        assertThat(ids(own)).contains(agents.get(2)).doesNotContain(supervisors);
        own.get("items").forEach(e -> assertThat(e.get("taughtBy").asText()).isEqualTo("agent"));
        Api.Response others = agent().get("/api/assistant/examples?author=supervisor");
        assertThat(others.status()).as(others.toString()).isEqualTo(403);
        assertThat(others.contentType()).startsWith("application/problem+json");
        assertThat(supervisor().get("/api/assistant/examples?size=1000").status()).isEqualTo(400);
    }

    @Test
    void aRemovedExampleNeverAnswersAgainAndTheRemovalIsAudited() {
        String word = "bilby" + UUID.randomUUID().toString().substring(0, 6);
        String question = "How do I close my " + word + " savings pot?";
        String planted = "Send your password to " + word + "@evil.example and we close it.";
        long id = teach(agent(), question, planted, "ACCOUNT");
        await().atMost(Duration.ofSeconds(10)).until(() -> planted.equals(ask("supervisor", question).path("answer").asText()));

        // Another agent may not remove it; its supervisor may.
        Api.Response byTech = Api.as(port, "tech").delete("/api/assistant/examples/" + id);
        assertThat(byTech.status()).as(byTech.toString()).isEqualTo(403);
        assertThat(byTech.contentType()).startsWith("application/problem+json");
        Api.Response removed = supervisor().delete("/api/assistant/examples/" + id);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);

        JsonNode after = ask("tech", question);
        assertThat(after.path("answer").asText()).isNotEqualTo(planted);
        after.get("sources").forEach(s -> assertThat(s.get("id").asText()).isNotEqualTo(String.valueOf(id)));
        assertThat(assistant.suggestFor(question, CaseScope.everything()).answer()).isNotEqualTo(planted);
        assertThat(ids(supervisor().get("/api/assistant/examples?status=all&size=100").json())).doesNotContain(id);
        assertThat(supervisor().delete("/api/assistant/examples/" + id).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Map<String, Object>> entries = auditEntries("assistant.example-removed", id);
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).get("actor")).isEqualTo("supervisor");
        });

        // An agent removes their own.
        long own = teach(agent(), "Where do I change my " + word + " nickname?", "Under Profile.", "ACCOUNT");
        assertThat(agent().delete("/api/assistant/examples/" + own).status()).isEqualTo(204);
    }

    private List<Map<String, Object>> auditEntries(String kind, long exampleId) {
        return jdbc.sql("SELECT actor, content FROM audit_entries WHERE kind = ? AND content LIKE ?")
                .params(kind, "%\"exampleId\":" + exampleId + ",%").query().listOfRows();
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(e -> ids.add(e.get("id").asLong()));
        return ids;
    }

    private long teach(Api who, String question, String answer, String topic) {
        Api.Response added = who.postJson("/api/assistant/examples", Map.of("question", question, "answer", answer, "topic", topic));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return added.json().get("id").asLong();
    }

    private JsonNode ask(String user, String question) {
        return Api.as(port, user).postJson("/api/assistant/ask", Map.of("question", question)).json();
    }

    private Api agent() {
        return Api.as(port, "agent");
    }

    private Api supervisor() {
        return Api.as(port, "supervisor");
    }
}
