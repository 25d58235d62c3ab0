package io.omnicase.channels.chat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open chat windows of each visitor on this app node (a visitor may have several tabs open). */
@Component
class ChatSessions {

    private static final Logger log = LoggerFactory.getLogger(ChatSessions.class);

    private final Map<String, Set<WebSocketSession>> byVisitor = new ConcurrentHashMap<>();

    void opened(String visitor, WebSocketSession session) {
        byVisitor.computeIfAbsent(visitor, v -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void closed(String visitor, WebSocketSession session) {
        byVisitor.computeIfPresent(visitor, (v, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    /** Sends a frame to every open window of the visitor; answers how many got it. */
    int push(String visitor, String json) {
        int delivered = 0;
        for (WebSocketSession session : byVisitor.getOrDefault(visitor, Set.of())) {
            try {
                // A session is not safe for concurrent sends: replies and acks may race.
                synchronized (session) {
                    session.sendMessage(new TextMessage(json));
                }
                delivered++;
            } catch (IOException | IllegalStateException e) {
                log.info("Chat window of visitor {} gone: {}", visitor, e.getMessage());
            }
        }
        return delivered;
    }
}
