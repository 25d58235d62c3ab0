package io.omnicase.cases;

import io.omnicase.customers.Channel;
import io.omnicase.customers.CustomerId;
import io.omnicase.customers.Customers;
import io.omnicase.customers.CustomersMerged;
import io.omnicase.security.UserAccounts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads cases and records what happens to them: routing decisions, state changes the case process drives, and agents'
 * replies. Every change lands on the timeline and is published for the history index.
 */
@Service
public class CaseManagement {

    /** How the timeline words a resolution: "Resolved by agent: the resolution". */
    public static final String RESOLVED_BY = "Resolved by ";

    /** The author name of the assistant's replies on the timeline. */
    public static final String ASSISTANT = "assistant";

    private final CaseStore store;
    private final ApplicationEventPublisher events;
    private final Customers customers;
    private final UserAccounts users;

    // The reads (readOnly, SUPPORTS) join the caller's transaction and otherwise run without one: the server runs
    // READ COMMITTED, where every statement reads its own fresh snapshot even inside a transaction, so a read-only
    // transaction of its own adds nothing but three round trips (autocommit off, COMMIT, autocommit on) to each read.
    // After commit, where most reads come from (indexing, outcomes, floor and desk pushes), those were a third of all
    // statements (issue 18, the general log of a drain).
    CaseManagement(CaseStore store, ApplicationEventPublisher events, Customers customers, UserAccounts users) {
        this.store = store;
        this.events = events;
        this.customers = customers;
        this.users = users;
    }

    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Optional<CaseView> find(CaseId id) {
        return store.find(id.value());
    }

    /**
     * Locks the case's row until the caller's transaction ends, so work that must happen once per case (starting its
     * process) is not done twice by two deliveries of the same event at once (two nodes, a redelivery).
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void lockUntilCommit(CaseId id) {
        lockInOrder(id.value());
    }

    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public List<TimelineEntry> timeline(CaseId id) {
        require(id);
        return store.timeline(id.value());
    }

    /** The case of the message (in or out) a provider knows by this id: how a channel follows its own threads. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Optional<CaseView> caseOfMessage(Channel channel, String providerMessageId) {
        return store.findMessage(channel, providerMessageId).flatMap(stored -> store.find(stored.caseId()));
    }

    /** The case a channel's conversation reference (a mail client's conversation index, ...) points at. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Optional<CaseView> caseOfThread(Channel channel, String threadRef) {
        return store.caseOfThread(channel, threadRef);
    }

    /** Where a case's customer last wrote from: the channel and their address on it. */
    public record Correspondent(Channel channel, String address) {
    }

    /** The sender of the last customer message of a case; empty before the first. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Optional<Correspondent> lastCorrespondent(CaseId id) {
        return store.lastInbound(id.value()).map(s -> new Correspondent(s.channel(), s.address()));
    }

    /** How many replies the assistant sent to this address on this channel since a moment, over all cases. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public int assistantRepliesTo(Channel channel, String address, Instant since) {
        return store.countRepliesTo(channel, address, ASSISTANT, since);
    }

    /**
     * Attaches a mail a machine sent (an out-of-office, a ticket system's acknowledgement) to the case it answers, as
     * a note for agents: not a customer message, so it reopens nothing, routes nothing, wakes no process and counts
     * as no reply. Kept once per provider message id; answers false when it had been attached before.
     */
    @Transactional
    public boolean attachAutomaticMessage(CaseId id, Channel channel, String from, String sent, String providerMessageId,
                                          Map<String, Object> detail, Instant sentAt) {
        String text = IntakeFields.text(sent);
        CaseView view = lock(id);
        if (store.findMessage(channel, providerMessageId).isPresent()) {
            return false;
        }
        Map<String, Object> fields = new java.util.LinkedHashMap<>(detail == null ? Map.of() : detail);
        fields.put("automatic", true);
        Instant at = sentAt == null ? Instant.now() : sentAt;
        long interactionId = store.insertInteraction(view.id(), InteractionKind.STATUS, channel, from, text,
                providerMessageId, null, EntryDetail.of(fields), at);
        events.publishEvent(new InteractionRecorded(interactionId, view.id(), view.customerId(), InteractionKind.STATUS,
                channel, from, text, view.status(), at));
        return true;
    }

    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public List<CaseView> ofCustomer(CustomerId customer) {
        return store.ofCustomer(customer.value());
    }

