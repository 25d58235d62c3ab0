package io.omnicase.channels.email;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.channels.MailServer;
import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mail end to end against a real mail server (GreenMail SMTP + IMAP): a customer's mail opens a case, the agent's
 * reply threads in the customer's client, and every mail of the threading corpus (test resources mail/threading)
 * lands where a careful helpdesk would put it.
 */
@RunningOmnicase
class MailThreadingIT {

    private static final String CORPUS = "/mail/threading/";

    @LocalServerPort
    int port;

    @Autowired
    EmailPoller poller;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyMailOfTheThreadingCorpusLandsWhereItBelongs() throws Exception {
        java.time.Instant started = java.time.Instant.now();
        String customer = "ida-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
        String firstId = "<first-" + UUID.randomUUID() + "@customer.example>";
        MailServer.get().deliver(raw("""
                From: Ida <%s>
                To: %s
                Subject: Paper jams on every page
                Date: Wed, 25 Nov 2026 09:00:00 +0000
                Message-ID: %s
                MIME-Version: 1.0
                Content-Type: text/plain; charset=UTF-8

                Our machine jams on every page since yesterday.
                """.formatted(customer, MailServer.SUPPORT, firstId)));
        assertThat(poller.poll()).containsExactlyEntriesOf(Map.of(EmailInbound.Outcome.NEW_CASE, 1));
        long caseId = MailCases.caseOf(jdbc, firstId);

        Api.as(port, "agent").postJsonOnceRouted("/api/cases/" + caseId + "/replies", Map.of("text", "We are looking into it."));
        MimeMessage reply = awaitMailTo(customer);
        String replyId = reply.getMessageID();
        assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo(firstId);
        assertThat(reply.getHeader("References", null)).contains(firstId);
        assertThat(reply.getSubject()).isEqualTo("Re: Paper jams on every page [Case #" + caseId + "]");
        assertThat(reply.getHeader("Auto-Submitted")).as("an agent's reply is not automatic").isNull();
        assertThat(reply.getFrom()[0].toString()).contains(MailServer.SUPPORT);

        List<String> failures = new ArrayList<>();
        List<String> automaticIds = new ArrayList<>();
        for (String line : resource("expectations.csv").lines().skip(1).toList()) {
            String file = line.split(",")[0];
            String expected = line.split(",")[1];
            String unique = UUID.randomUUID().toString();
            String mail = resource(file).replace("${CUSTOMER}", customer).replace("${SUPPORT}", MailServer.SUPPORT)
                    .replace("${FIRST_ID}", firstId).replace("${REPLY_ID}", replyId)
                    .replace("${CASE}", Long.toString(caseId)).replace("${UNIQUE}", unique);
            MimeMessage parsed = Mails.parse(new ByteArrayInputStream(mail.getBytes(StandardCharsets.UTF_8)));
            MailServer.get().deliver(parsed);
            if (MailClassifier.classify(parsed) != MailKind.HUMAN) {
                automaticIds.add(parsed.getMessageID());
            }
            Map<EmailInbound.Outcome, Integer> outcome = poller.poll();
            String where = switch (expected) {
                case "same", "new", "auto" -> {
                    Long landed = MailCases.caseOrNull(jdbc, parsed.getMessageID());
                    yield landed == null ? "nowhere " + outcome : landed == caseId ? ("auto".equals(expected) ? autoOrNot(outcome) : "same")
                            : "new";
                }
                case "logged" -> MailCases.caseOrNull(jdbc, parsed.getMessageID()) == null && machineMailLogged(parsed.getMessageID())
                        && outcome.equals(Map.of(EmailInbound.Outcome.MACHINE_MAIL_LOGGED, 1)) ? "logged" : "stored " + outcome;
                // A report naming an address no customer has (a report is anyone's mail) is taken as one, and marks
                // nothing: only a customer's address is ever mailed.
                case "bounce" -> outcome.equals(Map.of(EmailInbound.Outcome.BOUNCE, 1))
                        && !bouncing("gone-" + unique + "@customer.example") ? "bounce" : "not a bounce, or a stranger marked " + outcome;
                default -> throw new IllegalArgumentException(expected);
            };
            if (!where.equals(expected)) {
                failures.add(file + ": expected " + expected + ", was " + where);
            }
        }
        assertThat(failures).isEmpty();

        JsonNode timeline = Api.as(port, "agent").getOnceRouted("/api/cases/" + caseId + "/timeline").json();
        List<String> texts = new ArrayList<>();
        List<String> automaticNotes = new ArrayList<>();
        timeline.forEach(e -> {
            if ("INBOUND".equals(e.get("kind").asText())) {
                texts.add(e.get("text").asText());
            }
            if (e.path("detail").path("automatic").asBoolean(false)) {
                automaticNotes.add(e.get("text").asText());
            }
        });
        assertThat(String.join("\n", texts)).doesNotContain("<script", "alert(", "onerror", "<b>", "We are looking into it",
                "Please clean the roller");
        assertThat(texts).contains("Here is a photo of the jam.\nThanks!", "Cleaning the roller helped.",
                "Forwarding your answer back with my notes: the jam happens on duplex only.");
        // The out-of-office notice was attached as an automatic note, not as the customer's message...
        assertThat(automaticNotes).containsExactly(EmailInbound.AUTO_REPLY_PREFIX + "I am out of the office until Monday.");
        assertThat(texts).noneMatch(t -> t.contains("out of the office"));
        // ...and nothing answered an automatic mail. Every mail to the customer counts here, the assistant's automatic
        // answers (Auto-Submitted) too: they are what a mail loop is made of.
        MailCases.awaitQuiet(jdbc, started);
        List<MimeMessage> toCustomer = mailsTo(customer);
        assertThat(toCustomer).isNotEmpty();
        for (MimeMessage mail : toCustomer) {
            assertThat(automaticIds).as("answered: " + mail.getSubject()).doesNotContain(mail.getHeader("In-Reply-To", null));
        }
    }

