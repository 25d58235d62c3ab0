package io.omnicase.channels.chat;

import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Anonymous chat sockets cannot take the server's connections: one address holds at most 20 (more are refused at the
 * handshake with 429), and a socket that never says hello is closed (probe, 4 December: 8,250 idle sockets from one
 * script left the desk, the floor and the API without a connection).
 */
@RunningOmnicase
class ChatSocketLimitsIT {

    @LocalServerPort
    int port;

    @Test
    void oneAddressHoldsAtMostTwentyChatSocketsAndAFreedPlaceCanBeTakenAgain() throws Exception {
        List<Idle> open = new ArrayList<>();
        try {
            Integer refusedWith = null;
            for (int i = 0; i < 25 && refusedWith == null; i++) {
                try {
                    open.add(Idle.connect(port));
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
                    refusedWith = ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
                }
            }
            assertThat(refusedWith).as("a socket beyond the address's share").isEqualTo(429);
            assertThat(open).hasSizeLessThanOrEqualTo(20);

            open.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> open.add(Idle.connect(port)));
        } finally {
            open.forEach(Idle::close);
        }
    }

    /**
     * A request that is no handshake (a plain GET, as an image tag on any page sends; a POST; a wrong version) is
     * answered as a problem and holds no place: 20 of them locked an address out of the chat until restart.
     */
    @Test
    void requestsThatAreNoHandshakeAreProblemsAndTakeNoPlace() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI socket = URI.create("http://127.0.0.1:" + port + "/chat/socket");
        for (int i = 0; i < 25; i++) {
            HttpResponse<String> plain = http.send(HttpRequest.newBuilder(socket).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).isEqualTo(400);
            assertThat(plain.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(plain.body()).contains("WebSocket handshake");
        }
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(socket).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET");
        assertThat(post.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        Idle idle = Idle.connect(port);
        idle.close();
    }

    @Test
    void aSocketThatNeverSaysHelloIsClosed() throws Exception {
        Idle idle = Idle.connect(port);
        try {
            Integer code = idle.closedWith.get(ChatSocketHandler.HELLO_WITHIN.toSeconds() + 10, TimeUnit.SECONDS);
            assertThat(code).isEqualTo(1008);
        } finally {
            idle.close();
        }
    }

    /** A socket that says nothing. */
    private record Idle(WebSocket socket, CompletableFuture<Integer> closedWith) {

        static Idle connect(int port) throws Exception {
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/chat/socket"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                            closed.complete(statusCode);
                            return null;
                        }
                    }).get(20, TimeUnit.SECONDS);
            return new Idle(socket, closed);
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
            socket.abort();
        }
    }
}
