package io.omnicase.channels.chat;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.server.HandshakeInterceptor;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Bounds what anonymous chat sockets may hold: the endpoint is public (the widget lives on customers' sites), and each
 * open socket holds one of the server's connections, which the desk, the floor and the API share. One network address
 * holds at most {@code maxPerAddress} sockets and all visitors together {@code maxTotal}; more are refused at the
 * handshake (429; the widget tries again later). A socket that does not say hello within {@code helloWithin} is
 * closed, and so is one silent for longer than the container's idle timeout ({@code ChatConfiguration}). Before
 * 4 December, 8,250 idle sockets from one script took every connection, and the whole app stopped answering.
 */
final class ChatSocketLimits implements HandshakeInterceptor {

    private static final String ADDRESS = "chat.address";

    private final int maxPerAddress;
    private final int maxTotal;
    private final Duration helloWithin;
    private final Map<String, Integer> open = new HashMap<>();
    private int total;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chat-hello-timer");
        thread.setDaemon(true);
        return thread;
    });

    ChatSocketLimits(int maxPerAddress, int maxTotal, Duration helloWithin) {
        this.maxPerAddress = maxPerAddress;
        this.maxTotal = maxTotal;
        this.helloWithin = helloWithin;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        String address = addressOf(request);
        if (!take(address)) {
            response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
            response.getHeaders().set("Retry-After", "30");
            return false;
        }
        attributes.put(ADDRESS, address);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception failure) {
        if (failure != null) {
            // The socket never opened: nothing will close it, so its place is given back here. The address is not in
            // the attributes any more (they belong to the session that never was); read it from the request again.
            give(addressOf(request));
        }
    }

    private static String addressOf(ServerHttpRequest request) {
        return request.getRemoteAddress() == null || request.getRemoteAddress().getAddress() == null
                ? "unknown" : request.getRemoteAddress().getAddress().getHostAddress();
    }

    /** A socket opened: closed unless it has said hello (the visitor attribute is set) within the allowed time. */
    void opened(WebSocketSession session, String visitorAttribute) {
        timer.schedule(() -> {
            if (session.isOpen() && session.getAttributes().get(visitorAttribute) == null) {
                try {
                    session.close(CloseStatus.POLICY_VIOLATION.withReason("no hello"));
                } catch (IOException | RuntimeException gone) {
                    // closed meanwhile
                }
            }
        }, helloWithin.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A socket closed: its place is free again. */
    void closed(WebSocketSession session) {
        Object address = session.getAttributes().remove(ADDRESS);
        if (address != null) {
            give(address.toString());
        }
    }

    synchronized int open(String address) {
        return open.getOrDefault(address, 0);
    }

    private synchronized boolean take(String address) {
        int held = open.getOrDefault(address, 0);
        if (held >= maxPerAddress || total >= maxTotal) {
            return false;
        }
        open.put(address, held + 1);
        total++;
        return true;
    }

    private synchronized void give(String address) {
        Integer held = open.get(address);
        if (held == null) {
            return;
        }
        if (held <= 1) {
            open.remove(address);
        } else {
            open.put(address, held - 1);
        }
        total--;
    }
}
