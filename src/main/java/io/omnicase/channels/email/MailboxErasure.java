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
import jakarta.mail.search.BodyTerm;
import jakarta.mail.search.FromStringTerm;
import jakarta.mail.search.HeaderTerm;
import jakarta.mail.search.RecipientStringTerm;
import jakarta.mail.search.SubjectTerm;
import jakarta.mail.search.OrTerm;
import jakarta.mail.search.SearchTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The copies of an erased customer's mail that Omnicase keeps in the support mailbox it reads (the inbox, where read
 * mail stays marked seen; the folder of mail not taken; any other folder of the account) are deleted and expunged
 * after the erasure commits: their own mails, mails to or about them (a bounce of a reply to them) and the mails of
 * their cases' threads. Omnicase keeps no other copy: replies go out by SMTP only (no Sent folder), attachments live in
 * the database (erased with it). A delivery that
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
        if (!config.enabled() || (emails.isEmpty() && erased.caseIds().isEmpty())) {
            return;
        }
        Properties properties = new Properties();
        properties.setProperty("mail." + config.imapProtocol() + ".connectiontimeout", "10000");
        properties.setProperty("mail." + config.imapProtocol() + ".timeout", "30000");
        Store store = Session.getInstance(properties).getStore(config.imapProtocol());
        store.connect(config.imapHost(), config.imapPort(), config.username(), config.password());
        try {
            SearchTerm theirs = copiesOf(emails, erased.caseIds());
            int deleted = 0;
            for (Folder folder : folders(store)) {
                folder.open(Folder.READ_WRITE);
                try {
                    for (Message message : folder.search(theirs)) {
                        message.setFlag(Flags.Flag.DELETED, true);
                        deleted++;
                    }
                } finally {
                    folder.close(true); // expunges
                }
            }
            log.info("Erasure of customer {}: {} mails deleted from the support mailbox", erased.customer().value(), deleted);
        } finally {
            store.close();
        }
    }

    /**
     * The mails that are copies of the customer's mail or carry it: from, to or in copy to one of their addresses, or
     * naming one in the body (a bounce of a reply to them reports their address); and the mails of their cases by the
     * thread (a reply quoting Omnicase's reply refers to its Message-ID {@code <case-ID.…>}; its subject carries the
     * case token {@code [Case #ID]}), wherever they came from.
     */
    static SearchTerm copiesOf(List<String> emails, List<Long> caseIds) {
        List<SearchTerm> terms = new ArrayList<>();
        for (String email : emails) {
            terms.add(new FromStringTerm(email));
            terms.add(new RecipientStringTerm(Message.RecipientType.TO, email));
            terms.add(new RecipientStringTerm(Message.RecipientType.CC, email));
            terms.add(new BodyTerm(email));
        }
        for (Long caseId : caseIds) {
            terms.add(new HeaderTerm("References", "<case-" + caseId + "."));
            terms.add(new HeaderTerm("In-Reply-To", "<case-" + caseId + "."));
            terms.add(new SubjectTerm("[Case #" + caseId + "]"));
        }
        return terms.size() == 1 ? terms.get(0) : new OrTerm(terms.toArray(SearchTerm[]::new));
    }

    /**
     * Every folder of the support account that holds mail: the inbox, the folder of mail not taken, and any folder an
     * operator (or a mail client sharing the account, keeping sent mail) filed mail into.
     */
    private List<Folder> folders(Store store) throws MessagingException {
        List<Folder> folders = new ArrayList<>();
        for (Folder folder : store.getDefaultFolder().list("*")) {
            if ((folder.getType() & Folder.HOLDS_MESSAGES) != 0) {
                folders.add(folder);
            }
        }
        for (String name : List.of(config.folder(), failedFolder)) {
            if (folders.stream().noneMatch(f -> f.getFullName().equalsIgnoreCase(name))) {
                Folder folder = store.getFolder(name);
                if (folder.exists()) {
                    folders.add(folder);
                }
            }
        }
        return folders;
    }
}
