package io.omnicase.channels.email;

import io.omnicase.channels.ChannelsProperties;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the support mailbox by IMAP: every unseen mail is handed to {@link EmailInbound} and marked seen only once its
 * case has committed (mails are read with IMAP's PEEK, so reading alone sets no flag). A mail that fails stays unseen
 * and is tried again on the next poll; a mail read twice (two app nodes) is stored once, by its Message-ID. A mail that
 * keeps failing for a reason of its own (not an unreachable database) is moved, after {@code max-attempts} failed
 * polls, to the folder {@code failed-folder} for an operator, who can move it back to the inbox once the cause is fixed.
 */
@Component
class EmailPoller {

    private static final Logger log = LoggerFactory.getLogger(EmailPoller.class);

    private final EmailInbound inbound;
    private final ChannelsProperties.Email config;
    private final int maxAttempts;
    private final String failedFolder;
    /** Failed attempts per mail (folder UID validity and UID) on this node; cleared when the mail is taken or moved. */
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    EmailPoller(EmailInbound inbound, ChannelsProperties properties,
                @Value("${omnicase.channels.email.max-attempts:5}") int maxAttempts,
                @Value("${omnicase.channels.email.failed-folder:Omnicase-not-taken}") String failedFolder) {
        this.inbound = inbound;
        this.config = properties.email();
        this.maxAttempts = Math.max(1, maxAttempts);
        this.failedFolder = failedFolder;
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
        // Fetch with BODY.PEEK: fetching a body would otherwise set \Seen before the mail's case is stored.
        properties.setProperty("mail." + config.imapProtocol() + ".peek", "true");
        // A mail is fetched in pieces of this size: at the default 16 KB a 20 MB mail took 1,750 round trips and held
        // the mailbox for 107 s (mail probe of 5 December); 1 MB pieces take 20.
        properties.setProperty("mail." + config.imapProtocol() + ".fetchsize", Integer.toString(1 << 20));
        Store store = Session.getInstance(properties).getStore(config.imapProtocol());
        store.connect(config.imapHost(), config.imapPort(), config.username(), config.password());
        boolean expunge = false;
        try {
            Folder folder = store.getFolder(config.folder());
            folder.open(Folder.READ_WRITE);
            try {
                for (Message message : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    String key = key(folder, message);
                    EmailInbound.Outcome outcome;
                    try {
                        outcome = inbound.receive(copy(message));
                    } catch (Exception e) {
                        if (failedForGood(store, folder, message, key, e)) {
                            outcomes.merge(EmailInbound.Outcome.MOVED_ASIDE, 1, Integer::sum);
                            expunge = true;
                        } else {
                            outcomes.merge(EmailInbound.Outcome.NOT_TAKEN, 1, Integer::sum);
                        }
                        continue;
                    }
                    if (outcome == EmailInbound.Outcome.UNREADABLE && moveAside(store, folder, message)) {
                        // No sender Omnicase can answer (none, or no valid address): no retry can help; an operator looks.
                        log.warn("Mail {} has no valid sender address and was moved to the folder {}", key, failedFolder);
                        expunge = true;
                    } else {
                        // The case has committed: only now is the mail seen. Should this fail, the next poll finds the
                        // mail again and takes it as a duplicate (by its Message-ID), storing nothing twice.
                        message.setFlag(Flags.Flag.SEEN, true);
                    }
                    failures.remove(key);
                    outcomes.merge(outcome, 1, Integer::sum);
                }
            } finally {
                folder.close(expunge);
            }
        } finally {
            store.close();
        }
        return outcomes;
    }

    /**
     * Counts a failed attempt; answers whether the mail was moved aside for good. Failures of the infrastructure
     * (database unreachable, mailbox connection lost) do not count: they are no fault of the mail.
     */
    private boolean failedForGood(Store store, Folder folder, Message message, String key, Exception e) {
        if (isTransient(e)) {
            log.warn("Mail {} not taken, left unseen for the next poll: {}", key, e.toString());
            return false;
        }
        int attempts = failures.merge(key, 1, Integer::sum);
        if (attempts < maxAttempts) {
            log.warn("Mail {} not taken (attempt {} of {}), left unseen for the next poll: {}", key, attempts, maxAttempts,
                    e.toString());
            return false;
        }
        if (!moveAside(store, folder, message)) {
            log.error("Mail {} could not be taken in {} attempts, nor moved to {}; it stays unseen: {}",
                    key, attempts, failedFolder, e.toString());
            return false;
        }
        failures.remove(key);
        log.error("Mail {} could not be taken in {} attempts and was moved to the folder {} for an operator: {}",
                key, attempts, failedFolder, e.toString());
        return true;
    }

    /** Copies the mail, unseen, to the operators' folder and marks it deleted here (expunged when the folder closes). */
    private boolean moveAside(Store store, Folder folder, Message message) {
        try {
            Folder aside = store.getFolder(failedFolder);
            if (!aside.exists() && !aside.create(Folder.HOLDS_MESSAGES)) {
                throw new MessagingException("cannot create folder " + failedFolder);
            }
            folder.copyMessages(new Message[]{message}, aside);
            message.setFlag(Flags.Flag.DELETED, true);
            return true;
        } catch (MessagingException e) {
            log.error("Mail #{} could not be moved to the folder {}: {}", message.getMessageNumber(), failedFolder, e.toString());
            return false;
        }
    }

    private static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof FolderClosedException || t instanceof StoreClosedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The mail as its raw bytes parsed here. (Not {@code new MimeMessage(imapMessage)}: that asks the server for the
     * envelope first, which a server may fail to build for a mail with a malformed sender, and the mail could never
     * be read.)
     */
    private static MimeMessage copy(Message message) throws MessagingException, IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        return Mails.parse(raw.toByteArray());
    }

    /** Names a mail for the attempt count and the log: its IMAP UID where the server has them. */
    private static String key(Folder folder, Message message) {
        try {
            if (folder instanceof UIDFolder uids) {
                return uids.getUIDValidity() + ":" + uids.getUID(message);
            }
            String[] id = message.getHeader("Message-ID");
            return id != null && id.length > 0 ? id[0] : "#" + message.getMessageNumber();
        } catch (MessagingException e) {
            return "#" + message.getMessageNumber();
        }
    }
}
