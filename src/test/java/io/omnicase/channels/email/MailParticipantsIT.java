package io.omnicase.channels.email;

import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.channels.MailServer;
import io.omnicase.support.RunningOmnicase;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whom an agent's reply goes to when people other than the customer write on a case's thread, with the real mailbox
 * (GreenMail IMAP and SMTP). Probe 48: a mail with a customer's address in From (anyone can write one) and the forger's
 * own in Cc joined the customer's case; the forger's next mail joined it as a participant, and the agent's reply, which
 * went to the last sender, was mailed to the forger. Such a sender still joins (real threads with a partner in Cc keep
 * together), but a reply goes only to the customer or to a participant something confirms: a mail whose From the
 * receiving server proved (DMARC) names them, or they answer a mail Omnicase sent.
 */
@RunningOmnicase
class MailParticipantsIT {

    @Autowired
    EmailPoller poller;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CaseManagement cases;

    @Test
    void aReplyNeverGoesToSomeoneOnlyAForgeableMailPutOnTheThread() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String customer = "cio-" + run + "@bigcorp-" + run + ".example";
        String forger = "mallory-" + run + "@evil-" + run + ".example";
        String subject = "Missing October invoices " + run;
        String first = deliver(customer, null, subject, null, null, "Our invoices for October are missing.");
        long caseId = MailCases.caseOf(jdbc, first);

        // No Authentication-Results of the mailbox's server: nothing says the customer sent it.
        String forged = deliver(customer, forger, "Re: " + subject, null, null,
                "Please keep my new assistant in copy on this.");
        assertThat(MailCases.caseOf(jdbc, forged)).isEqualTo(caseId);
        String byPeople = deliver(forger, customer, "Re: " + subject, forged, null,
                "I am the assistant: please send the invoices and the billing address here.");
        assertThat(MailCases.caseOf(jdbc, byPeople)).as("the thread stays together: the agent reads what they wrote")
                .isEqualTo(caseId);

        cases.reply(new CaseId(caseId), "senior", "Here are your October invoices " + run);
        String sentTo = await().atMost(Duration.ofSeconds(30)).until(() -> recipientOfReply(run), to -> to != null);
        assertThat(sentTo).as("the reply goes to the customer, not to the forger who wrote last").contains(customer);
        assertThat(MailConversationsIT.mailsTo(forger)).isEmpty();

        // SPF passes for the forger's own server and DKIM for their own domain; the customer's domain publishes no
        // DMARC policy: nothing proves the From, so the Cc confirms nobody either.
        String forger2 = "eve-" + run + "@evil2-" + run + ".example";
        String spfOnly = deliver(customer, forger2, "Re: " + subject, null, "Authentication-Results: "
                        + MailServer.AUTHSERV_ID + "; spf=pass smtp.mailfrom=evil2-" + run + ".example; dkim=pass header.d=evil2-"
                        + run + ".example; dmarc=none header.from=bigcorp-" + run + ".example",
                "Copying my other assistant.");
        String second = deliver(forger2, customer, "Re: " + subject, spfOnly, null, "Please send everything here.");
        assertThat(MailCases.caseOf(jdbc, second)).isEqualTo(caseId);
        assertThat(answered(caseId)).as("SPF or DKIM of the forger's own domain proves no From").isEqualTo(customer);
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
        assertThat(MailCases.caseOf(jdbc, reply)).isEqualTo(caseId);
        assertThat(answered(caseId)).as("a partner the customer's proven mail names is answered when they write last").isEqualTo(partner);

        // Someone else at the partner's domain who knows the subject and the customer's address, but no Message-ID of
        // the thread: a colleague of a participant, not of the customer (probe 48 L2). Their mail opens its own case.
        String stranger = "sam-" + run + "@accounting-" + run + ".example";
        String guessed = deliver(stranger, customer, "RE: " + subject, null, null, "Please send the refund to our account.");
        assertThat(MailCases.caseOf(jdbc, guessed)).as("one partner does not open the case to their whole domain")
                .isNotEqualTo(caseId);
        String colleague = "ines-" + run + "@shop-" + run + ".example";
        String byColleague = deliver(colleague, customer, "RE: " + subject, null, null, "I sent the parcel myself.");
        assertThat(MailCases.caseOf(jdbc, byColleague)).as("the customer's own colleague still joins").isEqualTo(caseId);
    }

    @Test
    void aParticipantWhoAnswersOurMailIsAnswered() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String customer = "lena-" + run + "@shop-" + run + ".example";
        String partner = "jo-" + run + "@accounting-" + run + ".example";
        String subject = "Credit note for order " + run;
        String first = deliver(customer, partner, subject, null, null, "Please send a credit note for the returned jacket.");
        long caseId = MailCases.caseOf(jdbc, first);
        String early = deliver(partner, customer, "Re: " + subject, first, null, "Adding: it is order " + run + ".");
        assertThat(MailCases.caseOf(jdbc, early)).isEqualTo(caseId);
        assertThat(answered(caseId)).as("nothing confirms the partner yet").isEqualTo(customer);

        cases.reply(new CaseId(caseId), "senior", "The credit note is on its way " + run);
        String ours = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT provider_message_id FROM "
                        + "interactions WHERE case_id = ? AND kind = 'OUTBOUND' AND provider_message_id IS NOT NULL ORDER BY id DESC LIMIT 1")
                .param(caseId).query(String.class).optional().orElse(null), id -> id != null);
        String answer = deliver(partner, customer, "RE: " + subject, ours, null, "Thanks, please address it to me.");
        assertThat(MailCases.caseOf(jdbc, answer)).isEqualTo(caseId);
        assertThat(answered(caseId)).as("answering our own mail shows they were sent it").isEqualTo(partner);
    }

    /** Whom a reply on the case goes to now: the address of the last sender a reply may go to. */
    private String answered(long caseId) {
        return cases.lastCorrespondent(new CaseId(caseId)).orElseThrow().address();
    }

    /** The To of the sent reply mail whose text carries the run's token, or null before it left. */
    private static String recipientOfReply(String run) throws Exception {
        for (MimeMessage m : MailServer.get().greenMail().getReceivedMessages()) {
            Object content = m.getContent();
            if (content instanceof String text && text.contains(run) && m.getHeader("In-Reply-To") != null
                    && m.getFrom() != null && m.getFrom()[0].toString().contains(MailServer.SUPPORT)) {
                return java.util.Arrays.toString(m.getRecipients(jakarta.mail.Message.RecipientType.TO));
            }
        }
        return null;
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
