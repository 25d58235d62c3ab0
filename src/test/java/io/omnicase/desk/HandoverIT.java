package io.omnicase.desk;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The agent who takes over a case sees everything that happened, so the customer never repeats themselves. */
@RunningOmnicase
class HandoverIT {

    @LocalServerPort
    int port;

    @Test
    void theHandoverShowsTranscriptAcrossChannelsWhatTheAssistantTriedRoutingAndEarlierCases() {
        String phone = "+4915" + (10_000_000 + (int) (Math.random() * 89_999_999));
        long earlier = write("SMS", phone, "I want to speak to a real person about my contract");
        awaitStatus(earlier, "ESCALATED");
        agent().postJson("/api/cases/" + earlier + "/resolve", Map.of("resolution", "Explained the contract", "topic", "ACCOUNT"));
        agent().post("/api/cases/" + earlier + "/close", "application/json", "");
        awaitStatus(earlier, "CLOSED");

        long caseId = write("SMS", phone, "My garden gnome collection app shows purple stripes");
        await().atMost(Duration.ofSeconds(30)).until(() -> handover(caseId).get("assistant").size() == 1);
        write("WHATSAPP", phone, "The gnome stripes are still purple on every screen");
        awaitStatus(caseId, "ESCALATED");

        JsonNode handover = handover(caseId);

        List<String> transcript = new ArrayList<>();
        handover.get("transcript").forEach(m -> transcript.add(m.get("direction").asText() + " "
                + m.get("channel").asText() + " " + m.get("author").asText()));
        assertThat(transcript).containsExactly("INBOUND SMS " + phone, "OUTBOUND SMS assistant",
                "INBOUND WHATSAPP " + phone, "OUTBOUND WHATSAPP assistant");
        JsonNode tries = handover.get("assistant");
        assertThat(tries).hasSize(2);
        assertThat(tries.get(0).get("answered").asBoolean()).isFalse();
        assertThat(tries.get(0).get("question").asText()).contains("purple stripes");
        assertThat(tries.get(1).get("declineReason").asText()).contains("not sure enough to answer");
        assertThat(tries.get(1).has("confidence")).isTrue();
        assertThat(handover.get("routing").get("reasons")).isNotNull();
        // The rules gave the case to the assistant, which handed it on: the routing part says both, not "self-service".
        assertThat(handover.get("routing").get("selfService").asBoolean()).isTrue();
        assertThat(handover.get("routing").get("handedToPerson").asText())
                .startsWith("the assistant handed it to a person in queue ").contains("not sure enough to answer");
        assertThat(handover.get("summary").asText()).contains("Routing: self-service at first")
                .contains("; then the assistant handed it to a person in queue ");
        assertThat(handover.get("earlierCases").get(0).get("id").asLong()).isEqualTo(earlier);
        assertThat(handover.get("customer").get("identities").size()).isGreaterThanOrEqualTo(1);
        assertThat(handover.get("summary").asText())
                .contains("wrote 2 messages via SMS, WhatsApp")
                .contains("The assistant tried 2 times (0 answered)")
                .contains("1 earlier case, latest #" + earlier).contains("Repeat contact");
        assertThat(handover.get("repeatContact").asBoolean()).isTrue();
        // The earlier case lists no earlier case: the one the customer opened after it is no earlier contact.
        assertThat(handover(earlier).get("earlierCases")).isEmpty();
        assertThat(handover(earlier).get("repeatContact").asBoolean()).isFalse();
    }

    @Test
    void afterASupervisorRaisesThePriorityTheHandoverSaysTheCurrentOneFirstAndMarksTheRulesPlacementAsAtHandover() {
        io.omnicase.support.QueueCases.QueueCase billing = io.omnicase.support.QueueCases.escalatedIn(port, "billing");
        assertThat(handover(billing.caseId()).get("summary").asText()).contains("Routing: queue billing, ")
                .doesNotContain("at handover");

        Api.Response raised = Api.as(port, "supervisor").postJson("/api/supervisor/cases/" + billing.caseId() + "/priority",
                Map.of("priority", "URGENT", "reason", "Customer threatens to leave"));
        assertThat(raised.status()).as(raised.toString()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(handover(billing.caseId()).get("summary").asText())
                .containsPattern("Routing: now queue billing, urgent priority; at handover \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\) "
                        + "queue billing, (low|normal|high) priority"));
    }

    @Test
    void theHandoverOfAnUnknownCaseIsNotFound() {
        Api.Response response = agent().get("/api/cases/987654321/handover");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    /** The second case is about an app, so it sits in the technical queue: read as the supervisor, who sees every queue. */
    private JsonNode handover(long caseId) {
        return Api.as(port, "supervisor").get("/api/cases/" + caseId + "/handover").json();
    }

    private long write(String channel, String from, String text) {
        return CustomerMessages.write(port, channel, from, text, null);
    }

    private void awaitStatus(long caseId, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Api.as(port, "supervisor").get("/api/cases/" + caseId).json().get("status").asText()).isEqualTo(status));
    }

    private Api agent() {
        return Api.as(port, "agent");
    }
}
