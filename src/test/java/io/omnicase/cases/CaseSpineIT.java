package io.omnicase.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.support.Api;
import io.omnicase.support.CustomerMessages;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A message goes in through the API, is stored, runs the case process, and can be found by search. */
@RunningOmnicase
class CaseSpineIT {

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void aRoutineQuestionIsStoredAnsweredBySelfServiceAndFoundBySearch() {
        String address = unique("ida") + "@example.com";
        String word = "zebraquest" + UUID.randomUUID().toString().substring(0, 6);

        Api.Response accepted = gateway().postJson("/api/messages", message("EMAIL", address,
                "How do I update my " + word + " preferences?", null));

        assertThat(accepted.status()).isEqualTo(202);
        long caseId = accepted.json().get("caseId").asLong();
        assertThat(accepted.json().get("newCase").asBoolean()).isTrue();
        // Routing hands it to the assistant (by mail a person takes over at the assistant's first doubt, so the status
        // may have moved on: the timeline says where it went).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode timeline = agent().getOnceRouted("/api/cases/" + caseId + "/timeline").json();
            assertThat(kinds(timeline)).startsWith("INBOUND", "DECISION", "STATUS");
            assertThat(timeline.get(2).path("detail").path("to").asText()).isEqualTo("SELF_SERVICE");
        });

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode found = agent().get("/api/search?q=" + word).json();
            assertThat(found.get("total").asLong()).isEqualTo(1);
            assertThat(found.get("hits").get(0).get("caseId").asLong()).isEqualTo(caseId);
            assertThat(found.get("hits").get(0).get("channel").asText()).isEqualTo("EMAIL");
        });
    }

    @Test
    void aCustomerKeepsOneCaseAcrossChannelsAndTheCustomerViewShowsIt() {
        String phone = "+4917" + (10_000_000 + (int) (Math.random() * 89_999_999));
        long first = gateway().postJson("/api/messages", message("SMS", phone, "Hello, I have a question", null))
                .json().get("caseId").asLong();

        Api.Response second = gateway().postJson("/api/messages",
                message("WHATSAPP", phone.substring(0, 3) + " " + phone.substring(3), "Writing from WhatsApp now", null));

        assertThat(second.json().get("caseId").asLong()).isEqualTo(first);
        assertThat(second.json().get("newCase").asBoolean()).isFalse();
        // An agent of general reaches the case once routing placed it there (before, only supervisors do).
        await().atMost(Duration.ofSeconds(30)).until(() -> agent().getOnceRouted("/api/cases/" + first).status() == 200);
        JsonNode timeline = agent().getOnceRouted("/api/cases/" + first + "/timeline").json();
        List<String> channels = new ArrayList<>();
        timeline.forEach(e -> {
            if ("INBOUND".equals(e.get("kind").asText())) {
                channels.add(e.get("channel").asText());
            }
        });
        assertThat(channels).containsExactly("SMS", "WHATSAPP");
        long customerId = agent().getOnceRouted("/api/cases/" + first).json().get("customerId").asLong();
        JsonNode customer = agent().get("/api/customers/" + customerId).json();
        assertThat(customer.get("identities").get(0).get("address").asText()).isEqualTo(phone);
        assertThat(customer.get("cases").get(0).get("id").asLong()).isEqualTo(first);
    }

    @Test
    void anEscalatedCaseIsWorkedRepliedResolvedReopenedAndClosed() {
        String address = unique("olga") + "@example.com";
        long caseId = gateway().postJson("/api/messages", message("EMAIL", address,
                "I was charged twice for my subscription, please refund", "thread-" + address)).json().get("caseId").asLong();
        awaitStatus(caseId, "ESCALATED");
        JsonNode view = agent().getOnceRouted("/api/cases/" + caseId).json();
        assertThat(view.get("queue").asText()).isEqualTo("billing");

        Api.Response reply = agent().postJsonOnceRouted("/api/cases/" + caseId + "/replies", Map.of("text", "Refund is on its way."));
        assertThat(reply.status()).isEqualTo(201);

        Api.Response resolved = agent().postJson("/api/cases/" + caseId + "/resolve",
                Map.of("resolution", "Refunded the double charge", "topic", "BILLING"));
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.json().get("status").asText()).isEqualTo("RESOLVED");

        // A thank-you leaves the case resolved (it reopened it into an anonymous queue and counted against the agent).
        long thanks = gateway().postJson("/api/messages", message("EMAIL", address, "Thank you Alex, that was quick. All good now.",
                "thread-" + address)).json().get("messageId").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE "
                + "LISTENER_ID LIKE '%CaseProcessStarter%' AND COMPLETION_DATE IS NULL AND SERIALIZED_EVENT LIKE ?")
                .param("%\"messageId\":" + thanks + ",%").query(Integer.class).single() == 0);
        assertThat(agent().getOnceRouted("/api/cases/" + caseId).json().get("status").asText()).isEqualTo("RESOLVED");
        assertThat(agent().getOnceRouted("/api/cases/" + caseId).json().get("reopenCount").asInt()).isZero();

        gateway().postJson("/api/messages", message("EMAIL", address, "The refund has not arrived yet", "thread-" + address));
        awaitStatus(caseId, "ESCALATED");
        assertThat(agent().getOnceRouted("/api/cases/" + caseId).json().get("reopenCount").asInt()).isEqualTo(1);

        agent().postJson("/api/cases/" + caseId + "/resolve", Map.of("resolution", "Refund arrived", "topic", "BILLING"));
        Api.Response closed = agent().post("/api/cases/" + caseId + "/close", "application/json", "");
        assertThat(closed.status()).isEqualTo(200);
        awaitStatus(caseId, "CLOSED");

        Api.Response afterClose = gateway().postJson("/api/messages", message("EMAIL", address, "Another question", "thread-" + address));
        assertThat(afterClose.json().get("caseId").asLong()).isNotEqualTo(caseId);
        List<String> texts = new ArrayList<>();
        agent().getOnceRouted("/api/cases/" + caseId + "/timeline").json().forEach(e -> texts.add(e.get("kind").asText() + ":" + e.get("text").asText()));
        assertThat(texts).contains("OUTBOUND:Refund is on its way.", "STATUS:Reopened by a new customer message",
                        "INBOUND:Thank you Alex, that was quick. All good now.",
                        "STATUS:The customer confirmed the resolution; the case stays resolved")
                .anyMatch(t -> t.startsWith("STATUS:Resolved by Alex Agent: Refunded the double charge"))
                .anyMatch(t -> t.startsWith("STATUS:Closed: closed by Alex Agent"));
    }

    @Test
    void aCaseThatCannotBeClosedYetAnswersConflict() {
        long caseId = gateway().postJson("/api/messages", message("EMAIL", unique("pia") + "@example.com",
                "I want to speak to a real person", null)).json().get("caseId").asLong();
        awaitStatus(caseId, "ESCALATED");

        Api.Response closed = agent().post("/api/cases/" + caseId + "/close", "application/json", "");

        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.contentType()).startsWith("application/problem+json");
    }

    private void awaitStatus(long caseId, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(agent().getOnceRouted("/api/cases/" + caseId).json().get("status").asText()).isEqualTo(status));
    }

    private Api gateway() {
        return Api.as(port, "gateway");
    }

    private Api agent() {
        return Api.as(port, "agent");
    }

    static Map<String, Object> message(String channel, String from, String text, String threadRef) {
        return CustomerMessages.message(channel, from, text, threadRef);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> kinds(JsonNode timeline) {
        List<String> kinds = new ArrayList<>();
        timeline.forEach(e -> kinds.add(e.get("kind").asText()));
        return kinds;
    }
}
