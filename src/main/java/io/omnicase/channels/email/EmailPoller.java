package io.omnicase.channels.email;

import io.omnicase.channels.ChannelsProperties;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the support mailbox by IMAP: every unseen mail is handed to {@link EmailInbound} and marked seen once it is
 * stored. A mail that fails stays unseen and is tried again on the next poll; a mail read twice (two app nodes) is
 * stored once, by its Message-ID.
 */
@Component
class EmailPoller {

    private static final Logger log = LoggerFactory.getLogger(EmailPoller.class);

    private final EmailInbound inbound;
    private final ChannelsProperties.Email config;

    EmailPoller(EmailInbound inbound, ChannelsProperties properties) {
        this.inbound = inbound;
        this.config = properties.email();
    }

    @Scheduled(initialDelayString = "${omnicase.channels.email.poll-interval:PT10S}",
            fixedDelayString = "${omnicase.channels.email.poll-interval:PT10S}")
    void scheduledPoll() {
        if (!config.enabled()) {
            return;
        }
        try {
            poll();
        } catch (MessagingException e) {
            log.warn("Mailbox {} on {}:{} not read: {}", config.folder(), config.imapHost(), config.imapPort(), e.getMessage());
        }
    }

    /** Reads the unseen mails now; answers what became of them. */
    synchronized Map<EmailInbound.Outcome, Integer> poll() throws MessagingException {
        Map<EmailInbound.Outcome, Integer> outcomes = new EnumMap<>(EmailInbound.Outcome.class);
        Properties properties = new Properties();
        properties.setProperty("mail.mime.allowutf8", "true");
        properties.setProperty("mail." + config.imapProtocol() + ".connectiontimeout", "10000");
        properties.setProperty("mail." + config.imapProtocol() + ".timeout", "30000");
        Store store = Session.getInstance(properties).getStore(config.imapProtocol());
        store.connect(config.imapHost(), config.imapPort(), config.username(), config.password());
        try {
            Folder folder = store.getFolder(config.folder());
            folder.open(Folder.READ_WRITE);
            try {
                for (Message message : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    try {
                        EmailInbound.Outcome outcome = inbound.receive(new MimeMessage((MimeMessage) message));
                        outcomes.merge(outcome, 1, Integer::sum);
                        message.setFlag(Flags.Flag.SEEN, true);
                    } catch (Exception e) {
                        log.warn("Mail {} not taken, left unseen for the next poll: {}", message.getMessageNumber(), e.toString());
                    }
                }
            } finally {
                folder.close(false);
            }
        } finally {
            store.close();
        }
        return outcomes;
    }
}