    /** The latest message the customer wrote on a case, with its sentiment; empty before the first. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Optional<CustomerMessage> latestCustomerMessage(CaseId id) {
        return store.latestInbound(id.value());
    }

    /** The id of the latest message the customer wrote on a case (what its process takes next); empty before the first. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public java.util.OptionalLong latestCustomerMessageId(CaseId id) {
        return store.latestInboundId(id.value());
    }

    /** How many messages the customer wrote on a case. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public int customerMessageCount(CaseId id) {
        return store.countInbound(id.value());
    }

    /** How many cases of a customer are not closed. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public int openCaseCount(CustomerId customer) {
        return store.countOpenCases(customer.value());
    }

    /** How many cases a customer has, whenever opened, closed ones included. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public int caseCount(CustomerId customer) {
        return store.countCases(customer.value());
    }

    /** How many cases a customer opened since a moment. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public int casesOpenedSince(CustomerId customer, Instant since) {
        return store.countCasesOpenedSince(customer.value(), since);
    }

    /** A customer's messages since a moment, across all their cases, newest first, at most {@code limit}. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public List<CustomerMessage> customerMessagesSince(CustomerId customer, Instant since, int limit) {
        return store.customerMessagesSince(customer.value(), since, limit);
    }

    /** The author of the timeline entries routing writes. */
    public static final String ROUTING = "routing";

    /**
     * Records a routing decision and places the case where it says: its queue and priority. A move of a case that had
     * a queue already also leaves a {@link InteractionKind#ROUTING} entry.
     */
    @Transactional
    public void recordDecision(CaseId id, Decision decision) {
        CaseView view = noteDecision(id, decision);
        move(view, decision.queue(), decision.priority(), ROUTING, null, null);
    }

    /**
     * Records a decision taken again when the customer wrote while a person's task waits or is worked, which changed
     * the case: the task moved to the rules' queue, or its priority rose ({@code applied}: the queue and priority of the
     * task now, never self-service, since a person has the case). The process {@link #place places} the case where
     * its task is, so the case, its task, the desk's routing panel and the handover tell one queue.
     */
    @Transactional
    public void recordReassessment(CaseId id, Decision applied) {
        CaseView view = lock(id);
        String text = "Re-assessed: queue " + applied.queue() + ", " + PriorityWords.of(applied.priority()) + " priority"
                + (applied.rulesFired().isEmpty() ? "" : ": " + String.join("; ", applied.rulesFired()));
        append(view, InteractionKind.DECISION, ROUTING, text, applied, view.status());
    }

    /**
     * Records a re-assessment that kept the case where it is: the rules chose self-service or the queue the case is in,
     * or another queue while a person holds the case ("the latest message is for the technical queue; the case stays
     * with Alex Agent in billing"); the priority may have risen. It is no decision the case is placed by: the desk's
     * routing panel and the handover keep the reasons of the decision that placed it.
     *
     * @param rulesQueue the queue the rules chose, or null when they chose self-service
     * @param queue      the queue the case's task is in
     * @param heldBy     the login holding the task, or null
     * @param raisedTo   the task's new priority when the rules raised it, else null
     */
    @Transactional
    public void recordReassessmentKept(CaseId id, String rulesQueue, String queue, String heldBy, Integer raisedTo) {
        CaseView view = lock(id);
        boolean elsewhere = rulesQueue != null && !rulesQueue.equals(queue) && heldBy != null;
        String raised = raisedTo == null ? null : "priority raised to " + PriorityWords.of(raisedTo);
        String text = "Re-assessed: " + (elsewhere
                ? "the latest message is for the " + rulesQueue + " queue; the case stays with " + users.nameOf(heldBy)
                  + " in " + queue + (raised == null ? "" : "; " + raised)
                : raised == null ? "no change" : raised);
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("queue", queue);
        if (elsewhere) {
            detail.put("rulesQueue", rulesQueue);
            detail.put("heldBy", heldBy);
        }
        if (raisedTo != null) {
            detail.put("priority", raisedTo);
        }
        append(view, InteractionKind.DECISION, ROUTING, text, detail, view.status());
    }

    /**
     * Puts the case in a queue with a priority, as the work on it is now placed; a change leaves a
     * {@link InteractionKind#ROUTING} entry saying what moved and by whom. Nothing happens when nothing changes.
     */
    @Transactional
    public void place(CaseId id, String queue, int priority, String by) {
        move(lock(id), queue, priority, by, null, null);
    }

