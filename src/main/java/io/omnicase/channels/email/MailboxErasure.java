package io.omnicase.channels.email;

import io.omnicase.channels.ChannelsProperties;
import io.omnicase.customers.CustomerErased;
import io.omnicase.customers.Identity;
import io.omnicase.customers.IdentityKind;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FromStringTerm;
import jakarta.mail.search.OrTerm;
import jakarta.mail.search.SearchTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Properties;

/**
 * The copies of an erased customer's mail that Omnicase keeps in the support mailbox it reads (the inbox, where read
 * mail stays marked seen, and the folder of mail not taken) are deleted after the erasure commits. A delivery that
 * fails (the mailbox unreachable) stays in the event publication registry and is retried.
 */
@Component
class MailboxErasure {

    private static final Logger log = LoggerFactory.getLogger(MailboxErasure.class);

    private final ChannelsProperties.Email config;
    private final String failedFolder;

    MailboxErasure(ChannelsProperties properties,
                   @Value("${omnicase.channels.email.failed-folder:Omnicase-not-taken}") String failedFolder) {
        this.config = properties.email();
        this.failedFolder = failedFolder;
    }

    @ApplicationModuleListener
    void on(CustomerErased erased) throws MessagingException {
        List<String> emails = erased.identities().stream().filter(i -> i.kind() == IdentityKind.EMAIL)
                .map(Identity::address).distinct().toList();
        if (!config.enabled() || emails.isEmpty()) {
            return;
        }
        Properties properties = new Properties();
        properties.setProperty("mail." + config.imapProtocol() + ".connectiontimeout", "10000");
        properties.setProperty("mail." + config.imapProtocol() + ".timeout", "30000");
        Store store = Session.getInstance(properties).getStore(config.imapProtocol());
        store.connect(config.imapHost(), config.imapPort(), config.username(), config.password());
        try {
            SearchTerm from = new OrTerm(emails.stream().map(FromStringTerm::new).toArray(SearchTerm[]::new));
            int deleted = 0;
            for (String name : List.of(config.folder(), failedFolder)) {
                Folder folder = store.getFolder(name);
                if (!folder.exists()) {
                    continue;
                }
                folder.open(Folder.READ_WRITE);
                try {
                    for (Message message : folder.search(from)) {
                        message.setFlag(Flags.Flag.DELETED, true);
                        deleted++;
                    }
                } finally {
                    folder.close(true);
                }
            }
            log.info("Erasure of customer {}: {} mails deleted from the support mailbox", erased.customer().value(), deleted);
        } finally {
            store.close();
        }
    }
}
