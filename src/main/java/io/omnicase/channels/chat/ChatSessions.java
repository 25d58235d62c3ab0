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
import java.util.stream.Collectors;

/**
 * The open chat windows of each visitor on this app node (a visitor may have several tabs open), and the case each
 * visitor's conversation is on, so that what happens on a case (an agent typing, the case reaching a queue) finds
 * the windows to tell.
 */
@Component
class ChatSessions {

    private static final Logger log = LoggerFactory.getLogger(ChatSessions.class);

    private final Map<String, Set<WebSocketSession>> byVisitor = new ConcurrentHashMap<>();
    private final Map<String, Long> caseOfVisitor = new ConcurrentHashMap<>();

    void opened(String visitor, WebSocketSession session) {
        byVisitor.computeIfAbsent(visitor, v -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void closed(String visitor, WebSocketSession session) {
        byVisitor.computeIfPresent(visitor, (v, sessions) -> {
            sessions.remove(session);
            if (sessions.isEmpty()) {
                caseOfVisitor.remove(visitor);
                return null;
            }
            return sessions;
        });
    }

    /** The visitor's conversation is on this case (learnt from the welcome or an acknowledged message). */
    void onCase(String visitor, long caseId) {
        if (byVisitor.containsKey(visitor)) {
            caseOfVisitor.put(visitor, caseId);
        }
    }

    Long caseOf(String visitor) {
        return caseOfVisitor.get(visitor);
    }

    /** The visitors with a window open on this node whose conversation is on the case. */
    Set<String> visitorsOn(long caseId) {
        return caseOfVisitor.entrySet().stream().filter(e -> e.getValue() == caseId).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** Sends a frame to every open window of the visitor; answers how many got it. */
    int push(String visitor, String json) {
        int delivered = 0;
        for (WebSocketSession session : byVisitor.getOrDefault(visitor, Set.of())) {
            if (send(session, json)) {
                delivered++;
            }
        }
        return delivered;
    }

    /** Sends a frame to one window; false when it has gone. */
    boolean send(WebSocketSession session, String json) {
        try {
            // A session is not safe for concurrent sends: replies and acks may race.
            synchronized (session) {
                session.sendMessage(new TextMessage(wellFormed(json)));
            }
            return true;
        } catch (IOException | IllegalStateException e) {
            log.info("Chat window {} gone: {}", session.getId(), e.getMessage());
            return false;
        }
    }

    /**
     * The frame with every half of a surrogate pair replaced by U+FFFD: the socket's UTF-8 encoder refuses such text
     * ("Encoding error"), and the container then closed the window (probe 45). Stored texts are cleaned already; this
     * keeps any other text (a name, a notice) from ending a visitor's conversation.
     */
    static String wellFormed(String json) {
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(json.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(json.length()).append(json, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? json : out.toString();
    }
}
