package io.omnicase.supervision.web;

import io.swagger.v3.oas.annotations.Operation;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.InteractionKind;
import io.omnicase.cases.InteractionRecorded;
import io.omnicase.cases.MessageReceived;
import io.omnicase.process.CaseTaskAssigned;
import io.omnicase.process.CaseTaskCreated;
import io.omnicase.supervision.Floor;
import io.omnicase.supervision.FloorAlertRaised;
import io.omnicase.supervision.SupervisorFloor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import io.omnicase.http.LivePushes;
import io.omnicase.http.LiveStreams;
import org.springframework.http.MediaType;
import org.springframework.security.web.session.HttpSessionDestroyedEvent;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live floor's event stream: on connecting, a watcher gets the floor ({@code snapshot}); then, for the queues they
 * see, each conversation row that changed ({@code conversation}) or left ({@code removed}), the queues' and agents'
 * figures after a change ({@code figures}), each customer message for the charts ({@code message}) and each alert
 * ({@code alert}).
 *
 * <p>Events are gathered and handled every {@link #FLUSH_MS} ms on one thread: a burst of events about a case (a
 * message, its routing, its state) reads the case once, for all watchers; each watcher's part is cut from that in
 * memory, so no watcher costs a query per event. Every {@link #RECONCILE_MS} ms the whole floor is read again, to catch
 * what no event tells (a task created after its event, an SLA coming close). Streams end when the application stops
 * and when their session ends (sign-out); the page's EventSource reconnects and gets a fresh snapshot.
 */
@RestController
class FloorFeed {

    private static final Logger log = LoggerFactory.getLogger(FloorFeed.class);
    static final long STREAM_TIMEOUT_MS = 30 * 60 * 1000L;
    static final long FLUSH_MS = 250;
    static final long RECONCILE_MS = 20_000;

    private final SupervisorFloor floor;
    private final CaseManagement cases;
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private final Set<Long> dirty = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Message> messages = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<FloorAlertRaised> alerts = new ConcurrentLinkedQueue<>();
    private final Object turn = new Object();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "supervisor-floor");
        thread.setDaemon(true);
        return thread;
    });

    /** Pushes run after commit without a publication row each (see LivePushes). */
    private final LivePushes pushes;

    private final LiveStreams streamsPerUser;

    FloorFeed(SupervisorFloor floor, CaseManagement cases, LivePushes pushes, LiveStreams streamsPerUser) {
        this.pushes = pushes;
        this.streamsPerUser = streamsPerUser;
        this.floor = floor;
        this.cases = cases;
        ticker.scheduleWithFixedDelay(() -> guarded(this::flush), FLUSH_MS, FLUSH_MS, TimeUnit.MILLISECONDS);
        ticker.scheduleWithFixedDelay(() -> guarded(this::reconcile), RECONCILE_MS, RECONCILE_MS, TimeUnit.MILLISECONDS);
    }

    /** Tells the application when a session ends (sign-out, expiry), so its streams end with it. */
    @Bean
    static HttpSessionEventPublisher floorSessionEvents() {
        return new HttpSessionEventPublisher();
    }

    @Operation(summary = "Live events of the floor (server-sent events)")
    @GetMapping(path = "/api/supervisor/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter follow(Principal user, HttpServletRequest request) throws IOException {
        Set<String> queues = floor.queuesOf(user.getName());
        HttpSession session = request.getSession(false);
        SseEmitter emitter = streamsPerUser.open(user.getName(), STREAM_TIMEOUT_MS);
        Watcher watcher = new Watcher(user.getName(), session == null ? null : session.getId(), queues, emitter);
        emitter.onCompletion(() -> watchers.remove(watcher));
        emitter.onTimeout(() -> watchers.remove(watcher));
        emitter.onError(e -> watchers.remove(watcher));
        synchronized (turn) {
            // Under the turn, so no flush falls between the snapshot and the first event after it. With nobody
            // watching, events are not followed: rows still counted live until the next reconcile may be stale
            // (walk 50: "waiting 13 min" on a case answered seconds before), so the first watcher reads afresh, as
            // after a forget (a holder's release in the gap is no release "now": walk 47).
            if (!floor.live() || watchers.isEmpty()) {
                floor.forget();
                floor.load();
            }
            Floor snapshot = floor.view(queues);
            watchers.add(watcher);
            emitter.send(SseEmitter.event().name("snapshot").data(snapshot, MediaType.APPLICATION_JSON));
        }
        return emitter;
    }

    @EventListener
    void on(InteractionRecorded recorded) {
        pushes.afterCommit(() -> push(recorded));
    }

    private void push(InteractionRecorded recorded) {
        if (recorded.kind() != InteractionKind.INBOUND) {
            floor.wrote(recorded.author(), recorded.occurredAt());
        }
        if (watchers.isEmpty()) {
            return;
        }
        dirty.add(recorded.caseId());
        if (recorded.kind() == InteractionKind.INBOUND) {
            Double score = cases.sentimentOf(recorded.interactionId()).map(s -> s.score()).orElse(null);
            String queue = floor.queueOf(recorded.caseId()).orElseGet(() -> cases.find(new CaseId(recorded.caseId()))
                    .map(view -> view.queue() == null ? "general" : view.queue().toLowerCase(java.util.Locale.ROOT))
                    .orElse("general"));
            messages.add(new Message(recorded.caseId(), queue,
                    recorded.channel() == null ? null : recorded.channel().name(), recorded.occurredAt(), score));
        }
    }

    @EventListener
    void on(MessageReceived received) {
        pushes.afterCommit(() -> push(received));
    }

    private void push(MessageReceived received) {
        if (!watchers.isEmpty()) {
            dirty.add(received.caseId());
        }
    }

    @EventListener
    void on(CaseTaskAssigned assigned) {
        pushes.afterCommit(() -> push(assigned));
    }

    private void push(CaseTaskAssigned assigned) {
        if (!watchers.isEmpty()) {
            dirty.add(assigned.caseId());
        }
    }

    @EventListener
    void on(CaseTaskCreated created) {
        pushes.afterCommit(() -> push(created));
    }

    private void push(CaseTaskCreated created) {
        if (!watchers.isEmpty()) {
            dirty.add(created.caseId());
        }
    }

    @EventListener
    void on(FloorAlertRaised raised) {
        pushes.afterCommit(() -> push(raised));
    }

    private void push(FloorAlertRaised raised) {
        if (!watchers.isEmpty()) {
            alerts.add(raised);
        }
    }

    /** Handles what gathered since the last turn: reads each named case once, then tells each watcher their part. */
    void flush() {
        if (dirty.isEmpty() && messages.isEmpty() && alerts.isEmpty()) {
            return;
        }
        synchronized (turn) {
            List<Long> caseIds = new ArrayList<>(dirty);
            dirty.removeAll(caseIds);
            List<Message> newMessages = drain(messages);
            List<FloorAlertRaised> newAlerts = drain(alerts);
            if (watchers.isEmpty()) {
                floor.forget();
                return;
            }
            List<SupervisorFloor.Change> changes = caseIds.isEmpty() ? List.of() : floor.refresh(caseIds);
            tell(changes, newMessages, newAlerts, !changes.isEmpty());
        }
    }

    /** Reads the whole floor again and tells what changed; the figures go out anyway (SLAs come closer with time). */
    void reconcile() {
        synchronized (turn) {
            if (watchers.isEmpty()) {
                floor.forget();
                return;
            }
            tell(floor.load(), List.of(), List.of(), true);
        }
    }

    private void tell(List<SupervisorFloor.Change> changes, List<Message> newMessages, List<FloorAlertRaised> newAlerts,
                      boolean figures) {
        Map<Optional<Set<String>>, SupervisorFloor.Figures> figuresOf = new HashMap<>();
        for (Watcher watcher : watchers) {
            try {
                boolean changed = false;
                for (SupervisorFloor.Change change : changes) {
                    if (SupervisorFloor.shows(watcher.queues(), change.after())) {
                        watcher.send("conversation", change.after());
                        changed = true;
                    } else if (SupervisorFloor.shows(watcher.queues(), change.before())) {
                        watcher.send("removed", Map.of("caseId", change.caseId()));
                        changed = true;
                    }
                }
                for (Message message : newMessages) {
                    if (watcher.queues() == null || watcher.queues().contains(message.queue())) {
                        watcher.send("message", message);
                    }
                }
                for (FloorAlertRaised raised : newAlerts) {
                    if (watcher.queues() == null || raised.queues().isEmpty()
                            || raised.queues().stream().anyMatch(watcher.queues()::contains)) {
                        watcher.send("alert", raised.alert());
                    }
                }
                if (changed || figures) {
                    watcher.send("figures", figuresOf.computeIfAbsent(Optional.ofNullable(watcher.queues()),
                            key -> floor.figures(key.orElse(null))));
                }
            } catch (IOException | IllegalStateException e) {
                // The watcher has gone: end the request too, or it stays open (and holds a graceful shutdown).
                watchers.remove(watcher);
                LivePushes.endAfterFailedSend(watcher.emitter(), e);
            }
        }
    }

    /** A session ended (signed out, expired): its streams end too, and do not keep showing the floor. */
    @EventListener
    void on(HttpSessionDestroyedEvent destroyed) {
        for (Watcher watcher : watchers) {
            if (Objects.equals(watcher.sessionId(), destroyed.getId())) {
                watchers.remove(watcher);
                watcher.emitter().complete();
            }
        }
    }

    /**
     * Ends every stream when the application stops: an open stream is a request in progress, and a graceful shutdown
     * would wait for it until its timeout. The page's EventSource reconnects by itself.
     */
    @EventListener(ContextClosedEvent.class)
    void endStreams() {
        ticker.shutdownNow();
        watchers.forEach(watcher -> watcher.emitter().complete());
        watchers.clear();
    }

    int watching() {
        return watchers.size();
    }

    private static <T> List<T> drain(ConcurrentLinkedQueue<T> queue) {
        List<T> all = new ArrayList<>();
        for (T item; (item = queue.poll()) != null; ) {
            all.add(item);
        }
        return all;
    }

    private static void guarded(Runnable turn) {
        try {
            turn.run();
        } catch (RuntimeException e) {
            log.warn("The supervisor floor's feed missed a turn: {}", e.toString());
        }
    }

    /** Who watches, from which session, which queues (null: every queue). */
    private record Watcher(String username, String sessionId, Set<String> queues, SseEmitter emitter) {

        void send(String name, Object data) throws IOException {
            emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
        }
    }

    /** A customer message, for the charts: when, on which channel, how it felt. */
    record Message(long caseId, String queue, String channel, Instant at, Double score) {
    }
}
