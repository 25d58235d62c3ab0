package io.omnicase.channels.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.channels.MailServer;
import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import com.icegreen.greenmail.util.GreenMailUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who a chat visitor is: a customer of their own until they prove an email address with the code mailed to it. The
 * visitor talks over the widget's real socket; codes travel through the real SMTP server (GreenMail).
 */
@RunningOmnicase
class ChatIdentityIT {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{8})\\b");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aVisitorWhoTypesAnotherCustomersAddressStaysANewCustomerAndSeesNothingOfTheirCase() {
        String mia = address("mia");
        long miasCase = mailFrom(mia, "Where is my refund of 120 EUR?");
        long mia_ = customerOf(miasCase);

        try (ChatVisitor visitor = ChatVisitor.connect(port)) {
            // Both ways a visitor can give an address: the old widget's "identify" and asking for a code.
            assertThat(visitor.hint(mia).get("status").asText()).isEqualTo("not-verified");
            assertThat(visitor.requestCode(mia).get("status").asText()).isEqualTo("code-sent");
            long visitorsCase = visitor.write("Hi, it's Mia. What is the status of my refund?");

            assertThat(visitorsCase).isNotEqualTo(miasCase);
            long visitorsCustomer = customerOf(visitorsCase);
            assertThat(visitorsCustomer).isNotEqualTo(mia_);
            assertThat(identities(visitorsCustomer)).containsExactly("CHAT_VISITOR:" + visitor.id);

            String secret = "Refund of 120 EUR paid " + UUID.randomUUID().toString().substring(0, 8);
            assertThat(Api.as(port, "agent").postJsonOnceRouted("/api/cases/" + miasCase + "/replies", Map.of("text", secret)).status())
                    .isEqualTo(201);
            // The reply left, by mail, to Mia.
            await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(mia).stream().anyMatch(m -> body(m).contains(secret)));
            // A reply on the visitor's own case reaches the socket, so the socket would have carried Mia's too.
            String own = "Your order number, please? " + UUID.randomUUID().toString().substring(0, 8);
            assertThat(Api.as(port, "agent").postJsonOnceRouted("/api/cases/" + visitorsCase + "/replies", Map.of("text", own)).status())
                    .isEqualTo(201);
            visitor.awaitFrame(f -> "reply".equals(f.path("type").asText()) && own.equals(f.path("text").asText()));

            // Canary: nothing of Mia's case on the visitor's socket, nothing of the visitor on Mia's case.
            assertThat(visitor.frames()).noneMatch(f -> f.path("caseId").asLong() == miasCase);
            assertThat(visitor.frames().toString()).doesNotContain(secret).doesNotContain("120 EUR paid");
            JsonNode miasTimeline = Api.as(port, "auditor").get("/api/cases/" + miasCase + "/timeline").json();
            miasTimeline.forEach(e -> {
                assertThat(e.path("channel").asText()).isNotEqualTo("CHAT");
                assertThat(e.path("author").asText()).isNotEqualTo(visitor.id);
                assertThat(e.path("text").asText()).doesNotContain("it's Mia");
            });
            assertThat(identities(mia_)).containsExactly("EMAIL:" + mia);
            assertThat(Api.as(port, "auditor").get("/api/customers/" + mia_ + "/merges").json()).isEmpty();

            // Agents see the typed address on the visitor's case, marked as not verified.
            JsonNode visitorsTimeline = Api.as(port, "agent").getOnceRouted("/api/cases/" + visitorsCase + "/timeline").json();
            List<String> notes = new ArrayList<>();
            visitorsTimeline.forEach(e -> notes.add(e.path("text").asText()));
            assertThat(notes).anyMatch(t -> t.contains(mia) && t.contains("not verified"));
        }
    }

    @Test
    void aVisitorWhoEntersTheCodeMailedToTheAddressJoinsThatCustomerAndTheMergeIsRecorded() {
        String mia = address("mia");
        long miasCase = mailFrom(mia, "My pages come out blank");
        long mia_ = customerOf(miasCase);

        try (ChatVisitor visitor = ChatVisitor.connect(port)) {
            JsonNode sent = visitor.requestCode(mia);
            assertThat(sent.get("status").asText()).isEqualTo("code-sent");
            String code = awaitCodeMailedTo(mia);
            // Only a salted hash of the code is stored.
            String stored = jdbc.sql("SELECT CONCAT(code_salt, code_hash) FROM chat_email_verifications WHERE visitor = ?")
                    .param(visitor.id).query(String.class).single();
            assertThat(stored).doesNotContain(code);

            JsonNode verified = visitor.enterCode(code);

            assertThat(verified.get("status").asText()).isEqualTo("verified");
            assertThat(verified.get("email").asText()).isEqualTo(mia);
            assertThat(identities(mia_)).contains("EMAIL:" + mia, "CHAT_VISITOR:" + visitor.id);
            JsonNode merges = Api.as(port, "auditor").get("/api/customers/" + mia_ + "/merges").json();
            assertThat(merges).hasSize(1);
            assertThat(merges.get(0).get("mergedBy").asText()).as("neither the address nor the visitor id: an erasure forgets them")
                    .startsWith("chat visitor by a mailed code (chat email verification ").doesNotContain(mia).doesNotContain(visitor.id);
            assertThat(merges.get(0).get("target").get("value").asLong()).isEqualTo(mia_);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Api.as(port, "auditor")
                    .get("/api/audit/customers/" + mia_ + "/trace").json().get("entries").findValuesAsText("actor"))
                    .contains(merges.get(0).get("mergedBy").asText()).noneMatch(actor -> actor.contains(mia)));
            assertThat(merges.get(0).get("identities").toString()).contains(visitor.id);
            assertThat(merges.get(0).get("mergedAt").asText()).isNotBlank();
            assertThat(jdbc.sql("SELECT state FROM chat_email_verifications WHERE visitor = ?").param(visitor.id)
                    .query(String.class).single()).isEqualTo("VERIFIED");

            // The chat now joins Mia's open case, and the agent's answer comes back on the chat.
            long chatCase = visitor.write("It's me, Mia, on the chat now.");
            assertThat(chatCase).isEqualTo(miasCase);
            String answer = "Please clean the print head: Settings > Maintenance. " + UUID.randomUUID();
            assertThat(Api.as(port, "agent").postJsonOnceRouted("/api/cases/" + miasCase + "/replies", Map.of("text", answer)).status())
                    .isEqualTo(201);
            visitor.awaitFrame(f -> "reply".equals(f.path("type").asText()) && answer.equals(f.path("text").asText()));
        }
    }

    @Test
    void fiveWrongCodesVoidTheCodeSoEvenTheRightOneIsRefused() {
        String mia = address("mia");
        long mia_ = customerOf(mailFrom(mia, "Toner is empty"));

        try (ChatVisitor visitor = ChatVisitor.connect(port)) {
            visitor.requestCode(mia);
            String code = awaitCodeMailedTo(mia);
            for (int attempt = 1; attempt <= 4; attempt++) {
                JsonNode wrong = visitor.enterCode(wrong(code, attempt));
                assertThat(wrong.get("status").asText()).isEqualTo("wrong-code");
                assertThat(wrong.get("attemptsLeft").asInt()).isEqualTo(5 - attempt);
                assertThat(wrong.get("message").asText()).contains("not right");
            }
            JsonNode locked = visitor.enterCode(wrong(code, 5));
            assertThat(locked.get("status").asText()).isEqualTo("locked");
            assertThat(locked.get("message").asText()).contains("Too many wrong codes");

            JsonNode right = visitor.enterCode(code);

            assertThat(right.get("status").asText()).isEqualTo("locked");
            assertThat(identities(mia_)).containsExactly("EMAIL:" + mia);
            assertThat(Api.as(port, "auditor").get("/api/customers/" + mia_ + "/merges").json()).isEmpty();
        }
    }

    @Test
    void anExpiredCodeIsRefused() {
        String mia = address("mia");
        long mia_ = customerOf(mailFrom(mia, "Paper jam again"));

        try (ChatVisitor visitor = ChatVisitor.connect(port)) {
            visitor.requestCode(mia);
            String code = awaitCodeMailedTo(mia);
            // Ten minutes pass: the code's expiry moves into the past.
            assertThat(jdbc.sql("UPDATE chat_email_verifications SET expires_at = ? WHERE visitor = ?")
                    .params(Timestamp.from(Instant.now().minusSeconds(1)), visitor.id).update()).isEqualTo(1);

            JsonNode expired = visitor.enterCode(code);

            assertThat(expired.get("status").asText()).isEqualTo("expired");
            assertThat(expired.get("message").asText()).contains("expired");
            assertThat(identities(mia_)).containsExactly("EMAIL:" + mia);
            assertThat(Api.as(port, "auditor").get("/api/customers/" + mia_ + "/merges").json()).isEmpty();
        }
    }

    @Test
    void theAnswerIsTheSameWhetherACustomerOwnsTheAddressOrNot() {
        String mia = address("mia");
        mailFrom(mia, "Hello");
        String nobody = address("nobody");

        try (ChatVisitor one = ChatVisitor.connect(port); ChatVisitor two = ChatVisitor.connect(port)) {
            JsonNode forCustomer = one.requestCode(mia);
            JsonNode forNobody = two.requestCode(nobody);

            assertThat(forCustomer.toString().replace(mia, "ADDRESS")).isEqualTo(forNobody.toString().replace(nobody, "ADDRESS"));
            // Both addresses got a code.
            awaitCodeMailedTo(mia);
            awaitCodeMailedTo(nobody);
        }
    }

    @Test
    void codesAreRateLimitedPerAddressAndPerVisitor() {
        String mia = address("mia");
        try (ChatVisitor one = ChatVisitor.connect(port); ChatVisitor two = ChatVisitor.connect(port);
             ChatVisitor three = ChatVisitor.connect(port)) {
            assertThat(one.requestCode(mia).get("status").asText()).isEqualTo("code-sent");
            assertThat(one.requestCode(mia).get("status").asText()).isEqualTo("code-sent");
            assertThat(two.requestCode(mia).get("status").asText()).isEqualTo("code-sent");
            // A fourth code within the hour for the same address, whoever asks.
            assertThat(three.requestCode(mia).get("status").asText()).isEqualTo("too-many-requests");
            await().atMost(Duration.ofSeconds(30)).until(() -> codeMailsTo(mia).size() == 3);

            // One visitor asking for many addresses.
            for (int i = 0; i < 3; i++) {
                assertThat(one.requestCode(address("other")).get("status").asText()).isEqualTo("code-sent");
            }
            String sixth = address("sixth");
            JsonNode refused = one.requestCode(sixth);
            assertThat(refused.get("status").asText()).isEqualTo("too-many-requests");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM chat_email_verifications WHERE email = ?").param(sixth)
                    .query(Integer.class).single()).isZero();
        }
    }

    /**
     * Visitors are free to make (30 an hour per network address) and their tokens last 30 days, each good for 5 codes
     * an hour: counted per visitor and per recipient only, one script mailed any number of strangers from Omnicase's
     * sender (probe 46: 15 mails in 8 s from three visitors). The chat mails at most omnicase.channels.chat.codes-per-hour
     * codes (500) in an hour, whoever asks.
     */
    @Test
    void onceTheChatHasMailedItsCodesForTheHourNoVisitorGetsAnotherOne() {
        // The hour's codes, as if 500 visitors had asked for them (rows the test takes away again).
        String marker = "p46-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("INSERT INTO chat_email_verifications (visitor, email, code_salt, code_hash, state, attempts, created_at, "
                        + "expires_at) SELECT CONCAT(?, '-', seq), CONCAT(?, '-', seq, '@example.com'), REPEAT('0', 32), "
                        + "REPEAT('0', 64), 'SUPERSEDED', 0, ?, ? FROM seq_1_to_500")
                .params(marker, marker, Timestamp.from(Instant.now()), Timestamp.from(Instant.now().plus(Duration.ofMinutes(10))))
                .update();
        String newcomer = address("newcomer");
        try (ChatVisitor visitor = ChatVisitor.connect(port)) {
            assertThat(visitor.requestCode(newcomer).get("status").asText()).isEqualTo("too-many-requests");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM chat_email_verifications WHERE email = ?").param(newcomer)
                    .query(Integer.class).single()).isZero();

            // An hour later those codes no longer count.
            jdbc.sql("UPDATE chat_email_verifications SET created_at = ? WHERE visitor LIKE ?")
                    .params(Timestamp.from(Instant.now().minus(Duration.ofMinutes(61))), marker + "-%").update();
            assertThat(visitor.requestCode(newcomer).get("status").asText()).isEqualTo("code-sent");
            awaitCodeMailedTo(newcomer);
        } finally {
            jdbc.sql("DELETE FROM chat_email_verifications WHERE visitor LIKE ?").param(marker + "-%").update();
        }
        assertThat(codeMailsTo(newcomer)).hasSize(1);
    }

    @Test
    void malformedAddressesAreRefusedAndNothingIsMailed() {
        try (ChatVisitor visitor = ChatVisitor.connect(port)) {
            for (String bad : List.of("<script>@x.com", "x@[127.0.0.1]", "x@127.0.0.1", "mi\u0000a@example.com",
                    "mia@example.com\r\nBcc: all@example.com", "\"mia\"@example.com", "mia@example", "mia@@example.com")) {
                JsonNode answer = visitor.requestCode(bad);
                assertThat(answer.get("status").asText()).as(bad).isEqualTo("invalid-address");
            }
            assertThat(jdbc.sql("SELECT COUNT(*) FROM chat_email_verifications WHERE visitor = ?").param(visitor.id)
                    .query(Integer.class).single()).isZero();
            assertThat(visitor.enterCode("12345678").get("status").asText()).isEqualTo("no-code");
            assertThat(visitor.enterCode("12ab").get("status").asText()).isEqualTo("malformed-code");
        }
    }

    @Test
    void anAgentMergesAVisitorIntoTheCustomerByHandAndTheMergeIsRecorded() {
        String mia = address("mia");
        long miasCase = mailFrom(mia, "My machine does not start");
        long mia_ = customerOf(miasCase);

        try (ChatVisitor visitor = ChatVisitor.connect(port)) {
            visitor.hint(mia);
            long visitorsCase = visitor.write("Hi, this is Mia, my phone number is on file.");
            long visitorsCustomer = customerOf(visitorsCase);
            assertThat(visitorsCustomer).isNotEqualTo(mia_);
            // The agent reaches the visitor's case once routing placed it in their queue.
            assertThat(Api.as(port, "agent").getOnceRouted("/api/cases/" + visitorsCase).status()).isEqualTo(200);

            Api.Response merged = Api.as(port, "agent").postJson("/api/customers/" + mia_ + "/merge",
                    Map.of("sourceId", visitorsCustomer));

            assertThat(merged.status()).isEqualTo(200);
            JsonNode merges = Api.as(port, "auditor").get("/api/customers/" + mia_ + "/merges").json();
            assertThat(merges).hasSize(1);
            assertThat(merges.get(0).get("mergedBy").asText()).isEqualTo("agent");
            assertThat(merges.get(0).get("source").get("value").asLong()).isEqualTo(visitorsCustomer);
            assertThat(merges.get(0).get("caseIds").get(0).asLong()).isEqualTo(visitorsCase);
            assertThat(identities(mia_)).contains("EMAIL:" + mia, "CHAT_VISITOR:" + visitor.id);
            assertThat(customerOf(visitorsCase)).isEqualTo(mia_);
        }
    }

    /**
     * Every address a visitor gives is a note on the case's timeline and a link of the audit chain, which nothing
     * removes: one socket wrote 200 in 2 s. Now a case is told of three unverified addresses an hour at most.
     */
    @Test
    void aVisitorGivingAddressAfterAddressFillsNoTimeline() throws Exception {
        try (ChatVisitor visitor = ChatVisitor.connect(port)) {
            long caseId = visitor.write("Hello, a question about my order");
            for (int i = 0; i < 8; i++) {
                assertThat(visitor.hint(address("spam" + i)).get("status").asText()).isEqualTo("not-verified");
            }
            JsonNode timeline = Api.as(port, "auditor").get("/api/cases/" + caseId + "/timeline").json();
            List<String> noted = new java.util.ArrayList<>();
            timeline.forEach(e -> {
                if (e.path("text").asText().startsWith("The visitor says their email address is")) {
                    noted.add(e.path("text").asText());
                }
            });
            assertThat(noted).hasSize(ChatFloodGuard.HINTS_PER_CASE_PER_HOUR);
        }
    }

    private static String address(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** A mail from the customer, as the mail channel hands it to intake; answers its case. */
    private long mailFrom(String from, String text) {
        Api.Response response = Api.as(port, "gateway").postJson("/api/messages", Map.of("channel", "EMAIL", "from", from,
                "text", text, "providerMessageId", "<" + UUID.randomUUID() + "@example.com>"));
        assertThat(response.status()).isEqualTo(202);
        return response.json().get("caseId").asLong();
    }

    private long customerOf(long caseId) {
        return Api.as(port, "supervisor").get("/api/cases/" + caseId).json().get("customerId").asLong();
    }

    private List<String> identities(long customer) {
        List<String> identities = new ArrayList<>();
        Api.as(port, "supervisor").get("/api/customers/" + customer).json().get("identities")
                .forEach(i -> identities.add(i.get("kind").asText() + ":" + i.get("address").asText()));
        return identities;
    }

    private static String awaitCodeMailedTo(String address) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !codeMailsTo(address).isEmpty());
        List<MimeMessage> mails = codeMailsTo(address);
        Matcher code = CODE.matcher(body(mails.get(mails.size() - 1)));
        assertThat(code.find()).as("a code in the mail").isTrue();
        return code.group(1);
    }

    private static List<MimeMessage> codeMailsTo(String address) {
        return mailsTo(address).stream().filter(m -> {
            try {
                return "Your chat verification code".equals(m.getSubject());
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(MailServer.get().greenMail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static String body(MimeMessage mail) {
        return GreenMailUtil.getBody(mail);
    }

    /** A code of the same length that is not the right one. */
    private static String wrong(String code, int n) {
        String candidate = String.format("%08d", (Long.parseLong(code) + n * 7919L) % 100_000_000L);
        return candidate.equals(code) ? String.format("%08d", (Long.parseLong(code) + 1) % 100_000_000L) : candidate;
    }

    @Test
    void framesThatAreNoValidMessageAreAnsweredWithAnErrorAndStoreNothing() {
        try (ChatVisitor visitor = ChatVisitor.connect(port)) {
            visitor.send(java.util.Map.of("type", "message", "id", "x", "text", "Hello"));
            visitor.send(java.util.Map.of("type", "message", "id", "frame-12345678", "text", "   "));
            visitor.send(java.util.Map.of("type", "message", "id", "frame-12345678", "text", java.util.Map.of("a", 1)));
            visitor.send(java.util.Map.of("type", "dance"));

            await().atMost(java.time.Duration.ofSeconds(10)).until(() -> errors(visitor).size() == 4);
            assertThat(errors(visitor)).satisfiesExactly(
                    e -> assertThat(e).startsWith("a message needs an id"),
                    e -> assertThat(e).startsWith("a message needs an id"),
                    e -> assertThat(e).isEqualTo("the fields of a frame are texts"),
                    e -> assertThat(e).startsWith("type must be"));
            assertThat(jdbc.sql("SELECT COUNT(*) FROM interactions WHERE provider_message_id LIKE ?")
                    .param("chat:" + visitor.id + ":%").query(Integer.class).single()).isZero();
        }
    }

    private static java.util.List<String> errors(ChatVisitor visitor) {
        return visitor.frames().stream().filter(f -> "error".equals(f.path("type").asText()))
                .map(f -> f.path("error").asText()).toList();
    }
}