    /**
     * Walk 47 (F8): a mail reply said nothing of who wrote it. It is signed with the agent's name, the team and the
     * case; the customer's answer that quotes it, as mail clients do, keeps only the customer's words.
     */
    @Test
    void anAgentsReplyIsSignedAndTheQuotedSignatureStaysOutOfTheCustomersAnswer() throws Exception {
        String customer = "petra-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
        String firstId = "<first-" + UUID.randomUUID() + "@customer.example>";
        MailServer.get().deliver(raw("""
                From: Petra <%s>
                To: %s
                Subject: A copy of my contract
                Message-ID: %s
                Content-Type: text/plain; charset=UTF-8

                Could you send me a copy of my contract, please?
                """.formatted(customer, MailServer.SUPPORT, firstId)));
        poller.poll();
        long caseId = MailCases.caseOf(jdbc, firstId);
        Api.as(port, "agent").postJsonOnceRouted("/api/cases/" + caseId + "/replies",
                Map.of("text", "The copy is attached to your account page."));
        MimeMessage reply = awaitMailTo(customer);
        String body = String.valueOf(reply.getContent()).replace("\r\n", "\n").stripTrailing();
        assertThat(body).isEqualTo("The copy is attached to your account page.\n\n-- \nAlex Agent\nOmnicase Support, case #"
                + caseId);

        String quoted = body.lines().map(l -> "> " + l).collect(java.util.stream.Collectors.joining("\n"));
        String answerId = "<answer-" + UUID.randomUUID() + "@customer.example>";
        MailServer.get().deliver(raw("""
                From: Petra <%s>
                To: %s
                Subject: %s
                Message-ID: %s
                In-Reply-To: %s
                Content-Type: text/plain; charset=UTF-8

                Thanks, I found it.

                On Sat, Dec 5, 2026 at 10:40 AM Omnicase Support <%s> wrote:
                %s
                """.formatted(customer, MailServer.SUPPORT, "Re: " + reply.getSubject(), answerId, reply.getMessageID(),
                MailServer.SUPPORT, quoted)));
        poller.poll();
        assertThat(MailCases.caseOf(jdbc, answerId)).isEqualTo(caseId);
        List<String> inbound = new ArrayList<>();
        Api.as(port, "agent").getOnceRouted("/api/cases/" + caseId + "/timeline").json().forEach(e -> {
            if ("INBOUND".equals(e.get("kind").asText())) {
                inbound.add(e.get("text").asText());
            }
        });
        assertThat(inbound).last().isEqualTo("Thanks, I found it.");
    }

