package io.omnicase.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.omnicase.cases.CaseSpineIT.message;
import static io.omnicase.cases.CaseSpineIT.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each customer message carries its sentiment on the timeline; the case keeps the rolling mood and its trend; routing
 * re-decides on each message and escalates at once when the mood turns sharply negative in self-service.
 */
@RunningOmnicase
class CaseSentimentIT {

    @LocalServerPort
    int port;

    @Test
    void aCustomerWhoseMoodTurnsSharplyNegativeInSelfServiceIsEscalatedAtOnceAndTheTimelineShowsWhy() {
        // By SMS: a mail the assistant is unsure of goes to a person at once, before the mood could turn in self-service.
        String phone = "+49151" + String.format("%08d", Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 100_000_000L));
        long caseId = send("SMS", phone, "Hi! How do I change my delivery address? Thanks so much, you are great and always so helpful!");
        long again = send("SMS", phone, "This is useless. I am ANGRY, nothing works and nobody helps!!!");

        assertThat(again).isEqualTo(caseId);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                agent().getOnceRouted("/api/cases/" + caseId).json().get("status").asText().equals("ESCALATED"));
        JsonNode view = agent().getOnceRouted("/api/cases/" + caseId).json();
        assertThat(view.get("priority").asInt()).isEqualTo(90);
        assertThat(view.get("sentiment").get("trend").asText()).isEqualTo("WORSENING");
        assertThat(view.get("sentiment").get("messages").asInt()).isEqualTo(2);
        assertThat(view.get("sentiment").get("value").asDouble()).isLessThan(0.5);
        List<String> labels = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (JsonNode entry : agent().getOnceRouted("/api/cases/" + caseId + "/timeline").json()) {
            if (entry.get("kind").asText().equals("INBOUND")) {
                labels.add(entry.get("sentiment").get("label").asText());
                assertThat(entry.get("sentiment").get("score").asDouble()).isBetween(-1.0, 1.0);
            } else {
                if (entry.get("kind").asText().equals("DECISION")) {
                    reasons.add(entry.get("text").asText());
                    assertThat(entry.get("detail").get("ruleSetVersion").asText()).matches("v\\d+");
                }
                assertThat(entry.path("sentiment").isMissingNode() || entry.path("sentiment").isNull()).isTrue();
            }
        }
        assertThat(labels).containsExactly("POSITIVE", "NEGATIVE");
        assertThat(reasons).hasSize(2);
        assertThat(reasons.get(1)).contains("A customer whose mood turns sharply negative in self-service is escalated at once");
    }

    @Test
    void theTimelineSaysHowEachMessagesSentimentWasRead() {
        String address = unique("lena") + "@example.com";
        long caseId = send(address, "Thank you so much for cancelling my flight without telling me.");
        long again = send(address, "Ich warte seit drei Wochen auf meine Rückerstattung, das ist eine Frechheit.");

        assertThat(again).isEqualTo(caseId);
        List<JsonNode> inbound = new ArrayList<>();
        for (JsonNode entry : agent().getOnceRouted("/api/cases/" + caseId + "/timeline").json()) {
            if (entry.get("kind").asText().equals("INBOUND")) {
                inbound.add(entry.get("sentiment"));
            }
        }
        assertThat(inbound).hasSize(2);
        // Sarcasm reads as negative; the model read it, in English.
        assertThat(inbound.get(0).get("label").asText()).isEqualTo("NEGATIVE");
        assertThat(inbound.get(0).get("uncertain").asBoolean()).isFalse();
        assertThat(inbound.get(0).get("fallback").asBoolean()).isFalse();
        assertThat(inbound.get(0).get("language").asText()).isEqualTo("en");
        // German is not read with the English lexicon: the score is marked uncertain.
        assertThat(inbound.get(1).get("uncertain").asBoolean()).isTrue();
        assertThat(inbound.get(1).get("language").asText()).isEqualTo("de");
        assertThat(inbound.get(1).get("score").asDouble()).isBetween(-1.0, 1.0);
    }

    private long send(String address, String text) {
        return send("EMAIL", address, text);
    }

    private long send(String channel, String address, String text) {
        Api.Response accepted = Api.as(port, "gateway").postJson("/api/messages", message(channel, address, text, null));
        assertThat(accepted.status()).isEqualTo(202);
        long caseId = accepted.json().get("caseId").asLong();
        // Wait until the process has taken its decision, so the next message meets a case in self-service.
        // Until routing placed the case, an agent of general does not reach it (403).
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                !agent().getOnceRouted("/api/cases/" + caseId).json().get("status").asText().equals("NEW"));
        return caseId;
    }

    private Api agent() {
        return Api.as(port, "agent");
    }
}
