package io.omnicase.channels.email;

import io.omnicase.channels.MailServer;
import io.omnicase.support.RunningOmnicase;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who a mail's To and Cc put on a case, with the real mailbox (GreenMail IMAP): only a mail whose sender the receiving
 * mail server verified names people who may then join the case. Probe 48: a mail with a customer's address in From
 * (anyone can write one) and the forger's own in Cc joined the customer's case; the forger's next mail joined it as a
 * participant, and the agent's reply, which goes to the last sender, was mailed to the forger.
 */
@RunningOmnicase
class MailParticipantsIT {

    @Autowired
    EmailPoller poller;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAddressAForgedMailPutsInCcDoesNotJoinTheCustomersCase() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String customer = "cio-" + run + "@bigcorp-" + run + ".example";
        String forger = "mallory-" + run + "@evil-" + run + ".example";
        String subject = "Missing October invoices " + run;
        String first = deliver(customer, null, subject, null, null, "Our invoices for October are missing.");
        long caseId = MailCases.caseOf(jdbc, first);

        // No Authentication-Results of the mailbox's server: nothing says the customer sent it.
        String forged = deliver(customer, forger, "Re: " + subject, null, null,
                "Please keep my new assistant in copy on this.");
        assertThat(MailCases.caseOf(jdbc, forged)).as("the forged mail is the customer's as far as anyone can tell")
                .isEqualTo(caseId);

        String byPeople = deliver(forger, customer, "Re: " + subject, null, null,
                "I am the assistant: please send the invoices and the billing address here.");
        assertThat(MailCases.caseOf(jdbc, byPeople)).as("the forger, named only by a forged mail, opens their own case")
                .isNotEqualTo(caseId);
        String byReference = deliver(forger, customer, "Re: " + subject, forged, null,
                "Following up on my colleague's mail.");
        assertThat(MailCases.caseOf(jdbc, byReference)).as("also when the mail answers the forged one")
                .isNotEqualTo(caseId);

        // SPF passes for the forger's own server and DKIM for their own domain; the customer's domain publishes no
        // DMARC policy. The sender counts as verified for answers, but nothing proves the From: the Cc names nobody.
        String forger2 = "eve-" + run + "@evil2-" + run + ".example";
        String spfOnly = deliver(customer, forger2, "Re: " + subject, null, "Authentication-Results: "
                        + MailServer.AUTHSERV_ID + "; spf=pass smtp.mailfrom=evil2-" + run + ".example; dkim=pass header.d=evil2-"
                        + run + ".example; dmarc=none header.from=bigcorp-" + run + ".example",
                "Copying my other assistant.");
        assertThat(MailCases.caseOf(jdbc, spfOnly)).isEqualTo(caseId);
        String second = deliver(forger2, customer, "Re: " + subject, spfOnly, null, "Please send everything here.");
        assertThat(MailCases.caseOf(jdbc, second)).as("SPF or DKIM of the forger's own domain proves no From")
                .isNotEqualTo(caseId);
    }

    @Test
    void aPartnerInCcOfAVerifiedMailJoinsTheCaseWhenTheyReplyToAll() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String customer = "maria-" + run + "@shop-" + run + ".example";
        String partner = "tom-" + run + "@accounting-" + run + ".example";
        String subject = "Refund for order " + run;
        String first = deliver(customer, partner, subject, null, "Authentication-Results: " + MailServer.AUTHSERV_ID
                + "; spf=pass smtp.mailfrom=shop-" + run + ".example; dmarc=pass header.from=shop-" + run + ".example",
                "When do I get the refund for the jacket I sent back?");
        long caseId = MailCases.caseOf(jdbc, first);

        String reply = deliver(partner, customer, "RE: " + subject, first, null, "Adding: it went back on Monday.");
        assertThat(MailCases.caseOf(jdbc, reply)).as("a partner the customer's verified mail names joins on reply-all")
                .isEqualTo(caseId);
    }

    /** Puts a person's mail into the support mailbox by IMAP APPEND, as it is, reads it, and answers its Message-ID. */
    private String deliver(String from, String cc, String subject, String inReplyTo, String authenticationResults,
                           String text) throws Exception {
        String id = "<participants-" + UUID.randomUUID() + "@" + from.substring(from.indexOf('@') + 1) + ">";
        String raw = (authenticationResults == null ? "" : authenticationResults + "\r\n")
                + "From: Sender <" + from + ">\r\nTo: " + MailServer.SUPPORT + "\r\n"
                + (cc == null ? "" : "Cc: <" + cc + ">\r\n")
                + "Subject: " + subject + "\r\nMessage-ID: " + id + "\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\nReferences: " + inReplyTo + "\r\n")
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n";
        MimeMessage mail = Mails.parse(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        MailConversationsIT.append(mail);
        poller.poll();
        return id;
    }
}
