package io.omnicase.channels.email;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import io.omnicase.channels.MailServer;
import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No mail is lost: a mail is marked seen only once its case has committed, a mail whose intake fails stays unseen and
 * is taken by a later poll exactly once, and a mail that can never be taken is moved to a folder for an operator. The
 * failure is a real one: a database trigger refuses the mail's message row, as a full disk or a broken constraint would.
 */
@RunningOmnicase
class MailIntakeFailureIT {

    private static final String NOT_TAKEN = "Omnicase-not-taken";

    @LocalServerPort
    int port;

    @Autowired
    EmailPoller poller;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EmailInbound inbound;

    @Test
    void aMailWhoseIntakeFailsStaysUnseenAndIsTakenExactlyOnceByALaterPoll() throws Exception {
        String customer = "retry-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
        String messageId = "<retry-" + UUID.randomUUID() + "@customer.example>";
        String trigger = refuseMessagesFrom(customer);
        try {
            deliver(mail(customer, "Retry Me", messageId, "My invoice is wrong."));

            Map<EmailInbound.Outcome, Integer> failed = poller.poll();

            assertThat(failed).containsKey(EmailInbound.Outcome.NOT_TAKEN);
            assertThat(stored(messageId)).isZero();
            assertThat(inInbox(messageId)).as("left in the inbox").isPresent();
            assertThat(inInbox(messageId).get().isSet(Flags.Flag.SEEN)).as("not marked seen").isFalse();
        } finally {
            dropTrigger(trigger);
        }

        Map<EmailInbound.Outcome, Integer> retried = poller.poll();
        Map<EmailInbound.Outcome, Integer> again = poller.poll();

        assertThat(retried).containsEntry(EmailInbound.Outcome.NEW_CASE, 1).doesNotContainKey(EmailInbound.Outcome.NOT_TAKEN);
        assertThat(again).as("nothing left to take").doesNotContainKeys(EmailInbound.Outcome.NEW_CASE,
                EmailInbound.Outcome.DUPLICATE);
        assertThat(stored(messageId)).as("stored exactly once").isEqualTo(1);
        assertThat(inInbox(messageId).get().isSet(Flags.Flag.SEEN)).isTrue();
        long caseId = jdbc.sql("SELECT case_id FROM interactions WHERE channel = 'EMAIL' AND provider_message_id = ?")
                .param(messageId).query(Long.class).single();
        assertThat(Api.as(port, "agent").getOnceRouted("/api/cases/" + caseId + "/timeline").json().findValuesAsText("text"))
                .containsOnlyOnce("My invoice is wrong.");
    }

    @Test
    void aMailThatCanNeverBeTakenIsMovedAsideForAnOperatorAfterFiveAttempts() throws Exception {
        String customer = "poison-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
        String messageId = "<poison-" + UUID.randomUUID() + "@customer.example>";
        String trigger = refuseMessagesFrom(customer);
        try {
            deliver(mail(customer, "Poison", messageId, "This mail always fails."));

            for (int attempt = 1; attempt < 5; attempt++) {
                assertThat(poller.poll()).as("attempt " + attempt).containsKey(EmailInbound.Outcome.NOT_TAKEN);
                assertThat(inInbox(messageId)).isPresent();
            }
            Map<EmailInbound.Outcome, Integer> fifth = poller.poll();

            assertThat(fifth).containsEntry(EmailInbound.Outcome.MOVED_ASIDE, 1);
            assertThat(inInbox(messageId)).as("gone from the inbox").isEmpty();
            Optional<StoredMessage> aside = inFolder(NOT_TAKEN, messageId);
            assertThat(aside).as("kept for an operator").isPresent();
            assertThat(aside.get().isSet(Flags.Flag.SEEN)).as("unseen, so the operator notices it").isFalse();
            assertThat(poller.poll()).as("not tried again").doesNotContainKeys(EmailInbound.Outcome.NOT_TAKEN,
                    EmailInbound.Outcome.MOVED_ASIDE);
            assertThat(stored(messageId)).isZero();
        } finally {
            dropTrigger(trigger);
        }
    }

