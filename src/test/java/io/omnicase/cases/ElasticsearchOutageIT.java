package io.omnicase.cases;

import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import io.omnicase.support.TestServers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Elasticsearch down, messages are still accepted and stored, search answers 503 with a Retry-After, and the
 * index catches up when it returns.
 */
@RunningOmnicase
class ElasticsearchOutageIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void messagesAcceptedDuringAnOutageAreIndexedAfterIt() throws Exception {
        String word = "outage" + UUID.randomUUID().toString().substring(0, 8);
        TestServers.stopElasticsearch();
        List<Long> messageIds = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Api.Response accepted = Api.as(port, "gateway").postJson("/api/messages", CaseSpineIT.message("EMAIL",
                        CaseSpineIT.unique("out") + "@example.com", "Message " + i + " about " + word, null));
                assertThat(accepted.status()).isEqualTo(202);
                messageIds.add(accepted.json().get("messageId").asLong());
            }
            HttpResponse<String> search = searchAsAgent(word);
            assertThat(search.statusCode()).isEqualTo(503);
            assertThat(search.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            // The client is told when to try again, in seconds.
            assertThat(search.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                    assertThat(Long.parseLong(seconds)).isPositive());
            assertThat(search.body()).contains("\"status\":503").doesNotContain("Exception");
            // The assistant retrieves from the same node: asked now, it says so the same way (it answered 500).
            HttpResponse<String> asked = askAsAgent("How do I reset my password?");
            assertThat(asked.statusCode()).isEqualTo(503);
            assertThat(asked.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            assertThat(asked.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                    assertThat(Long.parseLong(seconds)).isPositive());
            assertThat(asked.body()).contains("\"status\":503").doesNotContain("Exception").doesNotContain("127.0.0.1");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM interactions WHERE body LIKE ?").param("%" + word)
                    .query(Integer.class).single()).isEqualTo(5);
        } finally {
            TestServers.startElasticsearch();
        }

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            Api.Response found = Api.as(port, "agent").get("/api/search?q=" + word);
            assertThat(found.status()).isEqualTo(200);
            assertThat(found.json().get("hits").findValues("interactionId")).extracting(n -> n.asLong())
                    .containsExactlyInAnyOrderElementsOf(messageIds);
        });
    }

    @Test
    void aHungNodeHoldsUpNeitherIntakeNorSearchAndTheIndexCatchesUpAfterIt() throws Exception {
        String word = "hung" + UUID.randomUUID().toString().substring(0, 8);
        TestServers.suspendElasticsearch();
        List<Long> messageIds = new ArrayList<>();
        try {
            // More messages than the event pool has threads: listeners stuck on the node would starve intake.
            for (int i = 0; i < 12; i++) {
                Api.Response accepted = Api.as(port, "gateway").postJson("/api/messages", CaseSpineIT.message("EMAIL",
                        CaseSpineIT.unique("hung") + "@example.com", "Question " + i + " about " + word, null));
                assertThat(accepted.status()).isEqualTo(202);
                messageIds.add(accepted.json().get("messageId").asLong());
            }
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> search = searchAsAgent(word);
                assertThat(search.statusCode()).isEqualTo(503);
                assertThat(search.headers().firstValue("Retry-After")).isPresent();
            }
        } finally {
            TestServers.resumeElasticsearch();
        }

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            Api.Response found = Api.as(port, "agent").get("/api/search?q=" + word + "&size=50");
            assertThat(found.status()).isEqualTo(200);
            assertThat(found.json().get("hits").findValues("interactionId")).extracting(n -> n.asLong())
                    .containsExactlyInAnyOrderElementsOf(messageIds);
        });
    }

    private HttpResponse<String> askAsAgent(String question) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/assistant/ask"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("agent:demo".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"" + question + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> searchAsAgent(String word) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/search?q=" + word))
                // Answered, not hung: a hung node must not hold the search for long.
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("agent:demo".getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }
}
