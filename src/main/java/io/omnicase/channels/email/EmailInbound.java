package io.omnicase.channels.email;

import io.omnicase.cases.CaseIntake;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseView;
import io.omnicase.cases.InboundMessage;
import io.omnicase.cases.IntakeResult;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.Placement;
import io.omnicase.cases.SenderCheck;
import io.omnicase.channels.ChannelsProperties;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a mail of the support mailbox into a message of a case. People's mails thread onto their case by the rules of
 * {@link MailThreader} (the timeline entry names the rule), else open a new case. Machines' mails (auto-replies,
 * ticket systems' acknowledgements, lists, no-reply senders: {@link MailClassifier}) never open a case and never reach
 * the case process, so nothing answers them: threaded to a case they are attached as an automatic note, otherwise
 * they go to the log of machine mail. Bounces mark the failed address, open nothing, and are logged too. A person's
 * mail carries what the receiving server found of its sender ({@link SenderAuthentication}): one that is not verified
 * opens or joins its case as usual, and gets no automatic answer.
 */
@Service
class EmailInbound {

    private static final Logger log = LoggerFactory.getLogger(EmailInbound.class);
    static final String AUTO_REPLY_PREFIX = "[Automatic reply] ";

    /**
     * What became of a mail. The poller adds two of its own: NOT_TAKEN (intake failed; left unseen for the next poll)
     * and MOVED_ASIDE (failed too often; moved to the folder for an operator).
     */
    enum Outcome { NEW_CASE, ADDED_TO_CASE, DUPLICATE, AUTO_REPLY_ATTACHED, MACHINE_MAIL_LOGGED, BOUNCE, UNREADABLE,
        NOT_TAKEN, MOVED_ASIDE }

    /** The most addresses one delivery report marks as bouncing. */
    static final int MAX_BOUNCED_PER_REPORT = 5;

    private final CaseIntake intake;
    private final CaseManagement cases;
    private final EmailBounces bounces;
    private final Attachments attachments;
    private final MailThreader threader;
    private final MachineMail machineMail;
    private final String support;
    private final SenderAuthentication authentication;

    EmailInbound(CaseIntake intake, CaseManagement cases, EmailBounces bounces, Attachments attachments,
                 MailThreader threader, MachineMail machineMail, ChannelsProperties properties,
                 SenderAuthentication authentication) {
        this.authentication = authentication;
        this.intake = intake;
        this.cases = cases;
        this.bounces = bounces;
        this.attachments = attachments;
        this.threader = threader;
        this.machineMail = machineMail;
        this.support = properties.email().address() == null ? "" : properties.email().address().strip().toLowerCase(Locale.ROOT);
    }