    @Test
    void aBrokenMailIsTakenOnceWithTheTextAMailClientWouldShow() throws Exception {
        // Mail probe of 5 December: each was refused by the mail library five times and parked for an operator unread.
        String[][] broken = {
                {"multipart/mixed; boundary=\"never-there\"", "8bit", "My parcel 4411 never arrived."},
                {"text/plain; charset=utf-8", "base64", "TXkgcGFyY2VsIG5ldmVyIGFycml2ZWQu!!!***==="},
                {"text/plain; charset=utf-8", "x-uuencode-weird", "My parcel never arrived, unknown encoding."}};
        String[] expected = {"My parcel 4411 never arrived.", "My parcel never arrived.", "My parcel never arrived, unknown encoding."};
        for (int i = 0; i < broken.length; i++) {
            String customer = "broken-" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
            String messageId = "<broken-" + UUID.randomUUID() + "@customer.example>";
            deliverRaw("From: " + customer + "\r\nTo: " + MailServer.SUPPORT + "\r\nSubject: Parcel\r\nMessage-ID: "
                    + messageId + "\r\nMIME-Version: 1.0\r\nContent-Type: " + broken[i][0]
                    + "\r\nContent-Transfer-Encoding: " + broken[i][1] + "\r\n\r\n" + broken[i][2] + "\r\n");

            assertThat(poller.poll()).as(broken[i][1]).containsKey(EmailInbound.Outcome.NEW_CASE);
            assertThat(stored(messageId)).as(broken[i][1]).isEqualTo(1);
            assertThat(jdbc.sql("SELECT body FROM interactions WHERE channel = 'EMAIL' AND provider_message_id = ?")
                    .param(messageId).query(String.class).single()).as(broken[i][1]).isEqualTo(expected[i]);
            assertThat(poller.poll()).as("taken once").doesNotContainKeys(EmailInbound.Outcome.NEW_CASE,
                    EmailInbound.Outcome.NOT_TAKEN);
        }
    }