    /**
     * Moves a case to another queue on a person's say: the entry names both queues, who and why ("Queue billing →
     * technical by Sara Supervisor: reason"); {@code priority} is the case's task's, unchanged.
     */
    @Transactional
    public void moveToQueue(CaseId id, String queue, int priority, String by, String reason) {
        move(lock(id), queue, priority, by, reason, null);
    }

    /**
     * Changes a case's priority on a person's say, and with it its SLA deadline: the entry names the old and the new
     * deadline ("Priority normal → urgent, SLA due 2026-12-02 16:05 UTC → 12:05 UTC by Sara Supervisor: reason"), and a
     * {@link SlaDeadlineChanged} tells the audit trail. Answers false when the priority was that already.
     */
    @Transactional
    public boolean reprioritise(CaseId id, int priority, String by, String reason, Instant dueBefore, Instant dueAfter) {
        CaseView view = lock(id);
        if (view.priority() != null && view.priority() == priority) {
            return false;
        }
        Deadlines deadlines = dueAfter == null || dueAfter.equals(dueBefore) ? null : new Deadlines(dueBefore, dueAfter);
        move(view, view.queue(), priority, by, reason, deadlines);
        if (deadlines != null) {
            events.publishEvent(new SlaDeadlineChanged(view.id(), view.customerId(), by, view.priority(), priority,
                    dueBefore, dueAfter, reason, Instant.now()));
        }
        return true;
    }

    /** A case's SLA deadline before and after a change. */
    private record Deadlines(Instant before, Instant after) {

        private static final java.time.format.DateTimeFormatter DAY_AND_TIME = java.time.format.DateTimeFormatter
                .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);
        private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
                .ofPattern("HH:mm").withZone(java.time.ZoneOffset.UTC);

