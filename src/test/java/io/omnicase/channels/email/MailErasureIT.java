package io.omnicase.channels.email;

import io.omnicase.channels.MailServer;
import io.omnicase.support.Api;
import io.omnicase.support.PersonalDataTraces;
import io.omnicase.support.RunningOmnicase;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Erasure reaches every copy Omnicase keeps of a customer's mail, with a real mailbox (GreenMail IMAP + SMTP): the
 * customer's mail (with an attachment) arrives by IMAP, an agent replies by SMTP, the customer answers quoting the
 * reply, a later reply bounces (the report, from the mail system, names the customer and quotes the reply's headers);
 * Omnicase keeps the mails it has read in the support mailbox (marked seen). After an administrator erases the
 * customer, no folder of the support mailbox, no column of the database and no index holds the customer's address or
 * a phrase of their mails, while another customer's mail in the same inbox stays.
 */
@RunningOmnicase
class MailErasureIT {

    @LocalServerPort
    int port;

    @Autowired
    EmailPoller poller;

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.elasticsearch.uris}")
    String elasticsearch;

    @Value("${omnicase.channels.email.imap-port}")
    int imapPort;

    @Test
    void erasingACustomerLeavesNoCopyOfTheirMailInTheSupportMailboxTheDatabaseOrTheIndex() throws Exception {
        Instant started = Instant.now();
        String word = "mz" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String phrase = "the " + word + " invoice charges me twice";
        String customer = "erase-" + word + "@customer.example";
        String otherWord = "kq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String other = "stays-" + otherWord + "@customer.example";

        MimeMessage first = mail(customer, "Invoice " + word, "Hello,\n\n" + phrase + ". Please correct it.\n");
        MimeMultipart parts = new MimeMultipart();
        parts.addBodyPart(text("Hello,\n\n" + phrase + ". My notes are attached.\n"));
        MimeBodyPart notes = new MimeBodyPart();
        notes.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(
                ("Notes: " + phrase + "\n").getBytes(StandardCharsets.US_ASCII), "text/plain")));
        notes.setFileName("notes.txt");
        notes.setDisposition(Part.ATTACHMENT);
        parts.addBodyPart(notes);
        first.setContent(parts);
        first.saveChanges();
        MailServer.get().deliver(first);
        MimeMessage others = mail(other, "Delivery " + otherWord, "Where is my " + otherWord + " delivery?\n");
        MailServer.get().deliver(others);
        poller.poll();
        long caseId = MailCases.caseOf(jdbc, first.getMessageID());
        assertThat(MailCases.caseOf(jdbc, others.getMessageID())).isNotEqualTo(caseId);
        assertThat(Api.as(port, "admin").get("/api/cases/" + caseId + "/attachments").json()).hasSize(1);

        // an agent replies by SMTP; the customer answers, quoting the reply
        assertThat(Api.as(port, "admin").postJson("/api/cases/" + caseId + "/replies",
                Map.of("text", "We are correcting the invoice.")).status()).isEqualTo(201);
        MimeMessage reply = awaitPersonsMailTo(customer);
        MimeMessage answer = mail(customer, "Re: " + reply.getSubject(),
                "Thanks, the " + word + " invoice is still wrong.\n\n> We are correcting the invoice.\n");
        answer.setHeader("In-Reply-To", reply.getMessageID());
        answer.setHeader("References", first.getMessageID() + " " + reply.getMessageID());
        answer.saveChanges();
        MailServer.get().deliver(answer);
        poller.poll();
        assertThat(MailCases.caseOf(jdbc, answer.getMessageID())).isEqualTo(caseId);

        // a later reply bounced: the report comes from the mail system, names the customer, quotes the reply's headers
        String unique = UUID.randomUUID().toString();
        MailServer.get().deliver(Mails.parse(new ByteArrayInputStream(("""
                From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>
                To: %1$s
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <%2$s@mx.customer.example>
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b-%2$s"

                --b-%2$s
                Content-Type: text/plain; charset=UTF-8

                Your message could not be delivered to %3$s.

                --b-%2$s
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.customer.example

                Final-Recipient: rfc822; %3$s
                Action: failed
                Status: 5.2.2
                Diagnostic-Code: smtp; 552 5.2.2 Mailbox full

                --b-%2$s
                Content-Type: text/rfc822-headers

                From: Omnicase Support <%1$s>
                To: %3$s
                Subject: %4$s
                Message-ID: %5$s
                References: %6$s

                --b-%2$s--
                """).formatted(MailServer.SUPPORT, unique, customer, reply.getSubject(), reply.getMessageID(), first.getMessageID())
                .getBytes(StandardCharsets.UTF_8))));
        poller.poll();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM email_bounces WHERE address = ?").param(customer).query(Integer.class)
                .single()).as("the bounce was read").isEqualTo(1);

        // before: the support mailbox keeps every one of these mails, the database and the index hold the customer
        assertThat(supportMailboxHolding(customer)).as("support mailbox holding the address").hasSizeGreaterThanOrEqualTo(3);
        assertThat(supportMailboxHolding(word)).as("support mailbox holding the phrase").hasSizeGreaterThanOrEqualTo(2);
        assertThat(PersonalDataTraces.mariaDbColumnsHolding(jdbc, customer)).isNotEmpty();
        assertThat(PersonalDataTraces.mariaDbColumnsHolding(jdbc, word)).contains("email_attachments.content");
        await().atMost(Duration.ofSeconds(60)).until(() -> PersonalDataTraces.elasticsearchHits(elasticsearch, word, "_all") > 0);
        MailCases.awaitQuiet(jdbc, started);

        long customerId = Api.as(port, "admin").get("/api/cases/" + caseId).json().get("customerId").asLong();
        Api.Response erased = Api.as(port, "admin").postJson("/api/audit/customers/" + customerId + "/erasure",
                Map.of("reason", "erasure request by mail"));
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String trace : List.of(customer, word)) {
                assertThat(supportMailboxHolding(trace)).as("support mailbox holding %s", trace).isEmpty();
                assertThat(PersonalDataTraces.mariaDbColumnsHolding(jdbc, trace)).as("MariaDB columns holding %s", trace).isEmpty();
                assertThat(PersonalDataTraces.elasticsearchHits(elasticsearch, trace, "_all")).as("documents holding %s", trace).isZero();
            }
        });
        // another customer's mail in the same inbox is kept
        assertThat(supportMailboxHolding(other)).hasSize(1);
        assertThat(supportMailboxHolding(otherWord)).hasSize(1);
    }

    /** Every mail in any folder of the support mailbox (deleted-but-not-expunged ones too) that holds the text. */
    private List<String> supportMailboxHolding(String text) throws Exception {
        String needle = text.toLowerCase(Locale.ROOT);
        List<String> holding = new ArrayList<>();
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", imapPort, "support", "secret");
        try {
            List<Folder> folders = new ArrayList<>(Arrays.asList(store.getDefaultFolder().list("*")));
            if (folders.stream().noneMatch(f -> f.getFullName().equalsIgnoreCase("INBOX"))) {
                folders.add(store.getFolder("INBOX"));
            }
            for (Folder folder : folders) {
                if ((folder.getType() & Folder.HOLDS_MESSAGES) == 0) {
                    continue;
                }
                folder.open(Folder.READ_ONLY);
                try {
                    for (Message message : folder.getMessages()) {
                        ByteArrayOutputStream raw = new ByteArrayOutputStream();
                        String all;
                        try {
                            message.writeTo(raw);
                            all = raw.toString(StandardCharsets.UTF_8) + "\n" + decoded(message);
                        } catch (jakarta.mail.MessageRemovedException expunged) {
                            continue; // expunged (by the erasure or the poller) while we read: it is gone
                        }
                        if (all.toLowerCase(Locale.ROOT).contains(needle)) {
                            holding.add(folder.getFullName() + ": " + message.getSubject());
                        }
                    }
                } finally {
                    folder.close(false);
                }
            }
        } finally {
            store.close();
        }
        return holding;
    }

    /** The text of every part, decoded (a phrase in a base64 or quoted-printable part is found too). */
    private static String decoded(Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(decoded(multipart.getBodyPart(i))).append('\n');
            }
            return text.toString();
        }
        if (content instanceof Part nested) {
            return decoded(nested);
        }
        if (content instanceof InputStream in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return String.valueOf(content);
    }

    private static MimeMessage mail(String from, String subject, String body) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(new InternetAddress(from));
        mail.setRecipients(Message.RecipientType.TO, MailServer.SUPPORT);
        mail.setSubject(subject);
        mail.setText(body, "UTF-8");
        mail.saveChanges();
        return mail;
    }

    private static MimeBodyPart text(String body) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(body, "UTF-8");
        return part;
    }

    /** The first mail a person (not the assistant) sent to the address. */
    private static MimeMessage awaitPersonsMailTo(String address) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !personsMailsTo(address).isEmpty());
        return personsMailsTo(address).get(0);
    }

    private static List<MimeMessage> personsMailsTo(String address) {
        return Arrays.stream(MailServer.get().greenMail().getReceivedMessages()).filter(m -> {
            try {
                return m.getHeader("Auto-Submitted") == null && m.getRecipients(Message.RecipientType.TO) != null
                        && Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

}
