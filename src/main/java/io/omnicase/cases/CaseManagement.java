package io.omnicase.cases;

import io.omnicase.customers.Channel;
import io.omnicase.customers.CustomerId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads cases and records what happens to them: routing decisions, state changes the case process drives, and agents'
 * replies. Every change lands on the timeline and is published for the history index.
 */
@Service
public class CaseManagement {

    /** The author name of the assistant's replies on the timeline. */
    public static final String ASSISTANT = "assistant";

    private final CaseStore store;
    private final ApplicationEventPublisher events;

    CaseManagement(CaseStore store, ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public Optional<CaseView> find(CaseId id) {
        return store.find(id.value());
    }

    @Transactional(readOnly = true)
    public List<TimelineEntry> timeline(CaseId id) {
        require(id);
        return store.timeline(id.value());
    }

    @Transactional(readOnly = true)
    public List<CaseView> ofCustomer(CustomerId customer) {
        return store.ofCustomer(customer.value());
    }

    /** What a routing decision reads about a case. */
    @Transactional(readOnly = true)
    public CaseSnapshot snapshot(CaseId id) {
        CaseView view = require(id);
        Optional<CustomerMessage> latest = store.latestInbound(id.value());
        Instant since = Instant.now().minus(CaseSnapshot.RECENT);
        return new CaseSnapshot(view, latest.map(CustomerMessage::text).orElse(""),
                latest.map(CustomerMessage::sentiment).orElse(null), store.countInbound(id.value()),
                store.countOpenCases(view.customerId()), store.countCasesOpenedSince(view.customerId(), since),
                store.customerMessagesSince(view.customerId(), since, CaseSnapshot.RECENT_MESSAGES));
    }

    @Transactional
    public void recordDecision(CaseId id, Decision decision) {
        CaseView view = lock(id);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("selfService", decision.selfService());
        detail.put("queue", decision.queue());
        detail.put("priority", decision.priority());
        detail.put("requiredSkills", decision.requiredSkills());
        detail.put("rulesFired", decision.rulesFired());
        detail.put("ruleSetVersion", decision.ruleSetVersion());
        String text = (decision.selfService() ? "Self-service" : "Escalate to " + decision.queue())
                + ", priority " + decision.priority() + ": " + String.join("; ", decision.rulesFired());
        store.route(id.value(), decision.queue(), decision.priority());
        append(view, InteractionKind.DECISION, "routing", text, detail, view.status());
    }

    @Transactional
    public void enterSelfService(CaseId id) {
        transition(id, CaseStatus.SELF_SERVICE, "The assistant handles the case");
    }

    @Transactional
    public void escalate(CaseId id, String queue, int priority) {
        transition(id, CaseStatus.ESCALATED, "Escalated to queue " + queue + " with priority " + priority);
    }

    @Transactional
    public void resolve(CaseId id, String by, String resolution) {
        resolve(id, by, resolution, null);
    }

    /**
     * Resolves a case and publishes {@link CaseResolved} with the customer's question and the answer that resolved
     * it (the last reply of a person, else the resolution note), so the assistant can learn from it.
     */
    @Transactional
    public void resolve(CaseId id, String by, String resolution, String topic) {
        String text = "Resolved by " + by + (resolution == null || resolution.isBlank() ? "" : ": " + resolution);
        CaseView before = lock(id);
        transition(id, CaseStatus.RESOLVED, text);
        if (before.status() != CaseStatus.RESOLVED) {
            String question = String.join("\n", store.inboundTexts(id.value(), 3));
            String answer = store.lastReplyBy(id.value(), ASSISTANT)
                    .orElse(resolution == null || resolution.isBlank() ? null : resolution);
            events.publishEvent(new CaseResolved(id.value(), before.customerId(), by, question, answer, topic,
                    Instant.now()));
        }
    }

    @Transactional
    public void reopen(CaseId id) {
        transition(id, CaseStatus.NEW, "Reopened by a new customer message");
    }

    @Transactional
    public void close(CaseId id, String reason) {
        transition(id, CaseStatus.CLOSED, "Closed: " + reason);
    }

    @Transactional
    public void recordSlaBreach(CaseId id) {
        CaseView view = lock(id);
        append(view, InteractionKind.STATUS, "sla", "SLA breached in queue " + view.queue(), Map.of("slaBreached", true),
                view.status());
    }

    /** Stores an agent's reply for the channel the customer last wrote on; the connector sends it after commit. */
    @Transactional
    public long reply(CaseId id, String author, String text) {
        CaseView view = lock(id);
        if (!view.status().isOpen()) {
            throw new CaseStateException("Case " + id.value() + " is closed; a reply cannot reach the customer from here");
        }
        String[] last = store.lastInbound(id.value()).orElseThrow(
                () -> new CaseStateException("Case " + id.value() + " has no customer message to reply to"));
        Channel channel = Channel.valueOf(last[0]);
        long interactionId = store.insertInteraction(id.value(), InteractionKind.OUTBOUND, channel.name(), author, text,
                null, null, Map.of("to", last[1]), Instant.now());
        store.touch(id.value(), Instant.now());
        events.publishEvent(new InteractionRecorded(interactionId, id.value(), view.customerId(), InteractionKind.OUTBOUND,
                channel.name(), author, text, view.status(), Instant.now()));
        events.publishEvent(new ReplyRecorded(id.value(), interactionId, channel, last[1], text));
        return interactionId;
    }

    private void transition(CaseId id, CaseStatus target, String text) {
        CaseView view = lock(id);
        if (view.status() == target && target != CaseStatus.ESCALATED) {
            return;
        }
        Instant now = Instant.now();
        store.changeStatus(id.value(), target, now);
        append(view, InteractionKind.STATUS, "case", text, Map.of("from", view.status().name(), "to", target.name()), target);
    }

    private void append(CaseView view, InteractionKind kind, String author, String text, Map<String, Object> detail,
                        CaseStatus statusAfter) {
        Instant now = Instant.now();
        long interactionId = store.insertInteraction(view.id(), kind, null, author, text, null, null, detail, now);
        events.publishEvent(new InteractionRecorded(interactionId, view.id(), view.customerId(), kind, null, author, text,
                statusAfter, now));
    }

    private CaseView lock(CaseId id) {
        return store.lock(id.value()).orElseThrow(() -> new CaseNotFoundException(id.value()));
    }

    private CaseView require(CaseId id) {
        return store.find(id.value()).orElseThrow(() -> new CaseNotFoundException(id.value()));
    }
}
