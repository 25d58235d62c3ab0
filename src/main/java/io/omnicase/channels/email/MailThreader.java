package io.omnicase.channels.email;

import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseStatus;
import io.omnicase.cases.CaseView;
import io.omnicase.cases.EntryDetail;
import io.omnicase.cases.InteractionKind;
import io.omnicase.cases.TimelineEntry;
import io.omnicase.customers.Channel;
import io.omnicase.customers.CustomerId;
import io.omnicase.customers.Customers;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the case a mail continues, the way people write mail, by these rules in this order (the first that finds a
 * case the sender may join wins, and the mail's timeline entry names it):
 * <ol>
 *   <li>{@code In-Reply-To}, then every {@code References} entry from the newest: a Message-ID Omnicase received or
 *       sent; when it points to a case this sender may not join, the older ones are tried;</li>
 *   <li>the {@code [Case #n]} tag in the subject, then our tag or reply signature ("Support, case #n") in the quoted
 *       text, for a sender already on that case;</li>
 *   <li>Outlook's conversation ({@code Thread-Index}, whose first 22 bytes every mail of a conversation shares);</li>
 *   <li>the normalised subject (reply and forward prefixes of many languages and list tags removed) of a reply or
 *       forward, or Outlook's Thread-Topic of one, from the same sender, on their open or recently resolved case;</li>
 *   <li>a customer forwarding their own earlier mail (the forwarded Message-ID, or its subject and sender), or someone who
 *       may join the case forwarding the customer's mail on it (its sender and subject);</li>
 *   <li>people on the thread: a mail with the same normalised subject that names, in To or Cc, the customer of an
 *       open case joins that case as a participant.</li>
 * </ol>
 * Who may join a case: its customer, anyone who was on its mails (sender, To, Cc), and colleagues of its customer by
 * organisation (the same mail domain; free-mail domains are no organisation). Nothing else: a stranger's mail opens
 * their own case, because a wrong merge is worse than a split.
 */
@Component
class MailThreader {

    /**
     * Set on a mail's timeline entry when the receiving mail server proved its From (DMARC pass, {@link
     * SenderAuthentication#fromProven}): the people its To and Cc name are confirmed as on the customer's side.
     */
    static final String SENDER_VERIFIED = "senderVerified";

    /** How long after its resolution a case still takes a reply found only by its subject. */
    static final Duration RECENTLY_RESOLVED = Duration.ofDays(14);
    /** A subject this short says too little to join anything by it ("Hi", "?"). */
    private static final int MIN_SUBJECT_LENGTH = 4;

    /** The rule that joined a mail to its case, as the timeline names it. */
    enum Rule {
        IN_REPLY_TO("In-Reply-To"), REFERENCES("References"), CASE_TAG("[Case #n] tag"),
        QUOTED_CASE("case number in the quoted reply"), OUTLOOK_CONVERSATION("Outlook Thread-Index"),
        SUBJECT("subject and sender"), FORWARD("forward of own mail"), FORWARD_OF_CUSTOMER("forward of the customer's mail"),
        FORWARDED_REFERENCE("reference number of a forwarded mail"), PEOPLE("people on the thread"), NEW_CASE("new case");

        final String label;

        Rule(String label) {
            this.label = label;
        }
    }

    /**
     * Where the mail goes: the case (empty for a new one), by which rule, whether its sender joins as a participant of
     * another customer's case, and the Message-ID or tag the rule matched, for the timeline.
     */
    record Found(Optional<CaseView> caseView, Rule rule, boolean participant, String matched) {

        static final Found NEW = new Found(Optional.empty(), Rule.NEW_CASE, false, null);

        Map<String, Object> detail(List<String> to, List<String> cc) {
            Map<String, Object> detail = new java.util.LinkedHashMap<>();
            detail.put("threadedBy", rule.label);
            if (matched != null) {
                detail.put("threadedOn", matched);
            }
            if (participant) {
                detail.put("participant", true);
            }
            if (!to.isEmpty()) {
                detail.put("mailTo", to);
            }
            if (!cc.isEmpty()) {
                detail.put("mailCc", cc);
            }
            return detail;
        }
    }

    private final CaseManagement cases;
    private final Customers customers;
    private final Clock clock;

    MailThreader(CaseManagement cases, Customers customers) {
        this.cases = cases;
        this.customers = customers;
        this.clock = Clock.systemUTC();
    }

    /**
     * The case the mail continues. A Message-ID (In-Reply-To, References) is known only to those on the thread; a case
     * tag or an Outlook conversation can be guessed or copied, so on those a sender must already be on the case (its
     * customer, an earlier sender, or named in To or Cc), and a colleague by domain is not enough. An automatic mail
     * follows only a Message-ID (it is attached as a note, nobody is merged); a person's mail only to a case its
     * sender may join.
     */
    Found find(MimeMessage mail, String sender, boolean automatic, String support) throws MessagingException, IOException {
        String from = normalize(sender);
        List<String> inReplyTo = MailThreading.ids(MailClassifier.header(mail, "In-Reply-To"));
        for (String reference : MailThreading.references(mail)) {
            Optional<CaseView> found = cases.caseOfMessage(Channel.EMAIL, reference).filter(MailThreader::open);
            if (found.isPresent()) {
                Optional<Boolean> participant = automatic ? Optional.of(false)
                        : mayJoin(found.get(), from, support, Colleagues.OF_ANY_SENDER);
                if (participant.isPresent()) {
                    return new Found(found, inReplyTo.contains(reference) ? Rule.IN_REPLY_TO : Rule.REFERENCES,
                            participant.get(), reference);
                }
            }
        }
        Optional<Long> tag = MailThreading.caseToken(mail.getSubject());
        if (tag.isPresent()) {
            Optional<CaseView> found = cases.find(new CaseId(tag.get())).filter(MailThreader::open);
            Optional<Boolean> participant = found.isEmpty() || automatic ? Optional.empty()
                    : mayJoin(found.get(), from, support, Colleagues.NONE);
            if (participant.isPresent()) {
                return new Found(found, Rule.CASE_TAG, participant.get(), MailThreading.token(tag.get()));
            }
        }
        // The mail's text, read once: the quoted case number and the forward rule both look into it.
        String whole = MailText.whole(mail);
        if (!automatic) {
            // A reply whose client dropped In-Reply-To and References and whose writer changed the subject still quotes
            // our answer, and with it its tag or signature ("Omnicase Support, case #12"): that case, if its sender is on it.
            for (long quoted : MailThreading.quotedCaseNumbers(whole)) {
                Optional<CaseView> found = cases.find(new CaseId(quoted)).filter(MailThreader::open);
                Optional<Boolean> participant = found.isEmpty() ? Optional.empty()
                        : mayJoin(found.get(), from, support, Colleagues.NONE);
                if (participant.isPresent()) {
                    return new Found(found, Rule.QUOTED_CASE, participant.get(), MailThreading.token(quoted));
                }
            }
        }
        Optional<String> conversation = MailThreading.outlookConversation(mail);
        if (conversation.isPresent()) {
            Optional<CaseView> found = cases.caseOfThread(Channel.EMAIL, conversation.get()).filter(MailThreader::open);
            Optional<Boolean> participant = found.isEmpty() || automatic ? Optional.empty()
                    : mayJoin(found.get(), from, support, Colleagues.NONE);
            if (participant.isPresent()) {
                return new Found(found, Rule.OUTLOOK_CONVERSATION, participant.get(), conversation.get());
            }
        }
        String subject = mail.getSubject();
        String topic = MailThreading.normalizedSubject(subject);
        String threadTopic = MailThreading.normalizedSubject(MailClassifier.header(mail, "Thread-Topic"));
        Optional<CustomerId> customer = customers.known(Channel.EMAIL, from);
        if (customer.isPresent() && (MailThreading.isReplyOrForward(subject) || MailThreading.isOutlookReply(mail))) {
            // Outlook keeps the conversation's subject in Thread-Topic when the sender rewrote the subject line.
            Optional<CaseView> found = recentCaseAbout(customer.get(), topic)
                    .or(() -> threadTopic.equals(topic) ? Optional.empty() : recentCaseAbout(customer.get(), threadTopic));
            if (found.isPresent()) {
                return new Found(found, Rule.SUBJECT, false, null);
            }
        }
        Optional<Found> forward = forward(mail, whole, from, customer, support);
        if (forward.isPresent()) {
            return forward.get();
        }
        if (!automatic && topic.length() >= MIN_SUBJECT_LENGTH) {
            for (String named : addressees(mail, support)) {
                if (named.equals(from)) {
                    continue;
                }
                Optional<CaseView> found = customers.known(Channel.EMAIL, named).flatMap(c -> recentCaseAbout(c, topic));
                // Naming a customer in Cc is not enough: anyone can. The sender must be on that case already or be a
                // colleague of its customer (same organisation by domain); a participant's colleague is not enough,
                // or one partner on a thread would open it to everyone at their domain who guesses the subject.
                if (found.isPresent() && mayJoin(found.get(), from, support, Colleagues.OF_CUSTOMER).isPresent()) {
                    return new Found(found, Rule.PEOPLE, customer.map(c -> c.value() != found.get().customerId())
                            .orElse(true), named);
                }
            }
        }
        return Found.NEW;
    }

    /** A customer forwarding their own earlier mail: by its Message-ID, else by its sender (them) and subject. */
    private Optional<Found> forward(MimeMessage mail, String whole, String from, Optional<CustomerId> customer,
                                    String support)
            throws MessagingException, IOException {
        List<MailThreading.Forwarded> forwarded = new ArrayList<>();
        attachedMails(mail, forwarded, 0);
        boolean forward = MailThreading.isForward(mail.getSubject());
        MailThreading.forwarded(whole)
                .or(() -> forward ? MailThreading.outlookForwarded(whole) : Optional.empty())
                .ifPresent(forwarded::add);
        for (MailThreading.Forwarded f : forwarded) {
            if (f.messageId() != null) {
                Optional<CaseView> found = cases.caseOfMessage(Channel.EMAIL, f.messageId()).filter(MailThreader::open);
                Optional<Boolean> participant = found.isEmpty() ? Optional.empty()
                        : mayJoin(found.get(), from, support, Colleagues.OF_ANY_SENDER);
                if (participant.isPresent()) {
                    return Optional.of(new Found(found, Rule.FORWARD, participant.get(), f.messageId()));
                }
            }
            String topic = MailThreading.normalizedSubject(f.subject());
            if (customer.isPresent() && from.equals(f.from()) && topic.length() >= MIN_SUBJECT_LENGTH) {
                Optional<CaseView> found = recentCaseAbout(customer.get(), topic);
                if (found.isPresent()) {
                    return Optional.of(new Found(found, Rule.FORWARD, false, f.subject()));
                }
            }
            if (f.from() != null && !from.equals(f.from()) && topic.length() >= MIN_SUBJECT_LENGTH) {
                // A colleague forwarding the customer's mail on that matter ("me too", "please see below"): the case of
                // the forwarded mail's writer with its subject, when the sender may join it (on the case, or of the
                // customer's organisation by domain).
                Optional<CaseView> found = customers.known(Channel.EMAIL, f.from()).flatMap(c -> recentCaseAbout(c, topic));
                // The forwarded block is the sender's own text (anyone can write one): only the customer's colleagues.
                Optional<Boolean> participant = found.isEmpty() ? Optional.empty()
                        : mayJoin(found.get(), from, support, Colleagues.OF_CUSTOMER);
                if (participant.isPresent()) {
                    return Optional.of(new Found(found, Rule.FORWARD_OF_CUSTOMER, participant.get(), f.subject()));
                }
            }
            if (customer.isPresent() && f.from() != null && !from.equals(f.from())) {
                // A customer forwarding a third party's mail on their matter (the carrier's "Your parcel 77812 was
                // delivered", the shop's "Order 4410923 shipped") under its own subject: the case of theirs whose
                // messages name the reference its subject carries, when exactly one does.
                Optional<Found> byReference = caseNaming(customer.get(), MailThreading.referenceNumbers(f.subject()));
                if (byReference.isPresent()) {
                    return byReference;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The customer's one open or recently resolved mail case whose subject or messages name one of these references;
     * empty when none does or when several do (a reference shared by two cases tells nothing).
     */
    private Optional<Found> caseNaming(CustomerId customer, Set<String> references) {
        if (references.isEmpty()) {
            return Optional.empty();
        }
        List<CaseView> naming = new ArrayList<>();
        String matched = null;
        for (CaseView c : recentMailCases(customer).toList()) {
            StringBuilder text = new StringBuilder(c.subject() == null ? "" : c.subject());
            for (TimelineEntry entry : cases.timeline(new CaseId(c.id()))) {
                if ((entry.kind() == InteractionKind.INBOUND || entry.kind() == InteractionKind.OUTBOUND) && entry.text() != null) {
                    text.append('\n').append(entry.text());
                }
            }
            Set<String> named = MailThreading.referenceNumbers(text.toString());
            for (String reference : references) {
                if (named.contains(reference)) {
                    naming.add(c);
                    matched = reference;
                    break;
                }
            }
        }
        return naming.size() == 1
                ? Optional.of(new Found(Optional.of(naming.get(0)), Rule.FORWARDED_REFERENCE, false, matched))
                : Optional.empty();
    }

    /** The headers of mails attached whole (message/rfc822), as forwards as attachment carry them. */
    private static void attachedMails(Part part, List<MailThreading.Forwarded> found, int depth)
            throws MessagingException, IOException {
        if (depth > 5) {
            return;
        }
        if (part.isMimeType("message/rfc822") && MimeParts.enclosed(part).orElse(null) instanceof MimeMessage inner) {
            Address[] innerFrom = EmailInbound.addresses(inner, "From");
            String from = innerFrom != null && innerFrom.length > 0 && innerFrom[0] instanceof InternetAddress a
                    ? normalize(a.getAddress()) : null;
            found.add(new MailThreading.Forwarded(from, inner.getSubject(), inner.getMessageID()));
        } else {
            for (jakarta.mail.BodyPart child : MimeParts.children(part)) {
                attachedMails(child, found, depth + 1);
            }
        }
    }


    /** The customer's open or recently resolved case with this normalised subject, the latest touched first. */
    private Optional<CaseView> recentCaseAbout(CustomerId customer, String topic) {
        if (topic.length() < MIN_SUBJECT_LENGTH) {
            return Optional.empty();
        }
        return recentMailCases(customer)
                .filter(c -> topic.equals(MailThreading.normalizedSubject(c.subject())))
                .max(Comparator.comparing(CaseView::updatedAt));
    }

    /** The customer's mail cases a new mail may still join: open, or resolved within {@link #RECENTLY_RESOLVED}. */
    private java.util.stream.Stream<CaseView> recentMailCases(CustomerId customer) {
        Instant resolvedSince = clock.instant().minus(RECENTLY_RESOLVED);
        return cases.ofCustomer(customer).stream()
                .filter(c -> c.channel() == Channel.EMAIL)
                .filter(c -> c.status() != CaseStatus.CLOSED)
                .filter(c -> c.status() != CaseStatus.RESOLVED || c.resolvedAt() == null || c.resolvedAt().isAfter(resolvedSince));
    }

    /** Whose colleagues by mail domain may join a case besides the people on its mails. */
    private enum Colleagues {
        /** Nobody's: the case was found by something anyone can copy or guess (a case tag, an Outlook conversation). */
        NONE,
        /** The customer's: the case was found by its subject and customer, which outsiders can guess as well. */
        OF_CUSTOMER,
        /** Anyone's who wrote on it: the mail carried one of the thread's Message-IDs, which outsiders do not know. */
        OF_ANY_SENDER
    }

    /**
     * Whether this sender may join the case, and if so whether as a participant (not its customer): empty when not.
     * Participants are the people on the case's mails (senders, To and Cc) and the {@code colleagues} the rule that
     * found the case allows. Who of them a reply may go to is {@link #confirmedParticipant}'s matter.
     */
    private Optional<Boolean> mayJoin(CaseView view, String from, String support, Colleagues colleagues) {
        Optional<CustomerId> customer = customers.known(Channel.EMAIL, from);
        if (customer.isPresent() && customer.get().value() == view.customerId()) {
            return Optional.of(false);
        }
        Set<String> authors = new LinkedHashSet<>();
        Set<String> customerSide = new LinkedHashSet<>();
        Set<String> named = new LinkedHashSet<>();
        for (TimelineEntry entry : cases.timeline(new CaseId(view.id()))) {
            if (entry.kind() != InteractionKind.INBOUND || entry.channel() != Channel.EMAIL || entry.author() == null) {
                continue;
            }
            authors.add(normalize(entry.author()));
            if (entry.detail() instanceof EntryDetail.Fields fields) {
                addAll(named, fields.values().get("mailTo"));
                addAll(named, fields.values().get("mailCc"));
                if (!Boolean.TRUE.equals(fields.values().get("participant"))) {
                    customerSide.add(normalize(entry.author()));
                }
            } else {
                customerSide.add(normalize(entry.author()));
            }
        }
        named.remove(normalize(support));
        Set<String> kin = switch (colleagues) {
            case NONE -> Set.of();
            case OF_CUSTOMER -> customerSide;
            case OF_ANY_SENDER -> authors;
        };
        if (authors.contains(from) || named.contains(from)
                || kin.stream().anyMatch(author -> MailDomains.sameOrganisation(author, from))) {
            return Optional.of(true);
        }
        return Optional.empty();
    }

    /**
     * Whether a participant's mail comes from someone confirmed to be on the customer's side: the receiving server
     * proved its From ({@code fromProven}), the sender is of the customer's own organisation (a forged From of that
     * domain gets the reply at the real address), the mail answers one Omnicase sent on this case (its Message-ID
     * reached only those it was sent or forwarded to), or a mail on the case whose From was proved names them.
     */
    boolean confirmedParticipant(CaseView view, String sender, List<String> references, boolean fromProven) {
        if (fromProven) {
            return true;
        }
        String from = normalize(sender);
        Set<String> ours = new LinkedHashSet<>();
        for (TimelineEntry entry : cases.timeline(new CaseId(view.id()))) {
            if (entry.channel() != Channel.EMAIL) {
                continue;
            }
            if (entry.kind() == InteractionKind.OUTBOUND && entry.providerMessageId() != null) {
                ours.add(entry.providerMessageId());
            }
            if (entry.kind() != InteractionKind.INBOUND || entry.author() == null
                    || !(entry.detail() instanceof EntryDetail.Fields fields)) {
                continue;
            }
            boolean participant = Boolean.TRUE.equals(fields.values().get("participant"));
            if (!participant && MailDomains.sameOrganisation(normalize(entry.author()), from)) {
                return true;
            }
            if (Boolean.TRUE.equals(fields.values().get(SENDER_VERIFIED))) {
                Set<String> named = new LinkedHashSet<>();
                addAll(named, fields.values().get("mailTo"));
                addAll(named, fields.values().get("mailCc"));
                if (named.contains(from)) {
                    return true;
                }
            }
        }
        return references.stream().anyMatch(ours::contains);
    }

    private static void addAll(Set<String> into, Object addresses) {
        if (addresses instanceof Collection<?> list) {
            list.forEach(a -> into.add(normalize(String.valueOf(a))));
        }
    }

    /** The mail's To and Cc addresses, normalised, without the support address. */
    static List<String> addressees(MimeMessage mail, String support) throws MessagingException {
        List<String> all = new ArrayList<>(recipients(mail, Message.RecipientType.TO, support));
        all.addAll(recipients(mail, Message.RecipientType.CC, support));
        return all;
    }

    static List<String> recipients(MimeMessage mail, Message.RecipientType type, String support) {
        List<String> found = new ArrayList<>();
        try {
            Address[] addresses = mail.getRecipients(type);
            if (addresses != null) {
                for (Address address : addresses) {
                    if (address instanceof InternetAddress a && a.getAddress() != null
                            && Channel.EMAIL.identityKind().accepts(a.getAddress())) {
                        String normalized = normalize(a.getAddress());
                        if (!normalized.equals(normalize(support)) && !found.contains(normalized) && found.size() < 20) {
                            found.add(normalized);
                        }
                    }
                }
            }
        } catch (MessagingException e) {
            // An unparsable recipient header names nobody on the thread.
        }
        return found;
    }

    private static boolean open(CaseView view) {
        return view.status().isOpen();
    }

    private static String normalize(String address) {
        return address == null ? "" : Channel.EMAIL.identityKind().normalize(address.strip()).toLowerCase(Locale.ROOT);
    }
}
