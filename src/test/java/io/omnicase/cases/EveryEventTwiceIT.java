package io.omnicase.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.channels.MailServer;
import io.omnicase.support.Api;
import io.omnicase.support.CustomerMessages;
import io.omnicase.support.RecordedEvents;
import io.omnicase.support.RunningOmnicase;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery after commit is at least once (a retry, a restart, a second node): every effect is keyed by the message it
 * comes from. A case's every event (messages received, timeline entries, the agent's reply) is delivered a second
 * time, and nothing changes: the process takes no message twice (no second routing decision), the index holds each
 * entry once, the customer gets the reply once.
 */
@RunningOmnicase
class EveryEventTwiceIT {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void deliveringEveryEventOfACaseASecondTimeChangesNothingTheCustomerOrTheAgentWouldSee() throws MessagingException {
        String address = "twice-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String marker = "twice" + UUID.randomUUID().toString().substring(0, 6);
        RecordedEvents.start();
        List<Object> events;
        long caseId;
        try {
            caseId = write(address, "My invoice " + marker + " is wrong, I want to talk to a person");
            await().atMost(Duration.ofSeconds(60)).until(() -> count(timeline(caseId), "DECISION") == 1);
            String reply = "We corrected invoice " + marker + ".";
            assertThat(Api.as(port, "supervisor").postJson("/api/cases/" + caseId + "/replies", Map.of("text", reply))
                    .status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(address, marker) == 1);
            assertThat(write(address, "Thanks, and the invoice " + marker + " for May?")).isEqualTo(caseId);
            await().atMost(Duration.ofSeconds(60)).until(() -> count(timeline(caseId), "DECISION") == 2);
            awaitDelivered(caseId);
            await().atMost(Duration.ofSeconds(60)).until(() -> indexed(caseId) == timeline(caseId).size());
        } finally {
            events = RecordedEvents.stop();
        }
        List<Object> ofTheCase = events.stream().filter(e -> caseOf(e) == caseId).toList();
        assertThat(ofTheCase).hasAtLeastOneElementOfType(MessageReceived.class)
                .hasAtLeastOneElementOfType(InteractionRecorded.class).hasAtLeastOneElementOfType(ReplyRecorded.class);
        int entries = timeline(caseId).size();

        new TransactionTemplate(transactions).executeWithoutResult(tx -> ofTheCase.forEach(publisher::publishEvent));
        // Every second delivery has run to its end (the publication registry deletes what its listeners completed).
        awaitDelivered(caseId);

        JsonNode after = timeline(caseId);
        assertThat(after.size()).isEqualTo(entries);
        assertThat(count(after, "DECISION")).isEqualTo(2);
        assertThat(indexed(caseId)).isEqualTo(entries);
        assertThat(mailsTo(address, marker)).isEqualTo(1);
    }

    private long write(String address, String text) {
        Api.Response accepted = Api.as(port, "gateway").postJson("/api/messages",
                CustomerMessages.message("EMAIL", address, text, null));
        assertThat(accepted.status()).isEqualTo(202);
        return accepted.json().get("caseId").asLong();
    }

    private void awaitDelivered(long caseId) {
        await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.sql(
                        "SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE COMPLETION_DATE IS NULL AND SERIALIZED_EVENT LIKE ?")
                .param("%\"caseId\":" + caseId + ",%").query(Integer.class).single() == 0);
    }

    private JsonNode timeline(long caseId) {
        return Api.as(port, "supervisor").get("/api/cases/" + caseId + "/timeline").json();
    }

    private long indexed(long caseId) {
        return Api.as(port, "supervisor").get("/api/search?case=" + caseId + "&size=100").json().get("total").asLong();
    }

    private static long count(JsonNode timeline, String kind) {
        long n = 0;
        for (JsonNode e : timeline) {
            n += kind.equals(e.get("kind").asText()) ? 1 : 0;
        }
        return n;
    }

    private static long mailsTo(String address, String marker) throws MessagingException {
        long n = 0;
        for (MimeMessage mail : MailServer.get().greenMail().getReceivedMessages()) {
            Address[] to = mail.getAllRecipients();
            if (to != null && List.of(to).stream().anyMatch(a -> a.toString().contains(address))
                    && com.icegreen.greenmail.util.GreenMailUtil.getBody(mail).contains("We corrected invoice " + marker)) {
                n++;
            }
        }
        return n;
    }

    private static long caseOf(Object event) {
        if (event instanceof MessageReceived m) {
            return m.caseId();
        }
        if (event instanceof InteractionRecorded i) {
            return i.caseId();
        }
        if (event instanceof ReplyRecorded r) {
            return r.caseId();
        }
        return -1;
    }
}
