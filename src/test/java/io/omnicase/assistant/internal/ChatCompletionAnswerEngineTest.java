package io.omnicase.assistant.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.omnicase.assistant.AnswerSource;
import io.omnicase.assistant.Grounding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAI-compatible engine against a local HTTP server standing in for the endpoint, speaking the documented
 * {@code /chat/completions} request and response shapes.
 */
class ChatCompletionAnswerEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Grounding> SOURCES = List.of(new Grounding(
            new AnswerSource("ARTICLE", "reset-password", "Reset your password", "ACCOUNT", 7.5),
            "To reset your password ...", "Choose Forgot password on the login page."));

    private HttpServer server;
    private final AtomicReference<JsonNode> received = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile String reply;
    private volatile boolean hang;

    @BeforeEach
    void startEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            received.set(JSON.readTree(exchange.getRequestBody()));
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            if (hang) {
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopEndpoint() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void sendsTheQuestionWithTheSourcesAndReturnsTheModelsAnswer() {
        reply = completion("Open the login page and choose Forgot password.");

        var answer = engine(Duration.ofSeconds(5)).answer("I forgot my password", "ACCOUNT", SOURCES);

        assertThat(answer).contains("Open the login page and choose Forgot password.");
        JsonNode request = received.get();
        assertThat(request.get("model").asText()).isEqualTo("test-model");
        assertThat(authorization.get()).isEqualTo("Bearer secret-key");
        String user = request.get("messages").get(1).get("content").asText();
        assertThat(user).contains("Choose Forgot password on the login page.").contains("Question: I forgot my password");
        assertThat(request.get("messages").get(0).get("content").asText()).contains("only the numbered sources");
    }

    @Test
    void anEndpointThatTimesOutGivesNoAnswer() {
        hang = true;
        reply = completion("too late");

        assertThat(engine(Duration.ofMillis(300)).answer("I forgot my password", "ACCOUNT", SOURCES)).isEmpty();
    }

    @Test
    void garbageErrorsMarkupAndRefusalsGiveNoAnswer() {
        for (String garbage : List.of("not json at all", "{\"choices\":[]}", completion(""), completion("NO_ANSWER"),
                completion("<script>alert(1)</script>"), completion("?!")))  {
            reply = garbage;
            assertThat(engine(Duration.ofSeconds(5)).answer("q", "ACCOUNT", SOURCES)).as(garbage).isEmpty();
        }
        status = 500;
        reply = completion("fine words, bad status");
        assertThat(engine(Duration.ofSeconds(5)).answer("q", "ACCOUNT", SOURCES)).isEmpty();
    }

    private ChatCompletionAnswerEngine engine(Duration timeout) {
        return new ChatCompletionAnswerEngine(RestClient.builder(), "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/", "test-model",
                "secret-key", timeout, JSON);
    }

    private static String completion(String content) {
        return JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
                .set("choices", JSON.createArrayNode().add(JSON.createObjectNode().put("index", 0)
                        .put("finish_reason", "stop")
                        .set("message", JSON.createObjectNode().put("role", "assistant").put("content", content))))
                .toString();
    }
}
