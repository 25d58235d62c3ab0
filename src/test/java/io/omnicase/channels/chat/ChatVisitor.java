package io.omnicase.channels.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.support.Api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * A chat visitor on a real WebSocket to /chat/socket, speaking the widget's frames; keeps every frame it received.
 * It says hello with a visitor token (or none) and is whoever the server's welcome says.
 */
final class ChatVisitor implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The visitor id the server gave (a new one, or the one the token named). */
    final String id;
    private final JsonNode welcome;
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final WebSocket socket;

    private ChatVisitor(int port, String token) {
        StringBuilder partial = new StringBuilder();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        frames.add(JSON.readTree(partial.toString()));
                    } catch (IOException e) {
                        throw new IllegalStateException("server sent a frame that is not JSON: " + partial, e);
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/chat/socket"), listener)
                    .get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("chat socket did not open", e);
        }
        Map<String, String> hello = new java.util.HashMap<>(Map.of("type", "hello"));
        if (token != null) {
            hello.put("token", token);
        }
        send(hello);
        welcome = awaitFrame(f -> "welcome".equals(f.path("type").asText()));
        id = welcome.get("visitor").asText();
    }

    /** A new visitor: hello without a token. */
    /** The delivery state (SENT, DELIVERED, READ) of the agent's reply with this text, as the case timeline shows it. */
    static String replyDelivery(int port, long caseId, String text) {
        JsonNode timeline = Api.as(port, "supervisor").get("/api/cases/" + caseId + "/timeline").json();
        for (JsonNode e : timeline) {
            if ("OUTBOUND".equals(e.get("kind").asText()) && text.equals(e.get("text").asText())) {
                return e.path("detail").path("delivery").asText();
            }
        }
        return null;
    }

    static ChatVisitor connect(int port) {
        return new ChatVisitor(port, null);
    }

    /** A visitor coming back with the token an earlier welcome gave (or any text posing as one). */
    static ChatVisitor connect(int port, String token) {
        return new ChatVisitor(port, token);
    }

    /** The server's welcome: the visitor, a renewed token, the conversation's history. */
    JsonNode welcome() {
        return welcome;
    }

    String token() {
        return welcome.get("token").asText();
    }

    void send(Map<String, ?> frame) {
        try {
            sendRaw(JSON.writeValueAsString(frame));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("frame not written", e);
        }
    }

    /** Sends this text as the frame, as written (JSON escapes such as a lone "\\ud800" included). */
    void sendRaw(String frame) {
        try {
            socket.sendText(frame, true).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("frame not sent", e);
        }
    }

    /** Writes a chat message and answers the case id of its acknowledgement. */
    long write(String text) {
        String messageId = UUID.randomUUID().toString();
        send(Map.of("type", "message", "id", messageId, "text", text));
        return awaitFrame(f -> "ack".equals(f.path("type").asText()) && messageId.equals(f.path("id").asText()))
                .get("caseId").asLong();
    }

    /** Asks for a code for the address and answers the server's verification frame. */
    JsonNode requestCode(String email) {
        return verificationAfter(() -> send(Map.of("type", "verify-email", "email", email)));
    }

    /** Gives an address the old widget's way ("identify"): a hint for agents, nothing more. */
    JsonNode hint(String email) {
        return verificationAfter(() -> send(Map.of("type", "identify", "email", email)));
    }

    JsonNode enterCode(String code) {
        return verificationAfter(() -> send(Map.of("type", "verify-code", "code", code)));
    }

    private JsonNode verificationAfter(Runnable action) {
        int before = frames.size();
        action.run();
        await().atMost(Duration.ofSeconds(20)).until(() -> frames.size() > before
                && frames.subList(before, frames.size()).stream().anyMatch(f -> "verification".equals(f.path("type").asText())));
        return frames.subList(before, frames.size()).stream()
                .filter(f -> "verification".equals(f.path("type").asText())).findFirst().orElseThrow();
    }

    JsonNode awaitFrame(Predicate<JsonNode> match) {
        await().atMost(Duration.ofSeconds(30)).until(() -> frames.stream().anyMatch(match));
        return frames.stream().filter(match).findFirst().orElseThrow();
    }

    List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

}
