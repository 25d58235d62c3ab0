package io.omnicase.channels.email;

import io.omnicase.channels.MailServer;
import io.omnicase.support.Api;
import jakarta.mail.internet.MimeMessage;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where a mail landed, by its Message-ID: the case its timeline entry belongs to; and the steps the mail integration
 * tests share (an agent's reply that goes out, waiting until the app has done its work).
 */
final class MailCases {

    private MailCases() {
    }

    /** The case the mail joined or opened; null when it is on no case (dropped, logged as machine mail, not yet read). */
    static Long caseOrNull(JdbcClient jdbc, String messageId) {
        return jdbc.sql("SELECT case_id FROM interactions WHERE channel = 'EMAIL' AND provider_message_id = ?")
                .param(messageId).query(Long.class).optional().orElse(null);
    }

    static long caseOf(JdbcClient jdbc, String messageId) {
        Long id = caseOrNull(jdbc, messageId);
        assertThat(id).as("case of " + messageId).isNotNull();
        return id;
    }

    /** An agent answers on the case; answers the Message-ID of the mail that went out. */
    static String agentReply(int port, long caseId) {
        Api.Response response = Api.as(port, "admin").postJson("/api/cases/" + caseId + "/replies",
                Map.of("text", "Thank you, we are looking into it."));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        String prefix = "<case-" + caseId + "." + response.json().get("interactionId").asLong() + ".";
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (MimeMessage m : MailServer.get().greenMail().getReceivedMessages()) {
                String id = m.getMessageID();
                if (id != null && id.startsWith(prefix)) {
                    return id;
                }
            }
            return null;
        }, id -> id != null);
    }

    /** Waits until every event since the start is delivered and no process job is due: the app has done its work. */
    static void awaitQuiet(JdbcClient jdbc, Instant since) {
        AtomicInteger quietChecks = new AtomicInteger();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
            int pending = jdbc.sql("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE COMPLETION_DATE IS NULL AND PUBLICATION_DATE >= ?")
                    .param(Timestamp.from(since)).query(Integer.class).single();
            int jobs = jdbc.sql("SELECT COUNT(*) FROM ACT_RU_JOB WHERE RETRIES_ > 0 AND (DUEDATE_ IS NULL OR DUEDATE_ <= ?)")
                    .param(Timestamp.from(Instant.now())).query(Integer.class).single();
            return pending == 0 && jobs == 0 ? quietChecks.incrementAndGet() >= 3 : quietChecks.getAndSet(0) < 0;
        });
    }

    /** A file attached to a mail under this name and type. */
    static jakarta.mail.internet.MimeBodyPart attachment(String name, String type, byte[] content) throws Exception {
        jakarta.mail.internet.MimeBodyPart part = new jakarta.mail.internet.MimeBodyPart();
        part.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(content, type)));
        part.setFileName(name);
        part.setDisposition(jakarta.mail.Part.ATTACHMENT);
        return part;
    }
}
