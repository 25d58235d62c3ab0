package io.omnicase.channels.chat;

import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseStatus;
import io.omnicase.cases.CaseView;
import io.omnicase.cases.EntryDetail;
import io.omnicase.cases.InteractionKind;
import io.omnicase.cases.TimelineEntry;
import io.omnicase.customers.Channel;
import io.omnicase.customers.Customers;
import io.omnicase.process.CaseTask;
import io.omnicase.process.CaseWork;
import io.omnicase.security.UserAccount;
import io.omnicase.security.UserAccounts;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a chat visitor may see of their conversation when they come back (a reload, a new tab): their own chat
 * messages and the replies sent to them on the chat, of their latest case that is not closed. Nothing else of the
 * case reaches the widget: no notes, no routing decisions, no messages of other channels (a visitor who proved an
 * email address shares the customer record, not the mail). Also tells a waiting visitor their place in the queue.
 */
@Component
class ChatConversations {

    /** The author shown for the assistant's replies. */
    static final String ASSISTANT_NAME = "Assistant";
    private static final int CASES_LOOKED_AT = 5;

    private final Customers customers;
    private final CaseManagement cases;
    private final CaseWork work;
    private final UserAccounts users;

    ChatConversations(Customers customers, CaseManagement cases, CaseWork work, UserAccounts users) {
        this.customers = customers;
        this.cases = cases;
        this.work = work;
        this.users = users;
    }

    /** The visitor's latest conversation not closed, oldest entry first; empty for a visitor who has not written. */
    Optional<Conversation> of(String visitor) {
        Optional<io.omnicase.customers.CustomerId> customer = customers.known(Channel.CHAT, visitor);
        if (customer.isEmpty()) {
            return Optional.empty();
        }
        return cases.ofCustomer(customer.get()).stream()
                .filter(c -> c.status() != CaseStatus.CLOSED)
                .limit(CASES_LOOKED_AT)
                .map(c -> conversation(c, visitor))
                .filter(c -> c.entries().stream().anyMatch(e -> e.from().equals(Entry.CUSTOMER)))
                .findFirst();
    }

    private Conversation conversation(CaseView view, String visitor) {
        List<Entry> entries = cases.timeline(new CaseId(view.id())).stream()
                .filter(e -> e.channel() == Channel.CHAT)
                .map(e -> entry(e, visitor))
                .flatMap(Optional::stream)
                .toList();
        return new Conversation(view.id(), view.status(), entries);
    }

    /** A timeline entry as the visitor sees it, if it is theirs to see. */
    Optional<Entry> entry(TimelineEntry e, String visitor) {
        if (e.kind() == InteractionKind.INBOUND && visitor.equals(e.author())) {
            return Optional.of(new Entry("m-" + e.id(), e.id(), Entry.CUSTOMER, null, e.text(), e.occurredAt(), "stored",
                    clientId(e.providerMessageId(), visitor)));
        }
        if (e.kind() == InteractionKind.OUTBOUND && visitor.equals(field(e.detail(), "to"))) {
            Object delivery = field(e.detail(), "delivery");
            return Optional.of(new Entry("m-" + e.id(), e.id(), Entry.AGENT, displayName(e.author()), e.text(),
                    e.occurredAt(), delivery == null ? "sending" : delivery.toString().toLowerCase(Locale.ROOT), null));
        }
        return Optional.empty();
    }

    /** The reply as the widget shows it when it arrives: its author's name and time. */
    Optional<Entry> reply(long caseId, long interactionId, String visitor) {
        return cases.timeline(new CaseId(caseId)).stream().filter(e -> e.id() == interactionId).findFirst()
                .flatMap(e -> entry(e, visitor));
    }

    /** The name a customer sees for an author of replies: the agent's display name, "Assistant" for the assistant. */
    String displayName(String author) {
        if (author == null || CaseManagement.ASSISTANT.equals(author)) {
            return ASSISTANT_NAME;
        }
        return users.find(author).map(UserAccount::displayName).filter(n -> !n.isBlank()).orElse("Support");
    }

    /**
     * Where a case handed to a person stands for the waiting visitor: joined by an agent, or waiting with so many
     * cases ahead of it in its queue. Empty while the case is not with a person.
     */
    Optional<QueueState> queueState(long caseId) {
        Optional<CaseView> view = cases.find(new CaseId(caseId));
        if (view.isEmpty() || view.get().status() != CaseStatus.ESCALATED) {
            return Optional.empty();
        }
        Optional<CaseTask> task = work.taskOf(new CaseId(caseId));
        if (task.isEmpty()) {
            return Optional.empty();
        }
        if (task.get().claimed()) {
            return Optional.of(new QueueState(0, displayName(task.get().assignee())));
        }
        return Optional.of(new QueueState(work.waitingAhead(task.get()) + 1, null));
    }

    private static String clientId(String providerMessageId, String visitor) {
        String prefix = "chat:" + visitor + ":";
        return providerMessageId != null && providerMessageId.startsWith(prefix)
                ? providerMessageId.substring(prefix.length()) : null;
    }

    private static Object field(EntryDetail detail, String name) {
        return detail instanceof EntryDetail.Fields fields ? fields.values().get(name) : null;
    }

    /** A visitor's conversation: the case and the entries they may see. */
    record Conversation(long caseId, CaseStatus status, List<Entry> entries) {

        /** Whether an agent (not the assistant) has replied on the chat. */
        boolean answeredByAPerson() {
            return entries.stream().anyMatch(e -> Entry.AGENT.equals(e.from()) && !ASSISTANT_NAME.equals(e.author()));
        }
    }

    /**
     * One message as the widget shows it.
     *
     * @param from     {@code customer} or {@code agent}
     * @param author   the agent's display name (null on the customer's own messages)
     * @param state    the customer's messages: {@code stored}; replies: {@code sending}, {@code sent},
     *                 {@code delivered}, {@code read} or {@code failed}
     * @param clientId the id the widget gave the customer's message, so a tab that sent it recognises it
     */
    record Entry(String id, long interactionId, String from, String author, String text, Instant at, String state,
                 String clientId) {
        static final String CUSTOMER = "customer";
        static final String AGENT = "agent";
    }

    /** A person's case as the waiting visitor is told: {@code position} in the queue (1 = next), or who joined. */
    record QueueState(int position, String agent) {
    }
}