    @Test
    void everyBounceOfTheCorpusIsTakenAsAReportAndAMailWithAnEmptySenderIsSkipped() throws Exception {
        // Mail probe of 5 December: "From: MAILER-DAEMON <>" and the like made the strict address reading throw, and
        // 4 of the corpus's 69 bounces failed five times and were parked instead of being read as reports.
        java.nio.file.Path corpus = io.omnicase.channels.SharedData.folder("email-corpus");
        List<String> lines = java.nio.file.Files.readAllLines(corpus.resolve("labels.csv"));
        List<String> notTaken = new java.util.ArrayList<>();
        int bounces = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            if (line.isBlank() || !"bounce".equalsIgnoreCase(cells[1].strip())) {
                continue;
            }
            bounces++;
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(corpus.resolve(cells[0]))) {
                EmailInbound.Outcome outcome = inbound.receive(Mails.parse(in));
                if (outcome != EmailInbound.Outcome.BOUNCE) {
                    notTaken.add(cells[0] + ": " + outcome);
                }
            } catch (Exception e) {
                notTaken.add(cells[0] + ": " + e);
            }
        }
        assertThat(bounces).isEqualTo(69);
        assertThat(notTaken).isEmpty();

        for (String from : List.of("\"Jane Doe\" <>", "Probe <not an address>", "<>")) {
            MimeMessage mail = Mails.parse(new ByteArrayInputStream(("From: " + from + "\r\nTo: " + MailServer.SUPPORT
                    + "\r\nSubject: Please call me\r\nMessage-ID: <empty-" + UUID.randomUUID() + "@example.org>\r\n\r\n"
                    + "Please call me back.\r\n").getBytes(StandardCharsets.US_ASCII)));
            assertThat(inbound.receive(mail)).as(from).isEqualTo(EmailInbound.Outcome.UNREADABLE);
        }
    }

    @Test
    void aMailWithA250CharacterSenderNameIsTakenWithTheNameShortened() throws Exception {
        String customer = "longname-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
        String messageId = "<longname-" + UUID.randomUUID() + "@customer.example>";
        String name = "Ünïcode Ñame 😀 ".repeat(16).substring(0, 250);
        deliver(mail(customer, name, messageId, "Hello with a long name."));

        assertThat(poller.poll()).containsKey(EmailInbound.Outcome.NEW_CASE);

        assertThat(stored(messageId)).isEqualTo(1);
        assertThat(inInbox(messageId).get().isSet(Flags.Flag.SEEN)).isTrue();
        String displayName = jdbc.sql("SELECT c.display_name FROM customers c JOIN customer_identities i ON i.customer_id = c.id "
                + "WHERE i.kind = 'EMAIL' AND i.address = ?").param(customer).query(String.class).single();
        assertThat(displayName.codePointCount(0, displayName.length())).isEqualTo(200);
        assertThat(name.strip()).startsWith(displayName);
    }

    @Test
    void aMailFromAnAddressThatIsNoMailboxIsMovedAsideAndOpensNothing() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        // Written raw: a mail library refuses to build such senders, an attacker's mail server does not.
        Map<String, String> fromLines = Map.of(
                "x".repeat(250) + "-" + unique + "@customer.example", "<long-" + UUID.randomUUID() + "@customer.example>",
                "Ip <ip-" + unique + "@[127.0.0.1]>", "<ip-" + UUID.randomUUID() + "@customer.example>",
                "<script>-" + unique + "@x.com", "<script-" + UUID.randomUUID() + "@customer.example>",
                "nul-" + unique + "\u0000@customer.example", "<nul-" + UUID.randomUUID() + "@customer.example>");
        for (Map.Entry<String, String> from : fromLines.entrySet()) {
            deliverRaw("""
                    From: %s
                    To: %s
                    Subject: Hello
                    Message-ID: %s
                    Content-Type: text/plain; charset=UTF-8

                    Let me in.
                    """.formatted(from.getKey(), MailServer.SUPPORT, from.getValue()).replace("\n", "\r\n"));
        }

        Map<EmailInbound.Outcome, Integer> first = poller.poll();
        for (int attempt = 2; attempt <= 5; attempt++) {
            poller.poll();
        }

        // A sender that is no valid address can never be answered: moved at once, not retried.
        assertThat(first).containsKey(EmailInbound.Outcome.UNREADABLE);
        for (Map.Entry<String, String> from : fromLines.entrySet()) {
            String messageId = from.getValue();
            assertThat(stored(messageId)).as(from.getKey()).isZero();
            assertThat(inInbox(messageId)).as(from.getKey()).isEmpty();
            assertThat(inFolder(NOT_TAKEN, messageId)).as(from.getKey()).isPresent();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_identities WHERE address LIKE ?").param("%" + unique + "%")
                .query(Integer.class).single()).as("no identity made of any of these senders").isZero();
    }

    @Test
    void aBounceWithOverlongFieldsIsRecordedShortenedAndNotRetried() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String gone = "gone-" + unique + "@customer.example";
        // Only a mail Omnicase sent can bounce: the customer writes, a reply is mailed, the report quotes it.
        long caseId = io.omnicase.support.CustomerMessages.write(port, "EMAIL", gone, "Please cancel my order", null);
        Api.as(port, "supervisor").postJson("/api/cases/" + caseId + "/replies", Map.of("text", "Which order?"));
        // (The assistant's acknowledgement may have been mailed too: any mail sent there will do.)
        String mailed = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "SELECT provider_message_id FROM outbound_deliveries WHERE channel = 'EMAIL' AND recipient = ? "
                                + "AND provider_message_id IS NOT NULL").param(gone).query(String.class).list(),
                ids -> !ids.isEmpty()).get(0);
        String messageId = "<dsn-" + UUID.randomUUID() + "@mx.customer.example>";
        deliverRaw("""
                From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>
                To: %s
                Subject: Undelivered Mail Returned to Sender
                Message-ID: %s
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: text/plain

                Your mail %s could not be delivered.
                --b
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.customer.example

                Final-Recipient: rfc822; %s
                Action: failed
                Status: 5.1.1 %s
                Diagnostic-Code: smtp; 550 %s

                Final-Recipient: rfc822; %s@customer.example
                Action: failed
                Status: 5.1.1
                --b--
                """.formatted(MailServer.SUPPORT, messageId, mailed, gone, "(mailbox unknown) ".repeat(10), "x".repeat(800),
                "y".repeat(300) + unique).replace("\n", "\r\n"));

        assertThat(poller.poll()).containsKey(EmailInbound.Outcome.BOUNCE).doesNotContainKey(EmailInbound.Outcome.NOT_TAKEN);

        assertThat(inInbox(messageId).get().isSet(Flags.Flag.SEEN)).isTrue();
        Map<String, Object> bounce = jdbc.sql("SELECT status, diagnostic FROM email_bounces WHERE address = ?").param(gone)
                .query().singleRow();
        assertThat((String) bounce.get("status")).hasSize(20).startsWith("5.1.1 (mailbox");
        assertThat((String) bounce.get("diagnostic")).hasSize(500).startsWith("smtp; 550 xxx");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM email_bounces WHERE address LIKE ?").param("%yyy" + unique + "%")
                .query(Integer.class).single()).as("an address no mailbox can have is not recorded").isZero();
    }

    /** A trigger that refuses every message row of this sender, as the database refuses a value too long for its column. */
    private String refuseMessagesFrom(String address) {
        String name = "refuse_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("CREATE TRIGGER " + name + " BEFORE INSERT ON interactions FOR EACH ROW "
                + "IF NEW.author = '" + address + "' THEN SIGNAL SQLSTATE '22001' SET MESSAGE_TEXT = 'Data too long (refused by the test)'; END IF")
                .update();
        return name;
    }

    private void dropTrigger(String name) {
        jdbc.sql("DROP TRIGGER IF EXISTS " + name).update();
    }

    private int stored(String messageId) {
        return jdbc.sql("SELECT COUNT(*) FROM interactions WHERE channel = 'EMAIL' AND provider_message_id = ?")
                .param(messageId).query(Integer.class).single();
    }

    private static Optional<StoredMessage> inInbox(String messageId) throws Exception {
        return find(hostManager().getInbox(support()), messageId);
    }

    private static Optional<StoredMessage> inFolder(String folder, String messageId) throws Exception {
        MailFolder found = hostManager().getFolder(support(), folder);
        return found == null ? Optional.empty() : find(found, messageId);
    }

    private static Optional<StoredMessage> find(MailFolder folder, String messageId) throws Exception {
        for (StoredMessage message : folder.getNonDeletedMessages()) {
            if (messageId.equals(message.getMimeMessage().getMessageID())) {
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }

    private static ImapHostManager hostManager() {
        return MailServer.get().greenMail().getManagers().getImapHostManager();
    }

    private static GreenMailUser support() {
        return MailServer.get().greenMail().getUserManager().getUserByEmail(MailServer.SUPPORT);
    }

    private static MimeMessage mail(String from, String name, String messageId, String text) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(new InternetAddress(from, name, "UTF-8"));
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, MailServer.SUPPORT);
        mail.setSubject("Question", "UTF-8");
        mail.setText(text, "UTF-8");
        mail.saveChanges();
        mail.setHeader("Message-ID", messageId);
        return mail;
    }

    private static void deliverRaw(String raw) throws Exception {
        deliver(Mails.parse(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }


    /** Sends the mail to the support mailbox over SMTP as it is (no header rewritten). */
    private static void deliver(MimeMessage mail) throws Exception {
        MailServer.get().deliver(mail, "sender@customer.example");
    }
}
