package io.omnicase.desk.web;

import io.swagger.v3.oas.annotations.Operation;
import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseId;
import io.omnicase.process.CaseTaskAssigned;
import io.omnicase.cases.CaseStatus;
import io.omnicase.cases.InteractionRecorded;
import io.omnicase.cases.MessageReceived;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import io.omnicase.http.LivePushes;
import io.omnicase.http.LiveStreams;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The desk's live queue list: one server-sent event stream per open desk that says {@code queue} {caseId, reason}
 * whenever something that changes a row of the queue list happens (a case opened, routed or moved, a task claimed, a
 * message in or out, a change of state); the desk then fetches its list again. Each notice goes only to users the case
 * access policy lets read the case, checked when it is sent. Best effort, like the case stream: a desk that was not
 * connected fetches its list when it reconnects.
 */
@RestController
class DeskQueueFeed {

    private static final long STREAM_TIMEOUT_MS = 30 * 60 * 1000L;

    private final List<Follower> followers = new CopyOnWriteArrayList<>();
    private final CaseAccess access;

    /** Pushes run after commit without a publication row each (see LivePushes). */
    private final LivePushes pushes;

    private final LiveStreams streamsPerUser;

    DeskQueueFeed(CaseAccess access, LivePushes pushes, LiveStreams streamsPerUser) {
        this.pushes = pushes;
        this.streamsPerUser = streamsPerUser;
        this.access = access;
    }

    @Operation(summary = "Live events of your queues (server-sent events)")
    @GetMapping(path = "/api/desk/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter follow(Principal user) throws IOException {
        SseEmitter emitter = streamsPerUser.open(user.getName(), STREAM_TIMEOUT_MS);
        Follower follower = new Follower(user.getName(), emitter);
        followers.add(follower);
        emitter.onCompletion(() -> followers.remove(follower));
        emitter.onTimeout(() -> followers.remove(follower));
        emitter.onError(e -> followers.remove(follower));
        emitter.send(SseEmitter.event().name("ready").data(Map.of(), MediaType.APPLICATION_JSON));
        return emitter;
    }

    @EventListener
    void on(InteractionRecorded recorded) {
        pushes.afterCommit(() -> push(recorded));
    }

    private void push(InteractionRecorded recorded) {
        String reason = switch (recorded.kind()) {
            case INBOUND, OUTBOUND -> "message";
            case DECISION, ROUTING -> "routed";
            case STATUS -> recorded.caseStatus() == CaseStatus.RESOLVED || recorded.caseStatus() == CaseStatus.CLOSED
                    ? "completed" : "state";
        };
        notify(recorded.caseId(), reason);
    }

    @EventListener
    void on(MessageReceived received) {
        pushes.afterCommit(() -> push(received));
    }

    private void push(MessageReceived received) {
        if (received.newCase()) {
            notify(received.caseId(), "created");
        }
    }

    @EventListener
    void on(CaseTaskAssigned claimed) {
        pushes.afterCommit(() -> push(claimed));
    }

    private void push(CaseTaskAssigned claimed) {
        notify(claimed.caseId(), "claimed");
    }

    private void notify(long caseId, String reason) {
        Notice notice = new Notice(caseId, reason);
        for (Follower follower : followers) {
            if (!access.canRead(follower.username(), new CaseId(caseId))) {
                continue;
            }
            try {
                follower.emitter().send(SseEmitter.event().name("queue").data(notice, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                followers.remove(follower);
                LivePushes.endAfterFailedSend(follower.emitter(), e);
            }
        }
    }

    /**
     * Ends every stream when the application stops: an open stream is a request in progress, and a graceful shutdown
     * would wait for it until its timeout. The desk's EventSource reconnects by itself.
     */
    @EventListener(ContextClosedEvent.class)
    void endStreams() {
        followers.forEach(follower -> follower.emitter().complete());
    }

    /** Something changed a queue-list row of this case. */
    record Notice(long caseId, String reason) {
    }

    private record Follower(String username, SseEmitter emitter) {
    }
}
