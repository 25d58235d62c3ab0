package io.omnicase.channels.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells people's mails from machines' (RFC 3834 auto-replies, challenge/response filters) and from delivery failure
 * reports (RFC 3464 DSNs and the many non-standard bounces of real MTAs), so that no mail loop starts and no case is
 * opened by a machine. Checked against the labelled corpus in ../shared/data/email-corpus.
 */
final class MailClassifier {

    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
            "undeliver|delivery status notification|delivery (failure|failed|has failed|problem|notification)|"
                    + "returned mail|mail delivery (failed|failure|system)|failure notice|could not be delivered|"
                    + "non[- ]?deliver|message not delivered|returned to sender|delivery report|mail system error|"
                    + "undelivered|nondeliverable|unzustellbar|not delivered|permanent error|delivery error|"
                    + "message you sent|mailbox (is )?full|quota exceeded|warning: message|rejected|bounce|loop alert|mail error|メールエラー",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BOUNCE_SENDER = Pattern.compile(
            "mailer-daemon|post_?master|mail delivery (subsystem|system)|mail administrator|mailerdaemon|"
                    + "mail-daemon|bounce[s]?@|noreply-dmarc|mdaemon",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AUTO_SUBJECT = Pattern.compile(
            "^(re:\\s*)?(automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|autorespons|out of (the )?office|"
                    + "abwesenheit|automatische antwort|r[ée]ponse automatique|away until|vacation|on leave)|"
                    + "\\((automatic|auto) (response|reply)\\)|\\[automatyczna",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AUTO_PRECEDENCE = Pattern.compile("bulk|junk|list|auto_reply", Pattern.CASE_INSENSITIVE);

    private MailClassifier() {
    }

    static MailKind classify(MimeMessage mail) throws MessagingException, IOException {
        if (isChallengeResponse(mail)) {
            return MailKind.AUTO_REPLY;
        }
        if (isBounce(mail)) {
            return MailKind.BOUNCE;
        }
        return isAutoReply(mail) ? MailKind.AUTO_REPLY : MailKind.HUMAN;
    }

    /** Spam filters that hold a mail until the sender proves to be human: automatic, but nothing failed. */
    private static boolean isChallengeResponse(MimeMessage mail) throws MessagingException, IOException {
        var headers = mail.getAllHeaders();
        while (headers.hasMoreElements()) {
            String name = headers.nextElement().getName().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-bluebottle-") || name.startsWith("x-boxbe")) {
                return true;
            }
        }
        String status = deliveryStatus(mail);
        return status != null && status.contains("not pre-approved");
    }

    private static boolean isBounce(MimeMessage mail) throws MessagingException, IOException {
        if (mail.isMimeType("multipart/report") || deliveryStatus(mail) != null
                || mail.getHeader("X-Failed-Recipients") != null) {
            return true;
        }
        String from = header(mail, "From");
        String subject = subject(mail);
        boolean nullSender = header(mail, "Return-Path").replaceAll("\\s", "").equals("<>");
        if (BOUNCE_SENDER.matcher(from).find()) {
            return true;
        }
        // Bounces from MTAs that do not write DSNs: a null or daemon sender and a subject saying delivery failed.
        return BOUNCE_SUBJECT.matcher(subject).find() && (nullSender || mail.getHeader("Auto-Submitted") != null
                || !subject.toLowerCase(Locale.ROOT).startsWith("re:"));
    }

    private static boolean isAutoReply(MimeMessage mail) throws MessagingException {
        String autoSubmitted = header(mail, "Auto-Submitted").toLowerCase(Locale.ROOT);
        if (!autoSubmitted.isEmpty() && !autoSubmitted.startsWith("no")) {
            return true;
        }
        if (mail.getHeader("X-Autoreply") != null || mail.getHeader("X-Autorespond") != null
                || mail.getHeader("X-Auto-Response-Suppress") != null && header(mail, "Return-Path").contains("<>")) {
            return true;
        }
        if (AUTO_PRECEDENCE.matcher(header(mail, "Precedence")).find()) {
            return true;
        }
        if (header(mail, "X-Apple-Action").equalsIgnoreCase("VACATION")) {
            return true;
        }
        return AUTO_SUBJECT.matcher(subject(mail)).find();
    }

    /** The text of the first message/delivery-status part, lower case, or null when the mail has none. */
    private static String deliveryStatus(Part part) throws MessagingException, IOException {
        String report = DeliveryReport.statusPart(part);
        return report == null ? null : report.toLowerCase(Locale.ROOT);
    }

    static String header(MimeMessage mail, String name) throws MessagingException {
        String value = mail.getHeader(name, ",");
        return value == null ? "" : value.strip();
    }

    private static String subject(MimeMessage mail) throws MessagingException {
        String subject = mail.getSubject();
        return subject == null ? "" : subject.strip();
    }
}
