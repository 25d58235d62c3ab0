package io.omnicase.desk.web;

import io.swagger.v3.oas.annotations.Operation;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.omnicase.assistant.AnswerSource;
import io.omnicase.assistant.Assistant;
import io.omnicase.assistant.AssistantAnswer;
import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.InteractionKind;
import io.omnicase.cases.InteractionRecorded;
import io.omnicase.customers.Channel;
import io.omnicase.desk.CustomerTyping;
import io.omnicase.desk.QueueItem;
import io.omnicase.process.CaseTask;
import io.omnicase.process.CaseTaskAssigned;
import io.omnicase.process.CaseWork;
import io.omnicase.sentiment.Sentiment;
import io.omnicase.sentiment.SentimentLabel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import io.omnicase.http.LivePushes;
import io.omnicase.http.LiveStreams;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.security.Principal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Live guidance for the agent desk: a server-sent event stream per case that pushes each new timeline entry (a
 * customer message with its sentiment and the assistant's suggestion) as {@code entry}, and the case's header (status,
 * queue, priority, assignee, mood) as {@code case} after every entry and claim, so the case view never goes stale.
 * Best effort: a desk that is not connected reloads the timeline instead, so nothing here needs the reliable event
 * registry. Only a user the case access policy lets read
 * the case may follow it, and each entry is sent only to followers who still may (a case can move to another queue).
 */
@RestController
class DeskFeed {

    private static final Logger log = LoggerFactory.getLogger(DeskFeed.class);
    private static final long STREAM_TIMEOUT_MS = 30 * 60 * 1000L;

    private final Map<Long, List<Follower>> streams = new ConcurrentHashMap<>();
    private final CaseAccess access;
    private final Assistant assistant;
    private final CaseManagement cases;
    private final CaseWork work;

    /** Pushes run after commit without a publication row each (see LivePushes). */
    private final LivePushes pushes;

    private final LiveStreams streamsPerUser;

    /**
     * The confidence from which the desk names an article for the case. Lower than the bar from which the assistant
     * answers customers ({@code omnicase.assistant.min-confidence}): an agent reads it as a pointer and judges it, and
     * in the demo knowledge the right article of a plainly worded question ("The app crashes when I open it") scored
     * 0.31; the off-topic articles the walk of 5 December found scored 0.001-0.08.
     */
    private final double articleBar;

    DeskFeed(CaseAccess access, Assistant assistant, CaseManagement cases, CaseWork work, LivePushes pushes,
             LiveStreams streamsPerUser,
             @org.springframework.beans.factory.annotation.Value("${omnicase.desk.article-min-confidence:0.25}") double articleBar) {
        if (!(articleBar >= 0 && articleBar <= 1)) {
            throw new IllegalArgumentException("omnicase.desk.article-min-confidence must be between 0 and 1");
        }
        this.articleBar = articleBar;
        this.pushes = pushes;
        this.streamsPerUser = streamsPerUser;
        this.access = access;
        this.assistant = assistant;
        this.cases = cases;
        this.work = work;
    }

    @Operation(summary = "Live events of one case (server-sent events)")
    @GetMapping(path = "/api/desk/cases/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter follow(@PathVariable long id, Principal user) throws IOException {
        io.omnicase.cases.CaseView view = access.checkRead(user.getName(), new CaseId(id));
        SseEmitter emitter = streamsPerUser.open(user.getName(), STREAM_TIMEOUT_MS);
        Follower follower = new Follower(user.getName(), emitter);
        List<Follower> list = streams.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>());
        list.add(follower);
        emitter.onCompletion(() -> list.remove(follower));
        emitter.onTimeout(() -> list.remove(follower));
        emitter.onError(e -> list.remove(follower));
        emitter.send(SseEmitter.event().name("ready").data(Map.of("caseId", id)));
        Guidance waiting = waitingGuidance(view, user.getName());
        if (waiting != null) {
            emitter.send(SseEmitter.event().name("guidance").data(waiting, MediaType.APPLICATION_JSON));
        }
        return emitter;
    }

    /**
     * Guidance for the message the customer waits on when the case is opened: their latest, when no person has
     * answered it yet and the case is open. Guidance came only with a message that arrived while the case was open, so
     * an agent who took a waiting case had none for the one message that needed an answer now (walk of 4 December).
     * The assistant's reply answers nobody here: a case a person opens is one the assistant declined or handed over
     * ("I am passing your question to a person"), and that reply left Greta's mail without guidance (walk 49).
     */
    private Guidance waitingGuidance(io.omnicase.cases.CaseView view, String username) {
        if (!view.status().isOpen() || view.status() == io.omnicase.cases.CaseStatus.RESOLVED) {
            return null;
        }
        return cases.timeline(new CaseId(view.id())).stream()
                .filter(e -> e.kind() == InteractionKind.INBOUND
                        || e.kind() == InteractionKind.OUTBOUND && !CaseManagement.ASSISTANT.equals(e.author()))
                .reduce((first, second) -> second)
                .filter(last -> last.kind() == InteractionKind.INBOUND && last.text() != null)
                .map(last -> new Guidance(last.id(), last.text(), suggest(last.text(), username, view.id())))
                .orElse(null);
    }

    /** Live guidance for one customer message: the message and the assistant's suggestion (null: none). */
    record Guidance(long entryId, String question, Suggestion suggestion) {
    }

    @EventListener
    void on(InteractionRecorded recorded) {
        pushes.afterCommit(() -> push(recorded));
    }

    private void push(InteractionRecorded recorded) {
        List<Follower> listeners = streams.get(recorded.caseId());
        if (listeners == null || listeners.isEmpty()) {
            return;
        }
        boolean fromCustomer = recorded.kind() == InteractionKind.INBOUND;
        LiveEntry entry = new LiveEntry(recorded.interactionId(), recorded.kind().name(), recorded.channel(),
                recorded.author(), recorded.text(), recorded.occurredAt(),
                fromCustomer ? cases.sentimentOf(recorded.interactionId()).map(Mood::of).orElse(null) : null, null);
        if (fromCustomer) {
            // Each follower's suggestion comes from the knowledge they may read: an example learned from a case of
            // another queue would quote that case's customer and the agent's reply to them.
            Map<String, LiveEntry> byUser = new HashMap<>();
            send(recorded.caseId(), "entry", follower -> byUser.computeIfAbsent(follower,
                    user -> entry.withSuggestion(suggest(recorded.text(), user, recorded.caseId()))));
        } else {
            send(recorded.caseId(), "entry", entry);
        }
        send(recorded.caseId(), "case", state(recorded.caseId()));
    }

    /** A reply was sent, delivered, read or not sent: its followers see it under the reply. */
    @EventListener
    void on(io.omnicase.cases.DeliveryShown shown) {
        pushes.afterCommit(() -> {
            List<Follower> listeners = streams.get(shown.caseId());
            if (listeners != null && !listeners.isEmpty()) {
                send(shown.caseId(), "delivery", shown);
            }
        });
    }

    /** A claim (at the desk or in Tasklist) changes who holds the case: its followers see the new assignee. */
    @EventListener
    void on(CaseTaskAssigned claimed) {
        pushes.afterCommit(() -> push(claimed));
    }

    private void push(CaseTaskAssigned claimed) {
        List<Follower> listeners = streams.get(claimed.caseId());
        if (listeners != null && !listeners.isEmpty()) {
            send(claimed.caseId(), "case", state(claimed.caseId()));
        }
    }

    /** Sends to each follower of the case who still may read it; the others' streams end. */
    private void send(long caseId, String name, Object data) {
        if (data != null) {
            send(caseId, name, follower -> data);
        }
    }

    /** Sends each follower who still may read the case what {@code dataFor} makes for them (by username). */
    private void send(long caseId, String name, java.util.function.Function<String, Object> dataFor) {
        List<Follower> listeners = streams.get(caseId);
        if (listeners == null) {
            return;
        }
        for (Follower follower : listeners) {
            if (!access.canRead(follower.username(), new CaseId(caseId))) {
                listeners.remove(follower);
                follower.emitter().complete();
                continue;
            }
            try {
                follower.emitter().send(SseEmitter.event().name(name).data(dataFor.apply(follower.username()),
                        MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                // The follower has gone: end the request too, or it stays open (and holds a graceful shutdown) until
                // its timeout.
                listeners.remove(follower);
                LivePushes.endAfterFailedSend(follower.emitter(), e);
            }
        }
    }

    /** The customer is typing in the chat widget: shown live, to followers who may still read the case. */
    @EventListener
    void on(CustomerTyping typing) {
        send(typing.caseId(), "typing", Map.of("who", "customer"));
    }

    /** The case's header as it is now; null when the case is gone. */
    private CaseState state(long caseId) {
        return cases.find(new CaseId(caseId)).map(view -> new CaseState(view.id(), view.status().name(), view.queue(),
                view.priority(), work.taskOf(new CaseId(caseId)).map(CaseTask::assignee).orElse(null),
                QueueItem.Mood.of(view.sentiment()))).orElse(null);
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

    private Suggestion suggest(String text, String username, long caseId) {
        try {
            return Suggestion.of(assistant.suggestFor(text, access.readableScope(username), caseId), articleBar);
        } catch (RuntimeException e) {
            log.debug("No suggestion for the desk: {}", e.getMessage());
            return null;
        }
    }

    /**
     * A new timeline entry as the desk shows it; {@code sentiment} and {@code suggestion} only for customer messages.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record LiveEntry(long id, String kind, Channel channel, String author, String text, Instant at, Mood sentiment,
                     Suggestion suggestion) {

        LiveEntry withSuggestion(Suggestion forThisReader) {
            return new LiveEntry(id, kind, channel, author, text, at, sentiment, forThisReader);
        }
    }

    /** A message's sentiment: score and label. */
    record Mood(double score, SentimentLabel label) {

        static Mood of(Sentiment sentiment) {
            return new Mood(sentiment.score(), sentiment.label());
        }
    }

    /** What the desk's case header shows; sent whenever something that may change it happens. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CaseState(long caseId, String status, String queue, Integer priority, String assignee,
                     QueueItem.Mood sentiment) {
    }

    /**
     * The assistant's suggestion for the agent: its confidence in words (high from 0.75, medium from 0.5, else low;
     * the desk offers a one-click answer only above low), the article that matches the question, if one does, and
     * {@code sources} (articles and resolved examples, each once: what the suggestion was weighed on, each with its origin
 * and author, so the desk says "taught by Alex Agent, not reviewed"), and the assistant's {@code caveat}, if any (an
 * example no supervisor reviewed holds the confidence below "high": see {@link io.omnicase.assistant.Assistant#UNREVIEWED_CEILING}).
     * <p>
     * The article is the one the answer is drawn from (the nearest source of the topic the assistant agreed on), and
     * only when the assistant's confidence in that topic reaches the desk's bar ({@code omnicase.desk.article-min-confidence}).
     * Every retrieval returns the nearest sources, however far: the desk listed "Download an invoice" for a printer
     * case (confidence 0.001) and "Cancel your subscription" for a double charge (walk of 5 December). The confidence
     * vouches for the topic and its nearest source, not for the topic's other articles, which answer other questions.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Suggestion(boolean answered, String answer, String topic, double confidence, String confidenceLevel,
                      List<ArticleRef> articles, List<AnswerSource> sources, String caveat) {

        static final double HIGH = 0.75;
        static final double MEDIUM = 0.5;

        /** @param onTopic the confidence from which an article is named */
        static Suggestion of(AssistantAnswer answer, double onTopic) {
            if (answer == null) {
                return null;
            }
            Map<String, AnswerSource> sources = new LinkedHashMap<>();
            for (AnswerSource source : answer.sources() == null ? List.<AnswerSource>of() : answer.sources()) {
                sources.putIfAbsent(source.kind() + ":" + source.id(), source);
            }
            AnswerSource nearest = sources.values().stream().findFirst().orElse(null);
            List<ArticleRef> articles = answer.topic() != null && answer.confidence() >= onTopic && nearest != null
                    && "ARTICLE".equals(nearest.kind()) && nearest.id() != null
                    ? List.of(new ArticleRef(nearest.id(), nearest.title())) : List.of();
            return new Suggestion(answer.answered(), answer.answer(), answer.topic(), answer.confidence(),
                    level(answer.confidence()), articles, List.copyOf(sources.values()), answer.caveat());
        }

        static String level(double confidence) {
            return confidence >= HIGH ? "high" : confidence >= MEDIUM ? "medium" : "low";
        }
    }

    /** A knowledge article a suggestion draws on. */
    record ArticleRef(String id, String title) {
    }
}
