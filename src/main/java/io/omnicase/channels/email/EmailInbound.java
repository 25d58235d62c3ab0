package io.omnicase.channels.email;

import io.omnicase.cases.CaseIntake;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseView;
import io.omnicase.cases.InboundMessage;
import io.omnicase.cases.IntakeResult;
import io.omnicase.customers.Channel;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Turns a mail of the support mailbox into a message of a case: people's mails thread onto their case (In-Reply-To and
 * References against the Message-IDs Omnicase has seen or sent, then the subject's case token, else a new case);
 * auto-replies are attached to the case they answer but never open one; bounces mark the address and open nothing.
 */
@Service
class EmailInbound {

    private static final Logger log = LoggerFactory.getLogger(EmailInbound.class);
    static final String AUTO_REPLY_PREFIX = "[Automatic reply] ";

    /**
     * What became of a mail. The poller adds two of its own: NOT_TAKEN (intake failed; left unseen for the next poll)
     * and MOVED_ASIDE (failed too often; moved to the folder for an operator).
     */
    enum Outcome { NEW_CASE, ADDED_TO_CASE, DUPLICATE, AUTO_REPLY_ATTACHED, AUTO_REPLY_DROPPED, BOUNCE, UNREADABLE,
        NOT_TAKEN, MOVED_ASIDE }

    private final CaseIntake intake;
    private final CaseManagement cases;
    private final EmailBounces bounces;
    private final Attachments attachments;

    EmailInbound(CaseIntake intake, CaseManagement cases, EmailBounces bounces, Attachments attachments) {
        this.intake = intake;
        this.cases = cases;
        this.bounces = bounces;
        this.attachments = attachments;
    }

    Outcome receive(MimeMessage mail) throws MessagingException, IOException {
        MailKind kind = MailClassifier.classify(mail);
        if (kind == MailKind.BOUNCE) {
            for (DeliveryReport.FailedRecipient failed : DeliveryReport.failedRecipients(mail)) {
                if (!failed.delayed()) {
                    bounces.record(failed.address(), failed.status(), failed.diagnostic());
                }
            }
            return Outcome.BOUNCE;
        }
        Optional<InternetAddress> from = sender(mail);
        if (from.isEmpty()) {
            log.info("Mail {} skipped: no readable sender", mail.getMessageID());
            return Outcome.UNREADABLE;
        }
        Optional<CaseView> thread = threadCase(mail);
        String text = MailText.of(mail);
        if (kind == MailKind.AUTO_REPLY) {
            if (thread.isEmpty() || !thread.get().status().isOpen()) {
                log.info("Automatic reply {} from {} dropped: it answers no open case", mail.getMessageID(), from.get().getAddress());
                return Outcome.AUTO_REPLY_DROPPED;
            }
            text = AUTO_REPLY_PREFIX + text;
        }
        List<Attachments.Found> files = attachments.find(mail);
        text = text + attachmentNote(files);
        if (text.isBlank()) {
            text = "(no text)";
        }
        IntakeResult result = intake.receive(new InboundMessage(Channel.EMAIL, from.get().getAddress(), from.get().getPersonal(),
                text, messageId(mail), null, mail.getSubject(), mail.getSentDate() == null ? null : mail.getSentDate().toInstant(),
                thread.map(CaseView::id).orElse(null), true));
        // Also for a duplicate: when a first take stored the message but not its files, the files are stored now.
        attachments.store(result.caseId().value(), result.messageId(), files);
        if (result.duplicate()) {
            return Outcome.DUPLICATE;
        }
        if (kind == MailKind.AUTO_REPLY) {
            return Outcome.AUTO_REPLY_ATTACHED;
        }
        return result.newCase() ? Outcome.NEW_CASE : Outcome.ADDED_TO_CASE;
    }

    /** The case the mail continues: a Message-ID it refers to that Omnicase has seen or sent, else the subject token. */
    private Optional<CaseView> threadCase(MimeMessage mail) throws MessagingException {
        for (String reference : MailThreading.references(mail)) {
            Optional<CaseView> found = cases.caseOfMessage(Channel.EMAIL, reference);
            if (found.isPresent()) {
                return found;
            }
        }
        return MailThreading.caseToken(mail.getSubject()).flatMap(id -> cases.find(new io.omnicase.cases.CaseId(id)));
    }

    /** The attachments as the timeline names them, refused ones with the reason. */
    private static String attachmentNote(List<Attachments.Found> files) {
        if (files.isEmpty()) {
            return "";
        }
        StringBuilder note = new StringBuilder("\n\nAttachments:");
        for (Attachments.Found file : files) {
            note.append("\n- ").append(file.filename())
                    .append(file.refusal() == null ? "" : " (not kept: " + file.refusal() + ")");
        }
        return note.toString();
    }

    private static Optional<InternetAddress> sender(MimeMessage mail) throws MessagingException {
        Address[] from = mail.getFrom();
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)
                || !Channel.EMAIL.identityKind().accepts(address.getAddress())) {
            return Optional.empty();
        }
        return Optional.of(address);
    }

    /** The mail's Message-ID; a mail without one is known by a hash of its bytes, so a second fetch is still a duplicate. */
    private static String messageId(MimeMessage mail) throws MessagingException, IOException {
        String id = mail.getMessageID();
        if (id != null && !id.isBlank() && id.length() <= 255) {
            return id.strip();
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        mail.writeTo(raw);
        try {
            return "<sha256." + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw.toByteArray()))
                    + "@omnicase.invalid>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
