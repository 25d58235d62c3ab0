package io.omnicase.channels.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.assistant.SelfService;
import io.omnicase.channels.MailServer;
import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mail the way people write it, end to end: the conversation corpus in test resources {@code mail/conversations}
 * (47 mails in 13 conversations: Outlook, Gmail, Apple Mail and Thunderbird header shapes; German, Nordic, Spanish and
 * French prefixes; a colleague replying to all, a partner in Cc, forwards of one's own mail, ticket systems'
 * acknowledgements, out-of-office notices, a delivery status notification, a mailing list) goes through the real
 * GreenMail IMAP mailbox into the running app, with agents' replies sent through its SMTP server in between. The test
 * measures the pairwise precision and recall of the grouping into cases and counts the automatic answers Omnicase
 * mailed to automatic mail, and prints them; and it plays two auto-responders against each other.
 */
@RunningOmnicase
class MailConversationsIT {

    private static final String CORPUS = "/mail/conversations/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(CASE|REPLY|THREAD-INDEX):([A-Za-z0-9]+)(?::(\\d+))?}");

    @LocalServerPort
    int port;

    @Autowired
    EmailPoller poller;

    @Autowired
    JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();

    /** One row of conversations.csv: a mail of the corpus, or an agent's reply ("@reply") on a conversation. */
    private record Step(String file, String kind, String conversation, String rule) {
    }

    @Test
    void theConversationCorpusGroupsIntoCasesWithPerfectPrecisionAndRecallAndNoMachineGetsAnAnswer() throws Exception {
        Instant start = Instant.now();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Step> steps = resource("conversations.csv").lines().skip(1).filter(l -> !l.isBlank())
                .map(l -> l.split(",", -1)).map(c -> new Step(c[0], c[1], c[2], c[3])).toList();
        Map<String, String> firstMailOf = new HashMap<>();
        Map<String, String> replyOf = new HashMap<>();
        Map<String, String> messageIdOf = new LinkedHashMap<>();
        Map<String, String> senderOf = new HashMap<>();
        List<String> failures = new ArrayList<>();

        for (Step step : steps) {
            if (step.kind().equals("reply")) {
                replyOf.put(step.conversation(), MailCases.agentReply(port, MailCases.caseOf(jdbc, messageIdOf.get(firstMailOf.get(step.conversation())))));
                continue;
            }
            String text = fill(resource(step.file()), run, firstMailOf, messageIdOf, replyOf);
            MimeMessage mail = Mails.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            append(mail);
            Map<EmailInbound.Outcome, Integer> outcome = poller.poll();
            messageIdOf.put(step.file(), mail.getMessageID());
            senderOf.put(step.file(), ((InternetAddress) mail.getFrom()[0]).getAddress().toLowerCase(Locale.ROOT));
            if (!step.conversation().equals("log")) {
                firstMailOf.putIfAbsent(step.conversation(), step.file());
            }
            String problem = check(step, mail.getMessageID(), outcome, run);
            if (problem != null) {
                failures.add(step.file() + ": " + problem);
            }
        }
        MailCases.awaitQuiet(jdbc, start);

        // Pairwise precision and recall: every pair of mails is in one case (or not) as it should be.
        List<String> files = new ArrayList<>(messageIdOf.keySet());
        Map<String, String> expected = new HashMap<>();
        Map<String, String> predicted = new HashMap<>();
        for (Step step : steps) {
            if (!step.kind().equals("reply")) {
                expected.put(step.file(), step.conversation().equals("log") ? "log:" + step.file() : step.conversation());
                Long caseId = MailCases.caseOrNull(jdbc, messageIdOf.get(step.file()));
                predicted.put(step.file(), caseId == null ? "log:" + step.file() : "case " + caseId);
            }
        }
        PairwiseGrouping pairs = PairwiseGrouping.score(files, expected, predicted, Set.of(), failures);
        double precision = pairs.precision();
        double recall = pairs.recall();

        // Automatic answers to automatic mail: anything Omnicase mailed in reply to a machine's mail, or to an address
        // that only machines wrote from.
        Set<String> machineIds = new HashSet<>();
        Set<String> humanSenders = new HashSet<>();
        Set<String> machineSenders = new HashSet<>();
        for (Step step : steps) {
            if (step.kind().equals("reply")) {
                continue;
            }
            if (step.kind().equals("human")) {
                humanSenders.add(senderOf.get(step.file()));
            } else {
                machineIds.add(messageIdOf.get(step.file()));
                machineSenders.add(senderOf.get(step.file()));
            }
        }
        machineSenders.removeAll(humanSenders);
        List<MimeMessage> sent = sentSince(start, run);
        int answersToMachines = 0;
        int automaticAnswers = 0;
        for (MimeMessage mail : sent) {
            String inReplyTo = mail.getHeader("In-Reply-To", null);
            boolean toMachine = Arrays.stream(Optional.ofNullable(mail.getAllRecipients()).orElse(new Address[0]))
                    .map(a -> ((InternetAddress) a).getAddress().toLowerCase(Locale.ROOT)).anyMatch(machineSenders::contains);
            if (inReplyTo != null && machineIds.contains(inReplyTo.strip()) || toMachine) {
                answersToMachines++;
                failures.add("Omnicase answered a machine: " + mail.getSubject() + " In-Reply-To " + inReplyTo);
            }
            if (mail.getHeader("Auto-Submitted") != null) {
                automaticAnswers++;
            }
        }
        long humanMails = steps.stream().filter(s -> s.kind().equals("human")).count();
        long conversations = steps.stream().map(Step::conversation).filter(c -> !c.equals("log")).distinct().count();
        System.out.printf(Locale.ROOT, "%nMail threading corpus: %d mails (%d from people, %d from machines) in %d conversations%n"
                        + "  pairwise precision %.3f, recall %.3f (%d pairs together, %d wrongly together, %d wrongly apart)%n"
                        + "  automatic answers to automatic mail: %d (Omnicase mailed %d mails, %d of them the assistant's automatic answers to people)%n%n",
                files.size(), humanMails, files.size() - humanMails, conversations, precision, recall, pairs.together(),
                pairs.wronglyTogether(), pairs.wronglyApart(), answersToMachines, sent.size(), automaticAnswers);

        // Supervisors find the machine mail that answered no case in the log; agents don't (a bounce quotes the reply
        // it returns, which may be another queue's).
        assertThat(Api.as(port, "agent").get("/api/mail/machine?limit=200").status()).isEqualTo(403);
        JsonNode log = Api.as(port, "supervisor").get("/api/mail/machine?limit=200").json();
        Set<String> listed = new HashSet<>();
        log.forEach(e -> listed.add(e.get("messageId").asText()));
        for (Step step : steps) {
            if (step.conversation().equals("log")) {
                assertThat(listed).as(step.file() + " in the machine-mail log").contains(messageIdOf.get(step.file()));
            }
        }
        Api.Response refused = Api.as(port, "supervisor").get("/api/mail/machine?limit=0");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");

        assertThat(files).hasSizeGreaterThanOrEqualTo(40);
        assertThat(conversations).isGreaterThanOrEqualTo(10);
        assertThat(failures).isEmpty();
        assertThat(precision).isEqualTo(1.0);
        assertThat(recall).isEqualTo(1.0);
        assertThat(answersToMachines).isZero();
    }

    /**
     * Two auto-responders play against each other: a customer's responder that marks nothing as automatic (it looks
     * like a person, and it does not thread: every answer of it is a fresh mail, so every one opens a new case where
     * the case rules see a first message) answers every mail with the same question, and the assistant answers that.
     * The loop breaker lets the assistant mail one address only a few times a day; then a person takes over and the
     * loop ends.
     */
    @Test
    void twoAutoRespondersStopAnsweringEachOtherAfterAFewMails() throws Exception {
        Instant start = Instant.now();
        String bot = "responder-" + UUID.randomUUID().toString().substring(0, 8) + "@dumb-responder.example";
        int maxRounds = 3 * SelfService.MAX_AUTOMATIC_MAILS_PER_ADDRESS;
        List<String> botMails = new ArrayList<>();
        Set<String> answered = new HashSet<>();
        int rounds = 0;
        botMails.add(respond(bot));
        while (rounds < maxRounds) {
            MailCases.awaitQuiet(jdbc, start);
            List<MimeMessage> fresh = new ArrayList<>();
            for (MimeMessage m : mailsTo(bot)) {
                if (answered.add(m.getMessageID())) {
                    fresh.add(m);
                }
            }
            if (fresh.isEmpty()) {
                break;
            }
            rounds++;
            for (int i = 0; i < fresh.size(); i++) {
                botMails.add(respond(bot));
            }
        }
        List<MimeMessage> toBot = mailsTo(bot);
        System.out.printf(Locale.ROOT, "%nTwo auto-responders: the assistant mailed the responder %d times in %d rounds "
                + "(the responder wrote %d mails)%n%n", toBot.size(), rounds, botMails.size());
        assertThat(toBot).as("the assistant answered the first mails: the responder looks like a person").isNotEmpty();
        assertThat(toBot).hasSizeLessThanOrEqualTo(SelfService.MAX_AUTOMATIC_MAILS_PER_ADDRESS);
        assertThat(rounds).isLessThan(maxRounds);
        // The responder's last mail may still be on its way through the mailbox poller: wait for its case to say it.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            long last = MailCases.caseOf(jdbc, botMails.get(botMails.size() - 1));
            // Either the loop breaker stopped it, or routing took the same question a third time to a person first
            // (the shipped repeat rule: a third billing complaint in 90 days goes to the senior queue).
            boolean broken = false;
            for (JsonNode entry : Api.as(port, "admin").get("/api/cases/" + last + "/timeline").json()) {
                broken |= entry.path("detail").path("loopBreaker").asBoolean(false)
                        || "DECISION".equals(entry.path("kind").asText())
                        && entry.toString().contains("third billing complaint in 90 days");
            }
            assertThat(broken).as("the timeline says why the assistant stopped").isTrue();
            assertThat(Api.as(port, "admin").get("/api/cases/" + last).json().get("status").asText()).isEqualTo("ESCALATED");
        });
        assertThat(mailsTo(bot)).as("and it stayed stopped").hasSameSizeAs(toBot);
    }

    /** The dumb responder's mail: no Auto-Submitted, no Precedence, no X-Autoreply, no thread; it just writes. */
    private String respond(String bot) throws Exception {
        String id = "<auto-" + UUID.randomUUID() + "@dumb-responder.example>";
        append(Mails.parse(new ByteArrayInputStream(("From: Help Bot <" + bot + ">\nTo: " + MailServer.SUPPORT
                + "\nSubject: Your message to Help Bot\nMessage-ID: " + id
                + "\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n"
                + "How do I download an invoice for my last payment?\n").getBytes(StandardCharsets.UTF_8))));
        assertThat(poller.poll()).containsEntry(EmailInbound.Outcome.NEW_CASE, 1);
        return id;
    }

    /** Checks where one mail landed against its row; null when it is right. */
    private String check(Step step, String messageId, Map<EmailInbound.Outcome, Integer> outcome, String run) throws Exception {
        Optional<Map<String, Object>> entry = jdbc.sql("SELECT kind, detail FROM interactions WHERE channel = 'EMAIL' "
                        + "AND provider_message_id = ?").param(messageId)
                .query((rs, n) -> Map.<String, Object>of("kind", rs.getString(1), "detail",
                        rs.getString(2) == null ? "{}" : rs.getString(2))).optional();
        boolean logged = jdbc.sql("SELECT COUNT(*) FROM machine_mail WHERE message_id = ?").param(messageId)
                .query(Integer.class).single() == 1;
        if (step.conversation().equals("log")) {
            if (entry.isPresent() || !logged) {
                return "expected in the machine-mail log, was " + entry.map(Object::toString).orElse("nowhere") + " " + outcome;
            }
            if (step.kind().equals("bounce") && jdbc.sql("SELECT COUNT(*) FROM email_bounces WHERE address = ?")
                    .param("peter.schulz." + run + "@stadtwerke-nord.example").query(Integer.class).single() != 1) {
                return "the bounced customer's address is not marked";
            }
            return null;
        }
        if (entry.isEmpty()) {
            return "expected on a case, was nowhere " + outcome + (logged ? " (logged as machine mail)" : "");
        }
        JsonNode detail = json.readTree((String) entry.get().get("detail"));
        String kind = (String) entry.get().get("kind");
        if (step.kind().equals("human") && !kind.equals("INBOUND")) {
            return "a person's mail stored as " + kind;
        }
        if (step.kind().equals("human") && jdbc.sql("SELECT COUNT(*) FROM email_bounces b JOIN interactions i "
                + "ON b.address = i.author COLLATE utf8mb4_nopad_bin WHERE i.provider_message_id = ?").param(messageId).query(Integer.class).single() > 0) {
            return "the sender wrote, yet their address is still marked as bouncing";
        }
        if (step.kind().equals("auto") && !(kind.equals("STATUS") && detail.path("automatic").asBoolean())) {
            return "a machine's mail stored as " + kind + " " + detail;
        }
        String rule = detail.path("threadedBy").asText();
        if (!rule.equals(step.rule())) {
            return "joined by rule '" + rule + "', expected '" + step.rule() + "'";
        }
        return null;
    }

    /** The corpus text with its placeholders filled for this run. */
    private String fill(String text, String run, Map<String, String> firstMailOf, Map<String, String> messageIdOf,
                        Map<String, String> replyOf) throws Exception {
        text = text.replace("${RUN}", run).replace("${SUPPORT}", MailServer.SUPPORT);
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            String conversation = m.group(2);
            String value = switch (m.group(1)) {
                case "CASE" -> Long.toString(MailCases.caseOf(jdbc, messageIdOf.get(firstMailOf.get(conversation))));
                case "REPLY" -> replyOf.get(conversation);
                default -> threadIndex(run, conversation, Integer.parseInt(m.group(3)));
            };
            assertThat(value).as(m.group()).isNotNull();
            m.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        m.appendTail(filled);
        return filled.toString();
    }

    /** An Outlook Thread-Index: 22 bytes naming the conversation (unique per run), then 5 bytes per reply. */
    private static String threadIndex(String run, String conversation, int replies) throws Exception {
        byte[] head = MessageDigest.getInstance("SHA-256").digest((run + conversation).getBytes(StandardCharsets.UTF_8));
        byte[] index = new byte[22 + 5 * replies];
        System.arraycopy(head, 0, index, 0, 22);
        for (int i = 0; i < replies; i++) {
            byte[] child = MessageDigest.getInstance("SHA-256").digest((run + conversation + i).getBytes(StandardCharsets.UTF_8));
            System.arraycopy(child, 0, index, 22 + 5 * i, 5);
        }
        return Base64.getEncoder().encodeToString(index);
    }


    /** Puts the mail into the support mailbox by IMAP APPEND, byte for byte, unseen: the poller reads it from there. */
    static void append(MimeMessage mail) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.allowutf8", "true");
        Store store = Session.getInstance(properties).getStore("imap");
        store.connect("127.0.0.1", MailServer.get().greenMail().getImap().getPort(), "support", "secret");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            try {
                inbox.appendMessages(new Message[]{mail});
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }


    /** What Omnicase mailed since the start to this run's addresses. */
    private static List<MimeMessage> sentSince(Instant start, String run) throws Exception {
        List<MimeMessage> sent = new ArrayList<>();
        for (MimeMessage m : MailServer.get().greenMail().getReceivedMessages()) {
            Address[] recipients = m.getAllRecipients();
            if (recipients != null && Arrays.stream(recipients).anyMatch(a -> a.toString().contains(run))
                    && m.getFrom() != null && m.getFrom()[0].toString().contains(MailServer.SUPPORT)) {
                sent.add(m);
            }
        }
        return sent;
    }

    /** Every mail to the address, automatic or not: a loop is made of automatic mails. */
    static List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : MailServer.get().greenMail().getReceivedMessages()) {
            Address[] to = m.getRecipients(Message.RecipientType.TO);
            if (to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(address))) {
                found.add(m);
            }
        }
        return found;
    }


    private static String resource(String name) throws IOException {
        try (InputStream in = MailConversationsIT.class.getResourceAsStream(CORPUS + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