    @Test
    void aReplyToAnAddressThatBouncesIsNotMailedAndShowsAsFailed() throws Exception {
        java.time.Instant started = java.time.Instant.now();
        String customer = "gone-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
        String firstId = "<first-" + UUID.randomUUID() + "@customer.example>";
        MailServer.get().deliver(raw("""
                From: %s
                To: %s
                Subject: Cancel my contract
                Message-ID: %s
                Content-Type: text/plain; charset=UTF-8

                Please cancel.
                """.formatted(customer, MailServer.SUPPORT, firstId)));
        poller.poll();
        long firstCase = MailCases.caseOf(jdbc, firstId);
        Api.as(port, "agent").postJsonOnceRouted("/api/cases/" + firstCase + "/replies", Map.of("text", "Which contract?"));
        // The agent's reply (an acknowledgement of the assistant's may come first).
        String mailed = await().atMost(Duration.ofSeconds(30)).until(() -> peopleMailsTo(customer), mails -> !mails.isEmpty())
                .get(0).getMessageID();
        // The report quotes the mail that bounced (a report that names none of Omnicase's mails marks nothing).
        MailServer.get().deliver(raw(resource("bounce-of-a-mail-to-another-address.eml").replace("${SUPPORT}", MailServer.SUPPORT)
                .replace("Your message could not be delivered", "Your message " + mailed + " could not be delivered")
                .replace("gone-${UNIQUE}@customer.example", customer).replace("${UNIQUE}", UUID.randomUUID().toString())));
        assertThat(poller.poll()).containsExactlyEntriesOf(Map.of(EmailInbound.Outcome.BOUNCE, 1));
        long caseId = MailCases.caseOf(jdbc, firstId);
        // The assistant may have answered the first mail before the bounce arrived; from the bounce on, nothing is mailed.
        MailCases.awaitQuiet(jdbc, started);
        int mailedBeforeTheBounce = mailsTo(customer).size();

        long replyId = Api.as(port, "agent").postJsonOnceRouted("/api/cases/" + caseId + "/replies", Map.of("text", "Done."))
                .json().get("interactionId").asLong();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode timeline = Api.as(port, "agent").getOnceRouted("/api/cases/" + caseId + "/timeline").json();
            JsonNode detail = null;
            for (JsonNode e : timeline) {
                if (e.get("id").asLong() == replyId) {
                    detail = e.get("detail");
                }
            }
            assertThat(detail).isNotNull();
            assertThat(detail.path("delivery").asText()).isEqualTo("FAILED");
            assertThat(detail.path("deliveryError").asText()).contains("bounces");
        });
        MailCases.awaitQuiet(jdbc, started);
        assertThat(mailsTo(customer)).hasSize(mailedBeforeTheBounce);
        // The people's mail the customer got is the one before the bounce, which the report quoted; none after.
        assertThat(peopleMailsTo(customer)).extracting(m -> {
            try {
                return m.getMessageID();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).containsExactly(mailed);
    }

    @Test
    void attachmentsAreCheckedKeptAndServedOnlyAsDownloads() throws Exception {
        String customer = "files-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(new InternetAddress(customer));
        mail.setRecipients(Message.RecipientType.TO, MailServer.SUPPORT);
        mail.setSubject("Invoice attached");
        MimeMultipart parts = new MimeMultipart();
        parts.addBodyPart(textPart("Please see the attached invoice."));
        parts.addBodyPart(MailCases.attachment("invoice.pdf", "application/pdf", "%PDF-1.4\n1 0 obj\n".getBytes(StandardCharsets.US_ASCII)));
        parts.addBodyPart(MailCases.attachment("fake.pdf", "application/pdf", "MZ\u0090 this is a program".getBytes(StandardCharsets.ISO_8859_1)));
        parts.addBodyPart(MailCases.attachment("page.html", "text/html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)));
        parts.addBodyPart(MailCases.attachment("huge.txt", "text/plain", new byte[100_000]));
        mail.setContent(parts);
        mail.saveChanges();
        MailServer.get().deliver(mail);

        assertThat(poller.poll()).containsExactlyEntriesOf(Map.of(EmailInbound.Outcome.NEW_CASE, 1));

        long caseId = MailCases.caseOf(jdbc, mail.getMessageID());
        Api agent = Api.as(port, "agent");
        JsonNode files = agent.getOnceRouted("/api/cases/" + caseId + "/attachments").json();
        assertThat(files).hasSize(1);
        assertThat(files.get(0).get("filename").asText()).isEqualTo("invoice.pdf");
        String text = agent.get("/api/cases/" + caseId + "/timeline").json().get(0).get("text").asText();
        assertThat(text).contains("- invoice.pdf\n", "- fake.pdf (not kept: content is not application/pdf)",
                "- page.html (not kept: type text/html is not accepted)", "- huge.txt (not kept: larger than 64 KB)");

        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/api/cases/" + caseId + "/attachments/" + files.get(0).get("id").asLong()))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("agent:demo".getBytes())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;").contains("invoice.pdf");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(new String(download.body(), StandardCharsets.US_ASCII)).startsWith("%PDF-1.4");
        assertThat(agent.get("/api/cases/" + caseId + "/attachments/999999999").status()).isEqualTo(404);
    }

    /**
     * A second mail reusing a customer's Message-ID from another address (a mailer that reuses ids, or a forgery) was
     * taken as a duplicate: it was lost, and its files were attached to the customer's message. Now it is its own
     * message on its sender's case, and the customer's message keeps only its own files.
     */
    @Test
    void aMailReusingAnotherSendersMessageIdIsItsOwnMessageAndTouchesNothingOfTheirs() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String customer = "reuse-" + run + "@customer.example";
        String other = "other-" + run + "@elsewhere.example";
        String messageId = "<" + run + ".reused@customer.example>";
        MailServer.get().deliver(mailWithFile(customer, messageId, "My invoice", "invoice.pdf"));
        MailServer.get().deliver(mailWithFile(other, messageId, "Totally different matter", "other.pdf"));

        assertThat(poller.poll()).containsExactlyEntriesOf(Map.of(EmailInbound.Outcome.NEW_CASE, 2));

        long customersCase = MailCases.caseOf(jdbc, messageId);
        long othersCase = MailCases.caseOf(jdbc, messageId + " from " + other);
        assertThat(othersCase).isNotEqualTo(customersCase);
        Api agent = Api.as(port, "agent");
        assertThat(agent.getOnceRouted("/api/cases/" + customersCase + "/attachments").json().findValuesAsText("filename"))
                .containsExactly("invoice.pdf");
        assertThat(agent.getOnceRouted("/api/cases/" + othersCase + "/attachments").json().findValuesAsText("filename"))
                .containsExactly("other.pdf");
        assertThat(agent.get("/api/cases/" + othersCase + "/timeline").json().get(0).get("text").asText())
                .startsWith("Totally different matter");
    }

    /**
     * A customer forwarding a third party's mail on their matter under its own subject (the carrier's "Your parcel 61277
     * was delivered") joins the one case of theirs whose messages name that reference: no header, tag or quote of ours
     * ties it (real-world set, t03-3). A reference two of their cases name, or someone else's forward, opens a new case.
     */
    @Test
    void aCustomersForwardOfAThirdPartysMailJoinsTheOneCaseThatNamesItsReference() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int n = 61_000 + Math.floorMod(run.hashCode(), 900);
        String customer = "fwdref-" + run + "@customer.example";
        String carrier = "noreply@carrier-" + run + ".example";
        MailServer.get().deliver(plain(customer, "<" + run + ".a@customer.example>", "Lamp arrived broken",
                "My parcel " + n + " arrived crushed, the lamp is broken."));
        MailServer.get().deliver(plain(customer, "<" + run + ".b@customer.example>", "Wrong invoice address",
                "Please change the billing address on my invoices."));
        MailServer.get().deliver(plain(customer, "<" + run + ".c@customer.example>", "Two parcels",
                "Parcels " + (n + 1) + " and " + (n + 2) + " are late."));
        MailServer.get().deliver(plain(customer, "<" + run + ".d@customer.example>", "Still waiting",
                "Parcel " + (n + 2) + " is still not here, nor is " + (n + 1) + "."));
        assertThat(poller.poll()).containsExactlyEntriesOf(Map.of(EmailInbound.Outcome.NEW_CASE, 4));
        long lamp = MailCases.caseOf(jdbc, "<" + run + ".a@customer.example>");

        String forwardOf = "\n\n---------- Forwarded message ---------\nFrom: Carrier <" + carrier + ">\nDate: Thu, 3 Dec 2026 at 18:02\n"
                + "Subject: Your parcel %d was delivered\nTo: <" + customer + ">\n\nYour parcel %d was delivered at 17:55.\n";
        MailServer.get().deliver(plain(customer, "<" + run + ".e@customer.example>", "Fwd: Your parcel " + n + " was delivered",
                "Here is the carrier's proof of delivery." + forwardOf.formatted(n, n)));
        MailServer.get().deliver(plain(customer, "<" + run + ".f@customer.example>", "Fwd: Your parcel " + (n + 1) + " was delivered",
                "This one came after all." + forwardOf.formatted(n + 1, n + 1)));
        MailServer.get().deliver(plain("someone-" + run + "@elsewhere.example", "<" + run + ".g@elsewhere.example>",
                "Fwd: Your parcel " + n + " was delivered", "Mine too?" + forwardOf.formatted(n, n)));
        assertThat(poller.poll()).containsExactlyInAnyOrderEntriesOf(Map.of(EmailInbound.Outcome.ADDED_TO_CASE, 1,
                EmailInbound.Outcome.NEW_CASE, 2));

        assertThat(MailCases.caseOf(jdbc, "<" + run + ".e@customer.example>")).as("the one case naming the parcel").isEqualTo(lamp);
        long ambiguous = MailCases.caseOf(jdbc, "<" + run + ".f@customer.example>");
        assertThat(ambiguous).as("a parcel two cases name").isNotEqualTo(MailCases.caseOf(jdbc, "<" + run + ".c@customer.example>"))
                .isNotEqualTo(MailCases.caseOf(jdbc, "<" + run + ".d@customer.example>"));
        assertThat(MailCases.caseOf(jdbc, "<" + run + ".g@elsewhere.example>")).as("someone else's forward").isNotEqualTo(lamp);
    }

    private static MimeMessage plain(String from, String messageId, String subject, String text) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(new InternetAddress(from));
        mail.setRecipients(Message.RecipientType.TO, MailServer.SUPPORT);
        mail.setSubject(subject, "UTF-8");
        mail.setText(text, "UTF-8");
        mail.saveChanges();
        mail.setHeader("Message-ID", messageId);
        return mail;
    }

    private static MimeMessage mailWithFile(String from, String messageId, String text, String file) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(new InternetAddress(from));
        mail.setRecipients(Message.RecipientType.TO, MailServer.SUPPORT);
        mail.setSubject(text);
        MimeMultipart parts = new MimeMultipart();
        parts.addBodyPart(textPart(text));
        parts.addBodyPart(MailCases.attachment(file, "application/pdf", "%PDF-1.4\n1 0 obj\n".getBytes(StandardCharsets.US_ASCII)));
        mail.setContent(parts);
        mail.saveChanges();
        mail.setHeader("Message-ID", messageId);
        return mail;
    }

    private static MimeBodyPart textPart(String text) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, "UTF-8");
        return part;
    }

    private static String autoOrNot(Map<EmailInbound.Outcome, Integer> outcome) {
        return outcome.equals(Map.of(EmailInbound.Outcome.AUTO_REPLY_ATTACHED, 1)) ? "auto" : "same but " + outcome;
    }

    private boolean machineMailLogged(String messageId) {
        return jdbc.sql("SELECT COUNT(*) FROM machine_mail WHERE message_id = ?").param(messageId).query(Integer.class).single() == 1;
    }


    private boolean bouncing(String address) {
        return jdbc.sql("SELECT COUNT(*) FROM email_bounces WHERE address = ?").param(address).query(Integer.class).single() == 1;
    }


    private static MimeMessage raw(String text) throws Exception {
        return Mails.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }


    /** The first mail a person (not the assistant) sent to the address. */
    private static MimeMessage awaitMailTo(String address) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !peopleMailsTo(address).isEmpty());
        return peopleMailsTo(address).get(0);
    }

    private static List<MimeMessage> peopleMailsTo(String address) {
        return mailsTo(address).stream().filter(m -> {
            try {
                return m.getHeader("Auto-Submitted") == null;
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    /** Every mail sent to the address, people's and the assistant's automatic answers (Auto-Submitted) alike. */
    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(MailServer.get().greenMail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = MailThreadingIT.class.getResourceAsStream(CORPUS + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
