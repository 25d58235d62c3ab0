package io.omnicase.cases;

import io.omnicase.customers.CustomerId;
import io.omnicase.customers.Customers;
import io.omnicase.security.UserAccounts;
import io.omnicase.sentiment.CustomerSentiment;
import io.omnicase.sentiment.RollingSentiment;
import io.omnicase.sentiment.Sentiment;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.Optional;

/**
 * Takes a customer's message from any channel: resolves the customer, finds the case it belongs to or opens one, and
 * stores the message exactly once (deduplicated by the provider's message id), all in one transaction. When
 * {@link #receive} returns, the message is committed; the process and the index learn of it after commit.
 */
@Service
public class CaseIntake {

    private static final int ATTEMPTS = 5;

    private final CaseStore store;
    private final Customers customers;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final CustomerSentiment sentiment;
    private final UserAccounts staff;
    private final CaseManagement management;

    CaseIntake(CaseStore store, Customers customers, ApplicationEventPublisher events, PlatformTransactionManager tx,
               CustomerSentiment sentiment, UserAccounts staff, CaseManagement management) {
        this.management = management;
        this.sentiment = sentiment;
        this.staff = staff;
        this.store = store;
        this.customers = customers;
        this.events = events;
        this.transaction = new TransactionTemplate(tx);
    }

    /**
     * Stores the message; fields a provider sent too long or with control characters are stored shortened and cleaned
     * (see {@link IntakeFields}), so that no channel's message fails on its columns.
     *
     * @throws IllegalArgumentException when the sender's address is not one of its channel's kind: channels check it
     *                                  first and refuse or skip such a message
     */
    public IntakeResult receive(InboundMessage received) {
        return receive(received, Placement.NONE);
    }

