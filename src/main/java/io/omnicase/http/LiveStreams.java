package io.omnicase.http;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The live streams (server-sent events) pages hold open, counted per user across the desk's and the floor's feeds.
 * Each stream costs the server a thread's worth of state and a check per event, so one user holds at most
 * {@code omnicase.live.max-streams-per-user}: opening one more ends that user's oldest stream. A real user never notices
 * (a page whose stream ends reconnects; nobody reads twenty tabs at once), and a script cannot multiply the server's work
 * by opening hundreds, nor lock its own user out with streams whose client went away unnoticed.
 */
@Component
public class LiveStreams {

    private final int maxPerUser;
    private final Map<String, Deque<SseEmitter>> open = new HashMap<>();

    LiveStreams(@Value("${omnicase.live.max-streams-per-user:16}") int maxPerUser) {
        if (maxPerUser < 1) {
            throw new IllegalArgumentException("omnicase.live.max-streams-per-user must be at least 1");
        }
        this.maxPerUser = maxPerUser;
    }

    /** A new stream for this user, with the stream's timeout; their oldest ends when they would hold too many. */
    public SseEmitter open(String user, long timeoutMs) {
        SseEmitter stream = new SseEmitter(timeoutMs);
        SseEmitter oldest = null;
        synchronized (open) {
            Deque<SseEmitter> streams = open.computeIfAbsent(user, u -> new ArrayDeque<>());
            streams.addLast(stream);
            if (streams.size() > maxPerUser) {
                oldest = streams.pollFirst();
            }
        }
        Runnable forget = () -> forget(user, stream);
        stream.onCompletion(forget);
        stream.onTimeout(forget);
        stream.onError(e -> forget.run());
        if (oldest != null) {
            end(oldest);
        }
        return stream;
    }

    /**
     * Ends every stream this user holds on this node: their account changed (roles, queues, password, disabled), and a
     * stream opened under the old state must not go on pushing what the new one may not read. A page whose stream
     * ends opens it again, and that request is judged as the account stands now.
     */
    public void endAll(String user) {
        java.util.List<SseEmitter> ending;
        synchronized (open) {
            Deque<SseEmitter> streams = open.remove(user);
            ending = streams == null ? java.util.List.of() : java.util.List.copyOf(streams);
        }
        ending.forEach(LiveStreams::end);
    }

    private static void end(SseEmitter stream) {
        try {
            stream.complete();
        } catch (IllegalStateException alreadyEnded) {
            // the container ended it first
        }
    }

    /** How many streams this user holds now. */
    public int count(String user) {
        synchronized (open) {
            Deque<SseEmitter> streams = open.get(user);
            return streams == null ? 0 : streams.size();
        }
    }

    private void forget(String user, SseEmitter stream) {
        synchronized (open) {
            Deque<SseEmitter> streams = open.get(user);
            if (streams != null && streams.remove(stream) && streams.isEmpty()) {
                open.remove(user);
            }
        }
    }
}
