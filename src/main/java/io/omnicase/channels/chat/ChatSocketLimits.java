package io.omnicase.channels.chat;

import io.omnicase.http.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
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
    private static final CloseStatus TRY_AGAIN_LATER = new CloseStatus(1013, "too many chat sockets; try again later");

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

    /**
     * Refuses the handshake when the address or the chat is full. Nothing is taken here: a request that is no handshake
     * at all (a plain GET, a POST, a wrong version) is refused by Spring after this, without a session, and a place
     * taken for it was never given back (probe of 4 December: 20 plain GETs locked an address out until restart).
     */
    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        String address = addressOf(request);
        String notAHandshake = notAHandshake(request);
        if (notAHandshake != null) {
            HttpStatus status = request.getMethod() != HttpMethod.GET ? HttpStatus.METHOD_NOT_ALLOWED
                    : notAHandshake.startsWith("Sec-WebSocket-Version") ? HttpStatus.UPGRADE_REQUIRED : HttpStatus.BAD_REQUEST;
            if (status == HttpStatus.METHOD_NOT_ALLOWED) {
                response.getHeaders().setAllow(java.util.Set.of(HttpMethod.GET));
            } else if (status == HttpStatus.UPGRADE_REQUIRED) {
                response.getHeaders().set("Sec-WebSocket-Version", "13");
            }
            return refuse(request, response, status, notAHandshake);
        }
        if (!hasRoom(address)) {
            response.getHeaders().set("Retry-After", "30");
            return refuse(request, response, HttpStatus.TOO_MANY_REQUESTS,
                    "Too many chat windows are open from your address, or in all; try again in a moment");
        }
        attributes.put(ADDRESS, address);
        return true;
    }

    /** Why the request is no WebSocket handshake the chat takes, or null when it is one. */
    private static String notAHandshake(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        if (request.getMethod() != HttpMethod.GET) {
            return "The chat socket is opened with a WebSocket handshake (GET), not " + request.getMethod();
        }
        if (!"websocket".equalsIgnoreCase(headers.getFirst(HttpHeaders.UPGRADE))
                || headers.getConnection().stream().noneMatch("upgrade"::equalsIgnoreCase)) {
            return "This is the chat's WebSocket endpoint: open it with a WebSocket handshake (Upgrade: websocket)";
        }
        if (!"13".equals(headers.getFirst("Sec-WebSocket-Version"))) {
            return "Sec-WebSocket-Version 13 is the version the chat speaks";
        }
        String key = headers.getFirst("Sec-WebSocket-Key");
        if (key == null || key.isBlank()) {
            return "A WebSocket handshake needs a Sec-WebSocket-Key";
        }
        return null;
    }

    /** Answers the refused handshake with a problem description, as every endpoint does. */
    private static boolean refuse(ServerHttpRequest request, ServerHttpResponse response, HttpStatus status, String detail) {
        if (response instanceof ServletServerHttpResponse servlet) {
            try {
                response.getHeaders().forEach((name, values) -> values.forEach(v -> servlet.getServletResponse().addHeader(name, v)));
                response.getHeaders().clear();
                Problems.write(servlet.getServletResponse(), status, detail, request.getURI().getPath());
                return false;
            } catch (IOException e) {
                // the client has gone; the status below is all it would have got
            }
        }
        response.setStatusCode(status);
        return false;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception failure) {
        // Places are held by open sessions only (see opened and closed).
    }

    private static String addressOf(ServerHttpRequest request) {
        return request.getRemoteAddress() == null || request.getRemoteAddress().getAddress() == null
                ? "unknown" : request.getRemoteAddress().getAddress().getHostAddress();
    }

    /**
     * A socket opened: it holds a place of its address until it closes, and is closed unless it has said hello (the
     * visitor attribute is set) within the allowed time. One that finds the address or the chat full after all (sockets
     * opened between the check at the handshake and now) is closed at once, "try again later".
     */
    void opened(WebSocketSession session, String visitorAttribute) {
        Object address = session.getAttributes().get(ADDRESS);
        if (address == null || !take(address.toString())) {
            session.getAttributes().remove(ADDRESS);
            try {
                session.close(TRY_AGAIN_LATER);
            } catch (IOException | RuntimeException gone) {
                // closed meanwhile
            }
            return;
        }
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

    /** A socket closed: the place it held is free again (once; a socket that held none gives none back). */
    void closed(WebSocketSession session) {
        Object address = session.getAttributes().remove(ADDRESS);
        if (address != null) {
            give(address.toString());
        }
    }

    synchronized int open(String address) {
        return open.getOrDefault(address, 0);
    }

    private synchronized boolean hasRoom(String address) {
        return open.getOrDefault(address, 0) < maxPerAddress && total < maxTotal;
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