    Outcome receive(MimeMessage mail) throws MessagingException, IOException {
        MailKind kind = MailClassifier.classify(mail);
        Optional<InternetAddress> from = sender(mail);
        String signal = kind == MailKind.HUMAN ? null : MailClassifier.signal(mail);
        if (kind == MailKind.HUMAN && from.isPresent() && from.get().getAddress().strip().equalsIgnoreCase(support)) {
            // Omnicase's own address writing to itself: answering it would be a loop with itself.
            kind = MailKind.AUTO_REPLY;
            signal = "sent from the support address itself";
        }
        if (kind == MailKind.BOUNCE) {
            // A report is anyone's mail: it marks an address only when it quotes a mail Omnicase sent there, at most a
            // few per report, and the customer's own mail clears the mark.
            List<DeliveryReport.FailedRecipient> failures = DeliveryReport.failedRecipients(mail);
            String report = raw(mail);
            for (DeliveryReport.FailedRecipient failed : failures.subList(0, Math.min(failures.size(), MAX_BOUNCED_PER_REPORT))) {
                if (failed.delayed()) {
                    continue;
                }
                if (bounces.reportsMailSentTo(failed.address(), report)) {
                    bounces.record(failed.address(), failed.status(), failed.diagnostic());
                } else {
                    log.info("Delivery report {} names {} but no mail Omnicase sent there: nothing marked",
                            mail.getMessageID(), failed.address());
                }
            }
            machineMail.log(messageId(mail), from.map(InternetAddress::getAddress).orElse(null), mail.getSubject(), kind,
                    signal, "");
            return Outcome.BOUNCE;
        }
        if (from.isEmpty()) {
            if (kind == MailKind.AUTO_REPLY) {
                machineMail.log(messageId(mail), null, mail.getSubject(), kind, signal, MailText.of(mail));
                return Outcome.MACHINE_MAIL_LOGGED;
            }
            log.info("Mail {} skipped: no readable sender", mail.getMessageID());
            return Outcome.UNREADABLE;
        }
        String address = from.get().getAddress();
        if (kind == MailKind.HUMAN) {
            // A person writes from this mailbox: it is alive, whatever a report (perhaps a forged one) said of it.
            bounces.clear(address);
        }
        MailThreader.Found thread = threader.find(mail, address, kind != MailKind.HUMAN, support);
        String text = MailText.of(mail);
        List<Attachments.Found> files = attachments.find(mail);
        text = text + attachmentNote(files);
        if (text.isBlank()) {
            text = "(no text)";
        }
        List<String> to = MailThreader.recipients(mail, jakarta.mail.Message.RecipientType.TO, support);
        List<String> cc = MailThreader.recipients(mail, jakarta.mail.Message.RecipientType.CC, support);
        Map<String, Object> detail = thread.detail(to, cc);
        if (kind == MailKind.AUTO_REPLY) {
            if (thread.caseView().isEmpty()) {
                log.info("Automatic mail {} from {} ({}) logged: it answers no case", mail.getMessageID(), address, signal);
                return machineMail.log(messageId(mail), address, mail.getSubject(), kind, signal, text)
                        ? Outcome.MACHINE_MAIL_LOGGED : Outcome.DUPLICATE;
            }
            detail.put("signal", signal);
            boolean attached = cases.attachAutomaticMessage(new CaseId(thread.caseView().get().id()), Channel.EMAIL,
                    address, AUTO_REPLY_PREFIX + text, messageId(mail), detail, sentAt(mail));
            return attached ? Outcome.AUTO_REPLY_ATTACHED : Outcome.DUPLICATE;
        }
        SenderCheck sender = authentication.check(mail, address);
        if (!sender.allowsAutomaticAnswer()) {
            log.info("Mail {} from {}: {}; a person answers it", mail.getMessageID(), address, sender.why());
        }
        boolean fromProven = SenderAuthentication.fromProven(sender);
        if (fromProven) {
            // The people its To and Cc name are then confirmed as on the customer's side (MailThreader.confirmedParticipant).
            detail.put(MailThreader.SENDER_VERIFIED, true);
        }
        if (thread.participant() && thread.caseView().isPresent() && !threader.confirmedParticipant(
                thread.caseView().get(), address, MailThreading.references(mail), fromProven)) {
            // Joins the case, but no reply is addressed to them (CaseManagement.reply): a forged From with the forger's
            // own address in Cc made the forger's next mail draw the agent's reply (probe 48).
            detail.put(Placement.UNCONFIRMED, true);
        }
        InboundMessage message = new InboundMessage(Channel.EMAIL, address, from.get().getPersonal(),
                text, messageId(mail), MailThreading.outlookConversation(mail).orElse(null), mail.getSubject(),
                sentAt(mail), thread.caseView().map(CaseView::id).orElse(null), true, sender);
        Placement placement = new Placement(detail, thread.participant());
        IntakeResult result = intake.receive(message, placement);
        if (result.otherSender()) {
            // Another sender's mail already has this Message-ID (a mailer that reuses ids, a list that rewrites From, or
            // a forgery): this mail is kept as its own message under an id that names its sender too, never joined to
            // the other one, whose case and files it must not touch.
            log.warn("Mail {} from {} reuses the Message-ID of another sender's mail; kept as its own message",
                    message.providerMessageId(), address);
            result = intake.receive(message.withProviderMessageId(message.providerMessageId() + " from " + address),
                    placement);
            if (result.otherSender()) {
                return Outcome.DUPLICATE;
            }
        }
        // Also for a duplicate: when a first take stored the message but not its files, the files are stored now.
        attachments.store(result.caseId().value(), result.messageId(), files);
        if (result.duplicate()) {
            return Outcome.DUPLICATE;
        }
        return result.newCase() ? Outcome.NEW_CASE : Outcome.ADDED_TO_CASE;
    }

    /** The whole mail as text (bytes read as Latin-1: every byte a character, nothing lost to decoding). */
    private static String raw(MimeMessage mail) throws MessagingException, IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        mail.writeTo(bytes);
        return bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static java.time.Instant sentAt(MimeMessage mail) throws MessagingException {
        return mail.getSentDate() == null ? null : mail.getSentDate().toInstant();
    }

    /** The attachments as the timeline names them, refused ones with the reason. */
    private static String attachmentNote(List<Attachments.Found> files) {
        if (files.isEmpty()) {
            return "";
        }
        StringBuilder note = new StringBuilder("\n\nAttachments:");
        for (Attachments.Found file : files) {
            note.append("\n- ").append(Attachments.shownName(file.filename()))
                    .append(file.refusal() == null ? "" : " (not kept: " + file.refusal() + ")");
        }
        return note.toString();
    }

    private static Optional<InternetAddress> sender(MimeMessage mail) throws MessagingException {
        Address[] from = addresses(mail, "From");
        if (from == null || from.length == 0) {
            from = addresses(mail, "Sender");
        }
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)
                || !Channel.EMAIL.identityKind().accepts(address.getAddress())) {
            return Optional.empty();
        }
        return Optional.of(address);
    }

    /**
     * The addresses of an address header, read leniently; null when there are none or they cannot be read. A bounce's
     * {@code From: MAILER-DAEMON <>}, {@code "Jane" <>} or {@code Name <not an address>} made the strict reading throw,
     * and the whole mail failed five times and was parked (mail probe of 5 December: 4 of the corpus's 69 bounces),
     * instead of being logged as a report or skipped as a mail without a readable sender.
     */
    static Address[] addresses(MimeMessage mail, String header) throws MessagingException {
        String value = mail.getHeader(header, ",");
        if (value == null) {
            return null;
        }
        try {
            return InternetAddress.parseHeader(value, false);
        } catch (jakarta.mail.internet.AddressException unreadable) {
            return null;
        }
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