    /**
     * Stores the message as {@link #receive(InboundMessage)} does, with the channel's placement: its notes are kept
     * on the message's timeline entry, and a participant's message joins {@link InboundMessage#caseRef} although the
     * case belongs to another customer (the channel has checked that the sender is on that case's thread).
     */
    public IntakeResult receive(InboundMessage received, Placement placement) {
        InboundMessage message = fitted(received);
        // Read before the transaction: the reading (language, lexicon, embedding, classifier) is CPU only and depends
        // on the text alone, so the customer's row lock and the connection are not held while it runs.
        Sentiment reading = sentiment.analyze(message.text());
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> store(message, placement, reading));
            } catch (DuplicateKeyException | PessimisticLockingFailureException e) {
                // A concurrent delivery of the same message or a first message of the same new customer won the race:
                // the next attempt sees what it committed.
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static InboundMessage fitted(InboundMessage m) {
        if (m.channel() == null || !m.channel().identityKind().accepts(m.from())) {
            throw new IllegalArgumentException("The sender's address is not valid for channel " + m.channel());
        }
        if (m.providerMessageId() == null || m.providerMessageId().isBlank() || m.text() == null) {
            throw new IllegalArgumentException("A message needs a provider message id and a text");
        }
        return new InboundMessage(m.channel(), m.from(), IntakeFields.line(m.displayName(), IntakeFields.DISPLAY_NAME),
                IntakeFields.text(m.text()), IntakeFields.reference(m.providerMessageId()),
                IntakeFields.reference(m.threadRef()), IntakeFields.line(m.subject(), IntakeFields.SUBJECT),
                IntakeFields.sentAt(m.sentAt(), Instant.now()), m.caseRef(), m.newConversation(), m.sender());
    }

    private IntakeResult store(InboundMessage message, Placement placement, Sentiment reading) {
        // Everything below is serialised per customer: a duplicate delivered concurrently sees the first one here.
        // A known customer (the usual case) is found and locked in one statement, then the duplicate check runs once.
        Optional<CustomerId> lockedCustomer = customers.lockKnown(message.channel(), message.from());
        Optional<IntakeResult> known;
        if (lockedCustomer.isEmpty()) {
            known = stored(message);
            if (known.isPresent()) {
                return known.get();
            }
        }
        CustomerId customer = lockedCustomer.orElseGet(() -> {
            // A name that would pass for one of Omnicase's own people is not taken: the customer reads as their address.
            String name = staff.isStaffName(message.displayName()) ? null : message.displayName();
            CustomerId created = customers.resolve(message.channel(), message.from(), name);
            customers.lock(created);
            return created;
        });
        known = stored(message);
        if (known.isPresent()) {
            return known.get();
        }
        Instant now = Instant.now();
        Optional<CaseView> current = Optional.ofNullable(message.caseRef())
                .flatMap(store::find)
                .or(() -> Optional.ofNullable(message.threadRef()).flatMap(ref -> store.caseOfThread(message.channel(), ref)))
                .filter(c -> c.status().isOpen() && (c.customerId() == customer.value()
                        || placement.asParticipant() && message.caseRef() != null && c.id() == message.caseRef()))
                .or(() -> message.newConversation() ? Optional.empty() : store.latestOpenCaseOf(customer.value()))
                // The case's row is locked before the message's row references it. Otherwise the insert takes a shared
                // lock on the case (its foreign key) and the sentiment update below must upgrade it, which deadlocks with
                // the process's routing job waiting for the same row. The locked read is also the status that counts.
                .flatMap(found -> store.lock(found.id()))
                .filter(locked -> locked.status().isOpen());
        boolean newCase = current.isEmpty();
        long caseId = current.map(CaseView::id)
                .orElseGet(() -> store.insertCase(customer.value(), message.channel(), subjectOf(message), now));
        CaseStatus status = current.map(CaseView::status).orElse(CaseStatus.NEW);
        String from = message.channel().identityKind().normalize(message.from());
        Instant sentAt = message.sentAt() == null ? now : message.sentAt();
        long owner = current.map(CaseView::customerId).orElse(customer.value());
        long messageId = store.insertInteraction(caseId, InteractionKind.INBOUND, message.channel(), from,
                message.text(), message.providerMessageId(), message.threadRef(),
                placement.detail().isEmpty() ? null : EntryDetail.of(placement.detail()), sentAt);
        store.recordSentiment(caseId, messageId, reading, current.map(CaseView::sentiment).orElse(RollingSentiment.NONE), now);
        if (message.sender() != SenderCheck.NOT_CHECKED) {
            store.recordSenderCheck(messageId, message.sender());
        }
        if (!message.sender().allowsAutomaticAnswer()) {
            // Said where the message arrives, whatever the case's state: whoever reads it should know it may be forged.
            management.recordNote(new CaseId(caseId), "case", "No automatic answer to this message: "
                            + message.sender().why() + ". A person answers.",
                    java.util.Map.of("senderNotVerified", message.sender().detail(), "message", messageId));
        }
        if (message.threadRef() != null) {
            store.linkThread(message.channel(), message.threadRef(), caseId);
        }
        events.publishEvent(new InteractionRecorded(messageId, caseId, owner, InteractionKind.INBOUND,
                message.channel(), from, message.text(), status, sentAt));
        boolean confirmation = status == CaseStatus.RESOLVED && reading.label() != io.omnicase.sentiment.SentimentLabel.NEGATIVE
                && Confirmation.only(message.text());
        if (confirmation) {
            // Under the case's lock, so the process cannot be reopening it meanwhile: it stays resolved, and says why.
            management.recordNote(new CaseId(caseId), "case", "The customer confirmed the resolution; the case stays resolved",
                    java.util.Map.of("confirmedBy", messageId));
        }
        events.publishEvent(new MessageReceived(caseId, messageId, owner, message.channel(), newCase, confirmation));
        return new IntakeResult(new CaseId(caseId), messageId, false, newCase, false, message.text());
    }

    /**
     * The message stored before with this provider id. A provider's id names one message of one sender: the same id from
     * another sender (a gateway's reuse, a forged delivery) is not that message, and is answered as taken, not as a
     * duplicate of the other customer's message.
     */
    private Optional<IntakeResult> stored(InboundMessage message) {
        String from = message.channel().identityKind().normalize(message.from());
        return store.findMessage(message.channel(), message.providerMessageId())
                .map(stored -> {
                    boolean other = !from.equals(stored.author());
                    return new IntakeResult(new CaseId(stored.caseId()), stored.messageId(), true, false, other,
                            other ? null : stored.text());
                });
    }

    private static String subjectOf(InboundMessage message) {
        String subject = message.subject() != null && !message.subject().isBlank() ? message.subject() : message.text();
        String oneLine = IntakeFields.line(subject, 121);
        if (oneLine == null) {
            return null;
        }
        return oneLine.codePointCount(0, oneLine.length()) <= 120 ? oneLine : IntakeFields.shorten(oneLine, 117) + "...";
    }
}
