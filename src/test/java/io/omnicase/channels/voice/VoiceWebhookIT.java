package io.omnicase.channels.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.channels.Webhook;
import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** A call's events reach the caller's case as they happen: start, transcript segments in order, end with recording. */
@RunningOmnicase
class VoiceWebhookIT {

    private static final String SECRET = "demo-voice-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    io.omnicase.cases.CaseManagement cases;

    @Test
    void transcriptSegmentsAppearOnTheCallersCaseAsTheyArrive() throws Exception {
        String phone = "+4917" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
        String call = "CA" + UUID.randomUUID().toString().replace("-", "");

        long caseId = post(event("call.started", call, phone, Map.of()), now()).json().get("caseId").asLong();
        post(event("transcript.segment", call, phone, Map.of("segment", Map.of("sequence", 1, "speaker", "customer",
                "text", "Hi, my internet is down since this morning"))), now());
        assertThat(texts(caseId)).containsExactly("Call started", "Customer: Hi, my internet is down since this morning");

        post(event("transcript.segment", call, phone, Map.of("segment", Map.of("sequence", 2, "speaker", "agent",
                "text", "Let me check your line"))), now());
        Api.Response again = post(event("transcript.segment", call, phone, Map.of("segment", Map.of("sequence", 2,
                "speaker", "agent", "text", "Let me check your line"))), now());
        post(event("call.ended", call, phone, Map.of("durationSeconds", 125,
                "recordingUrl", "https://recordings.example.com/" + call + ".mp3")), now());

        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(texts(caseId)).containsExactly("Call started", "Customer: Hi, my internet is down since this morning",
                "Agent: Let me check your line",
                "Call ended after 2:05; recording: https://recordings.example.com/" + call + ".mp3");
    }

    @Test
    void aWrittenReplyToACallerSaysUnderItThatItDidNotLeave() throws Exception {
        // A call takes no written reply: the desk must not call it sent (walk 42: only the log knew).
        String phone = "+4917" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
        String call = "CA" + UUID.randomUUID().toString().replace("-", "");
        long caseId = post(event("call.started", call, phone, Map.of()), now()).json().get("caseId").asLong();
        Api supervisor = Api.as(port, "supervisor");
        Api.Response replied = supervisor.postJson("/api/cases/" + caseId + "/replies", Map.of("text", "We called you back"));
        assertThat(replied.status()).as(replied.toString()).isEqualTo(201);
        long replyId = replied.json().get("interactionId").asLong();

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode reply = null;
            for (JsonNode e : supervisor.get("/api/cases/" + caseId + "/timeline").json()) {
                if (e.get("id").asLong() == replyId) {
                    reply = e;
                }
            }
            assertThat(reply).isNotNull();
            assertThat(reply.path("detail").path("delivery").asText()).isEqualTo("FAILED");
            assertThat(reply.path("detail").path("deliveryError").asText()).contains("voice conversation takes no written reply");
        });
        // A reply that did not leave answers nobody: the caller still waits on the desk and the floor.
        assertThat(cases.overviews(List.of(caseId)).get(0).waitingSince()).isNotNull();
    }

    @Test
    void missingForgedAndStaleSignaturesAreRefusedAndStoreNothing() throws Exception {
        String phone = "+4917" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
        String call = "CA" + UUID.randomUUID().toString().replace("-", "");
        byte[] body = JSON.writeValueAsBytes(event("call.started", call, phone, Map.of()));

        Api.Response missing = send(body, null);
        Api.Response forged = send(body, CallEventSignature.sign("guessed", now(), body));
        Api.Response stale = send(body, CallEventSignature.sign(SECRET, now() - 3600, body));
        Api.Response invalid = post(event("call.ended", call, phone, Map.of("recordingUrl", "javascript:alert(1)")), now());
        Api.Response endless = post(event("call.ended", call, phone, Map.of("durationSeconds", 72_945_091_234L)), now());
        assertThat(endless.status()).isEqualTo(400);
        assertThat(endless.body()).contains("durationSeconds");

        assertThat(missing.status()).isEqualTo(401);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(stale.status()).isEqualTo(403);
        assertThat(stale.body()).contains("replay");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(List.of(missing, forged, stale, invalid)).allSatisfy(r -> assertThat(r.contentType()).startsWith("application/problem+json"));
        Api.Response genuine = send(body, CallEventSignature.sign(SECRET, now(), body));
        assertThat(genuine.json().get("duplicate").asBoolean()).as("nothing was stored before").isFalse();
    }

    @Test
    void aCallEventAtATimeNoCallCanHaveHadIsRefusedNamingTheTimestamp() throws Exception {
        String phone = "+4917" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
        String call = "CA" + UUID.randomUUID().toString().replace("-", "");
        for (String timestamp : List.of("1969-12-31T23:59:59Z", "2039-01-19T03:14:08Z", "+100000-01-01T00:00:00Z")) {
            Api.Response response = post(event("call.started", call, phone, Map.of("timestamp", timestamp)), now());

            assertThat(response.status()).as(timestamp + " " + response).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("errors").findValuesAsText("field")).containsExactly("timestamp");
        }
        Api.Response genuine = post(event("call.started", call, phone, Map.of()), now());
        assertThat(genuine.json().get("duplicate").asBoolean()).as("nothing was stored before").isFalse();
    }

    private List<String> texts(long caseId) {
        List<String> texts = new ArrayList<>();
        Api.as(port, "supervisor").get("/api/cases/" + caseId + "/timeline").json().forEach(e -> {
            if ("INBOUND".equals(e.get("kind").asText()) && "VOICE".equals(e.get("channel").asText())) {
                texts.add(e.get("text").asText());
            }
        });
        return texts;
    }

    private static Map<String, Object> event(String type, String call, String phone, Map<String, Object> more) {
        Map<String, Object> event = new java.util.LinkedHashMap<>(Map.of("event", type, "callId", call, "from", phone,
                "to", "+4930123456", "timestamp", Instant.now().toString()));
        event.putAll(more);
        return event;
    }

    private Api.Response post(Map<String, Object> event, long timestamp) throws IOException {
        byte[] body = JSON.writeValueAsBytes(event);
        return send(body, CallEventSignature.sign(SECRET, timestamp, body));
    }

    private Api.Response send(byte[] body, String signature) {
        return Webhook.postJson(port, "/api/webhooks/voice", body, "X-Omnicase-Signature", signature);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
