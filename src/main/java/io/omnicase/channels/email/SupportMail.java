package io.omnicase.channels.email;

import io.omnicase.channels.ChannelsProperties;
import io.omnicase.channels.SendFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.io.UnsupportedEncodingException;

/**
 * Mails a short notice that belongs to no case (a chat visitor's one-time code) from the support address, through the
 * same SMTP server and sender that mail agents' replies.
 */
@Component
public class SupportMail {

    private final ObjectProvider<JavaMailSender> mail;
    private final ChannelsProperties.Email config;

    SupportMail(ObjectProvider<JavaMailSender> mail, ChannelsProperties properties) {
        this.mail = mail;
        this.config = properties.email();
    }

    /** Whether outbound mail is configured; when it is not, nothing can be mailed. */
    public boolean available() {
        return config.enabled() && mail.getIfAvailable() != null;
    }

    /**
     * Sends a plain-text notice.
     *
     * @throws SendFailedException when mail is off, the mail cannot be built, or the SMTP server does not take it
     */
    public void send(String to, String subject, String text) {
        if (!available()) {
            throw new SendFailedException("outbound mail is switched off", true, null);
        }
        JavaMailSender sender = mail.getObject();
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            helper.setFrom(config.address(), config.displayName());
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(text, false);
            // RFC 3834: machine-made, so auto-responders do not answer it.
            mime.setHeader("Auto-Submitted", "auto-generated");
            sender.send(mime);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new SendFailedException("notice mail could not be built: " + e.getMessage(), true, e);
        } catch (MailException e) {
            throw new SendFailedException("SMTP server did not take the notice: " + e.getMessage(), false, e);
        }
    }
}