        /** "SLA due 2026-12-02 16:05 UTC → 12:05 UTC" (the day only once when it is the same). */
        String text() {
            String to = before != null && DAY_AND_TIME.format(before).substring(0, 10)
                    .equals(DAY_AND_TIME.format(after).substring(0, 10)) ? TIME.format(after) : DAY_AND_TIME.format(after);
            return "SLA due " + (before == null ? "none" : DAY_AND_TIME.format(before) + " UTC") + " → " + to + " UTC";
        }
    }

    private CaseView noteDecision(CaseId id, Decision decision) {
        CaseView view = lock(id);
        String text = (decision.selfService() ? "Self-service: the assistant answers (the " + decision.queue()
                + " queue if a person is needed)" : "Escalate to " + decision.queue() + ", "
                + PriorityWords.of(decision.priority()) + " priority")
                + (decision.rulesFired().isEmpty() ? "" : ": " + String.join("; ", decision.rulesFired()));
        append(view, InteractionKind.DECISION, ROUTING, text, decision, view.status());
        return view;
    }

    private void move(CaseView view, String queue, int priority, String by, String reason, Deadlines deadlines) {
        boolean queueChanged = !java.util.Objects.equals(view.queue(), queue);
        boolean priorityChanged = view.priority() == null || view.priority() != priority;
        if (!queueChanged && !priorityChanged) {
            return;
        }
        store.route(view.id(), queue, priority);
        if (view.queue() == null) {
            return; // the first placement: the decision's entry says where the case went
        }
        List<String> changes = new java.util.ArrayList<>();
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        if (queueChanged) {
            changes.add("Queue " + view.queue() + " → " + queue);
            detail.put("fromQueue", view.queue());
            detail.put("toQueue", queue);
        }
        if (priorityChanged) {
            changes.add((changes.isEmpty() ? "Priority " : "priority ") + PriorityWords.of(view.priority()) + " → "
                    + PriorityWords.of(priority));
            detail.put("fromPriority", view.priority());
            detail.put("toPriority", priority);
        }
        if (deadlines != null) {
            changes.add(deadlines.text());
            detail.put("fromSlaDue", deadlines.before() == null ? null : deadlines.before().toString());
            detail.put("toSlaDue", deadlines.after().toString());
        }
        if (reason != null) {
            detail.put("reason", reason);
        }
        append(view, InteractionKind.ROUTING, by, String.join(", ", changes) + " by "
                + (ROUTING.equals(by) ? "routing rules" : users.nameOf(by)) + (reason == null ? "" : ": " + reason), detail, view.status());
    }

    /** Work-list rows of these cases, in no particular order; unknown ids are left out. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public List<CaseOverview> overviews(java.util.Collection<Long> caseIds) {
        return store.overviews(caseIds, ASSISTANT);
    }

    /** The sentiment of one customer message; empty for any other timeline entry. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Optional<io.omnicase.sentiment.Sentiment> sentimentOf(long interactionId) {
        return store.sentimentOf(interactionId);
    }

    @Transactional
    public void enterSelfService(CaseId id) {
        transition(id, CaseStatus.SELF_SERVICE, "The assistant handles the case");
    }

    /** Hands the case to a person, in the queue and with the priority its latest decision recorded. */
    @Transactional
    public void escalate(CaseId id) {
        CaseView view = lock(id);
        transition(id, CaseStatus.ESCALATED, "Escalated to queue " + view.queue() + " with " + PriorityWords.of(view.priority())
                + " priority");
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
        // The timeline names the person ("Resolved by Alex Agent"); the event keeps the login.
        String text = RESOLVED_BY + users.nameOf(by) + (resolution == null || resolution.isBlank() ? "" : ": " + resolution);
        CaseView before = lock(id);
        // The person's word on what the case was about rides on the entry: coaching and quality count the case under
        // it, not under a guess from the first message's words.
        transition(id, CaseStatus.RESOLVED, text, topic == null || topic.isBlank() ? Map.of() : Map.of("topic", topic.strip()));
        if (before.status() != CaseStatus.RESOLVED) {
            List<String> questions = store.inboundTexts(id.value(), 3);
            String question = String.join("\n", questions);
            String answer = store.lastReplyBy(id.value(), ASSISTANT)
                    .orElse(resolution == null || resolution.isBlank() ? null : resolution);
            events.publishEvent(new CaseResolved(id.value(), before.customerId(), by, question, questions, answer, topic,
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

    /** Closes a case on a person's request: "Closed: closed by Alex Agent". */
    @Transactional
    public void closeBy(CaseId id, String by) {
        close(id, "closed by " + users.nameOf(by));
    }

    @Transactional
    public void recordSlaBreach(CaseId id) {
        CaseView view = lock(id);
        append(view, InteractionKind.STATUS, "sla", "SLA breached in queue " + view.queue(), Map.of("slaBreached", true),
                view.status());
    }

    /**
     * Notes on the timeline something a channel learnt about the case that is for agents' eyes only and changes nothing
     * (a chat visitor's unverified email address).
     */
    @Transactional
    public void recordNote(CaseId id, String author, String text, Map<String, Object> detail) {
        CaseView view = lock(id);
        append(view, InteractionKind.STATUS, author, IntakeFields.text(text), detail, view.status());
    }

    /**
     * Stores an agent's reply for the channel the customer last wrote on; the connector sends it after commit. The text
     * is cleaned as a customer's is (control characters dropped, half a surrogate pair replaced): what is stored is what
     * leaves, and a chat window or provider cannot be handed text that is no valid Unicode (probe 45: such a reply was
     * acknowledged, then failed in the chat socket's encoder and stayed "sending" for good).
     */
    @Transactional
    public long reply(CaseId id, String author, String written) {
        String text = IntakeFields.text(written);
        CaseView view = lock(id);
        if (!view.status().isOpen()) {
            throw new CaseStateException("Case " + id.value() + " is closed; a reply cannot reach the customer from here");
        }
        CaseStore.Sender last = store.lastInbound(id.value()).orElseThrow(
                () -> new CaseStateException("Case " + id.value() + " has no customer message to reply to"));
        Channel channel = last.channel();
        long interactionId = store.insertInteraction(id.value(), InteractionKind.OUTBOUND, channel, author, text,
                null, null, EntryDetail.of(Map.of("to", last.address())), Instant.now());
        store.touch(id.value(), Instant.now());
        events.publishEvent(new InteractionRecorded(interactionId, id.value(), view.customerId(), InteractionKind.OUTBOUND,
                channel, author, text, view.status(), Instant.now()));
        events.publishEvent(new ReplyRecorded(id.value(), interactionId, channel, last.address(), text, ASSISTANT.equals(author)));
        return interactionId;
    }

    /**
     * Shows a delivery status on an outbound timeline entry; the provider-facing side (provider ids, read watermarks,
     * failures) is {@code channels.Deliveries}. A first {@link Delivery#sent} sets the entry's provider id; a
     * {@link Delivery#refused} is shown unless the entry shows a failure already (the first reason stays); a
     * {@link Delivery#reported} status replaces the shown one only when it {@link DeliveryStatus#supersedes supersedes}
     * it. {@link DeliveryShown} is published, and true answered, only when what the entry shows changed: providers
     * report again and out of order, and the desk and the audit trail take each change once, on every node.
     */
    @Transactional
    public boolean showDelivery(long interactionId, Delivery delivery) {
        Instant at = delivery.at() == null ? Instant.now() : delivery.at();
        boolean changed;
        if (delivery.providerMessageId() != null) {
            changed = store.markSent(interactionId, delivery.providerMessageId(), at);
        } else if (delivery.error() != null) {
            changed = store.markSendFailed(interactionId, delivery.error(), at);
        } else {
            changed = store.updateDelivery(interactionId, delivery.status(), at);
        }
        if (changed) {
            store.shownDelivery(interactionId).ifPresent(events::publishEvent);
        }
        return changed;
    }

    /**
     * Moves the cases of a customer merged into another to the target, in the merging transaction (a plain listener,
     * so a failure here rolls the whole merge back), notes it on each moved case's timeline and reports the moved
     * cases for the merge record.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CustomersMerged merged) {
        CustomerId source = merged.source();
        CustomerId target = merged.target();
        String by = merged.mergedBy();
        List<CaseView> moved = store.ofCustomer(source.value());
        for (CaseView view : moved) {
            store.changeCustomer(view.id(), target.value());
            CaseView now = new CaseView(view.id(), target.value(), view.status(), view.subject(), view.channel(), view.queue(),
                    view.priority(), view.reopenCount(), view.openedAt(), view.updatedAt(), view.resolvedAt(), view.closedAt(),
                    view.sentiment());
            append(now, InteractionKind.STATUS, by, "Customer " + source.value() + " merged into customer " + target.value()
                    + " by " + users.nameOf(by), Map.of("mergedFrom", source.value(), "mergedInto", target.value()), view.status());
        }
        customers.recordMovedCases(merged, moved.stream().map(CaseView::id).toList());
    }

    private void transition(CaseId id, CaseStatus target, String text) {
        transition(id, target, text, Map.of());
    }

    private void transition(CaseId id, CaseStatus target, String text, Map<String, Object> more) {
        CaseView view = lock(id);
        if (view.status() == target && target != CaseStatus.ESCALATED) {
            return;
        }
        Instant now = Instant.now();
        store.changeStatus(id.value(), target, now);
        Map<String, Object> detail = new java.util.LinkedHashMap<>(Map.of("from", view.status().name(), "to", target.name()));
        detail.putAll(more);
        append(view, InteractionKind.STATUS, "case", text, detail, target);
    }

    private void append(CaseView view, InteractionKind kind, String author, String text, Map<String, Object> detail,
                        CaseStatus statusAfter) {
        append(view, kind, author, text, EntryDetail.of(detail), statusAfter);
    }

    private void append(CaseView view, InteractionKind kind, String author, String text, EntryDetail detail,
                        CaseStatus statusAfter) {
        Instant now = Instant.now();
        long interactionId = store.insertInteraction(view.id(), kind, null, author, text, null, null, detail, now);
        events.publishEvent(new InteractionRecorded(interactionId, view.id(), view.customerId(), kind, null, author, text,
                statusAfter, now));
    }

    private CaseView lock(CaseId id) {
        return lockInOrder(id.value()).orElseThrow(() -> new CaseNotFoundException(id.value()));
    }

    /**
     * Locks the case's customer, then the case: the order intake takes them in. A status change writes the index that
     * the case's foreign key to its customer uses, and InnoDB then checks the key with a shared lock on the customer's
     * row; a case locked before its customer deadlocked with intake (issue 18: the routing job against a burst of the
     * customer's messages). A merge may move the case to another customer between the read and the locks: then again.
     */
    private Optional<CaseView> lockInOrder(long caseId) {
        for (int attempt = 0; ; attempt++) {
            Optional<CaseView> seen = store.find(caseId);
            if (seen.isEmpty()) {
                return seen;
            }
            customers.lock(new CustomerId(seen.get().customerId()));
            Optional<CaseView> locked = store.lock(caseId);
            if (locked.isEmpty() || locked.get().customerId() == seen.get().customerId() || attempt == 2) {
                return locked;
            }
        }
    }

    private CaseView require(CaseId id) {
        return store.find(id.value()).orElseThrow(() -> new CaseNotFoundException(id.value()));
    }
}
