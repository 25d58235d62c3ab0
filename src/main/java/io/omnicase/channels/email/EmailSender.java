package io.omnicase.channels.email;

import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseView;
import io.omnicase.cases.InteractionKind;
import io.omnicase.cases.TimelineEntry;
import io.omnicase.channels.ChannelsProperties;
import io.omnicase.channels.MessageSender;
import io.omnicase.channels.SendFailedException;
import io.omnicase.customers.Channel;
import io.omnicase.security.UserAccount;
import io.omnicase.security.UserAccounts;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.io.UnsupportedEncodingException;
import java.util.List;
import java.util.UUID;

/**
 * Sends replies by SMTP so that they thread in the customer's mail client: In-Reply-To the customer's last mail,
 * References to the case's mails, and the case token in the subject for clients that drop the headers.
 */
@Component
class EmailSender implements MessageSender {

    private static final int MAX_REFERENCES = 20;

    private final ObjectProvider<JavaMailSender> mail;
    private final ChannelsProperties.Email config;
    private final CaseManagement cases;
    private final EmailBounces bounces;
    private final UserAccounts users;

    EmailSender(ObjectProvider<JavaMailSender> mail, ChannelsProperties properties, CaseManagement cases, EmailBounces bounces,
                UserAccounts users) {
        this.mail = mail;
        this.config = properties.email();
        this.cases = cases;
        this.bounces = bounces;
        this.users = users;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public boolean enabled() {
        return config.enabled() && mail.getIfAvailable() != null;
    }

    @Override
    public String send(OutboundMessage message) {
        if (bounces.isBouncing(message.to())) {
            throw new SendFailedException(message.to() + " bounces; the reply was not mailed", true, null);
        }
        CaseId caseId = new CaseId(message.caseId());
        CaseView view = cases.find(caseId).orElseThrow(() -> new SendFailedException("case is gone", true, null));
        List<TimelineEntry> timeline = cases.timeline(caseId);
        List<TimelineEntry> mails = timeline.stream()
                .filter(e -> e.channel() == Channel.EMAIL && e.providerMessageId() != null)
                // The conversation is people's mails in and out; machines' mails attached as notes are no part of it.
                .filter(e -> e.kind() == InteractionKind.INBOUND || e.kind() == InteractionKind.OUTBOUND).toList();
        String inReplyTo = mails.stream().filter(e -> e.kind() == InteractionKind.INBOUND)
                .reduce((a, b) -> b).map(TimelineEntry::providerMessageId).orElse(null);
        List<String> references = mails.stream().map(TimelineEntry::providerMessageId)
                .skip(Math.max(0, mails.size() - MAX_REFERENCES)).toList();
        String messageId = "<case-" + message.caseId() + "." + message.interactionId() + "." + UUID.randomUUID()
                + "@" + config.address().substring(config.address().indexOf('@') + 1) + ">";
        JavaMailSender sender = mail.getObject();
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            helper.setFrom(config.address(), config.displayName());
            helper.setTo(message.to());
            helper.setSubject(subject(view));
            helper.setText(MailSignature.signed(message.text(), message.automatic() ? null : agentName(timeline, message),
                    message.automatic(), config.displayName(), message.caseId()), false);
            mime.setHeader("Message-ID", messageId);
            if (inReplyTo != null) {
                mime.setHeader("In-Reply-To", inReplyTo);
            }
            if (!references.isEmpty()) {
                mime.setHeader("References", String.join(" ", references));
            }
            if (message.automatic()) {
                // RFC 3834: the assistant's answers are automatic, so the customer's auto-responder does not answer them.
                mime.setHeader("Auto-Submitted", "auto-replied");
            }
            sender.send(mime);
            return messageId;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new SendFailedException("reply mail could not be built: " + e.getMessage(), true, e);
        } catch (MailException e) {
            throw new SendFailedException("SMTP server did not take the reply: " + e.getMessage(), false, e);
        }
    }

    /** The display name of the agent who wrote the reply, as the chat shows it; null when the account has none. */
    private String agentName(List<TimelineEntry> timeline, OutboundMessage message) {
        return timeline.stream().filter(e -> e.id() == message.interactionId()).findFirst()
                .map(TimelineEntry::author).flatMap(users::find).map(UserAccount::displayName)
                .filter(name -> !name.isBlank()).orElse(null);
    }

    /** "Re: " + the case subject without reply prefixes or an older token, + the case token. */
    static String subject(CaseView view) {
        String base = view.subject() == null ? "" : view.subject()
                .replaceAll("(?i)\\[Case #\\d+]", "")
                .replaceAll("(?i)^\\s*+(?:(?:re|aw|fwd?|wg)\\s*+:\\s*+)++", "")
                .strip();
        return "Re: " + base + (base.isEmpty() ? "" : " ") + MailThreading.token(view.id());
    }
}
