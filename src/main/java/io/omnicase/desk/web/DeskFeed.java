package io.omnicase.desk.web;

import io.omnicase.assistant.Assistant;
import io.omnicase.assistant.AssistantAnswer;
import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.InteractionKind;
import io.omnicase.cases.InteractionRecorded;
import io.omnicase.customers.Channel;
import io.omnicase.desk.CustomerTyping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Live guidance for the agent desk: a server-sent event stream per case that pushes each new customer message
 * with the assistant's suggestion (answer and articles). Best effort: a desk that is not connected reloads the
 * timeline instead, so nothing here needs the reliable event registry. Only a user the case access policy lets read
 * the case may follow it, and each entry is sent only to followers who still may (a case can move to another queue).
 */
@RestController
class DeskFeed {

    private static final Logger log = LoggerFactory.getLogger(DeskFeed.class);
    private static final long STREAM_TIMEOUT_MS = 30 * 60 * 1000L;

    private final Map<Long, List<Follower>> streams = new ConcurrentHashMap<>();
    private final CaseAccess access;
    private final Assistant assistant;

    DeskFeed(CaseAccess access, Assistant assistant) {
        this.access = access;
        this.assistant = assistant;
    }

    @GetMapping(path = "/api/desk/cases/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter follow(@PathVariable long id, Principal user) throws IOException {
        access.checkRead(user.getName(), new CaseId(id));
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        Follower follower = new Follower(user.getName(), emitter);
        List<Follower> list = streams.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>());
        list.add(follower);
        emitter.onCompletion(() -> list.remove(follower));
        emitter.onTimeout(() -> list.remove(follower));
        emitter.onError(e -> list.remove(follower));
        emitter.send(SseEmitter.event().name("ready").data(Map.of("caseId", id)));
        return emitter;
    }

    @Async
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(InteractionRecorded recorded) {
        List<Follower> listeners = streams.get(recorded.caseId());
        if (listeners == null || listeners.isEmpty()) {
            return;
        }
        boolean fromCustomer = recorded.kind() == InteractionKind.INBOUND;
        LiveEntry entry = new LiveEntry(recorded.interactionId(), recorded.kind().name(), recorded.channel(),
                recorded.author(), recorded.text(), recorded.occurredAt(), fromCustomer ? suggest(recorded.text()) : null);
        for (Follower follower : listeners) {
            if (!access.canRead(follower.username(), new CaseId(recorded.caseId()))) {
                listeners.remove(follower);
                follower.emitter().complete();
                continue;
            }
            try {
                follower.emitter().send(SseEmitter.event().name("entry").data(entry, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                // The follower has gone: end the request too, or it stays open (and holds a graceful shutdown) until
                // its timeout.
                listeners.remove(follower);
                follower.emitter().completeWithError(e);
            }
        }
    }

    /** The customer is typing in the chat widget: shown live, to followers who may still read the case. */
    @EventListener
    void on(CustomerTyping typing) {
        List<Follower> listeners = streams.get(typing.caseId());
        if (listeners == null) {
            return;
        }
        for (Follower follower : listeners) {
            if (!access.canRead(follower.username(), new CaseId(typing.caseId()))) {
                continue;
            }
            try {
                follower.emitter().send(SseEmitter.event().name("typing").data(Map.of("who", "customer"),
                        MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                listeners.remove(follower);
                follower.emitter().completeWithError(e);
            }
        }
    }

    /**
     * Ends every stream when the application stops: an open stream is a request in progress, and a graceful shutdown
     * would wait for it until its timeout. The desk's EventSource reconnects by itself (to another node, or to this
     * one once it is back).
     */
    @EventListener(ContextClosedEvent.class)
    void endStreams() {
        streams.values().forEach(followers -> followers.forEach(follower -> follower.emitter().complete()));
    }

    /** Who follows a case's stream, so each entry is checked against their access when it is sent. */
    private record Follower(String username, SseEmitter emitter) {
    }

    private AssistantAnswer suggest(String text) {
        try {
            return assistant.ask(text, 0.0);
        } catch (RuntimeException e) {
            log.debug("No suggestion for the desk: {}", e.getMessage());
            return null;
        }
    }

    /** A new timeline entry as the desk shows it; {@code suggestion} only for customer messages. */
    record LiveEntry(long id, String kind, Channel channel, String author, String text, Instant at,
                     AssistantAnswer suggestion) {
    }
}
