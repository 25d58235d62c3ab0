package io.omnicase.search;

import io.omnicase.cases.CaseStatus;
import io.omnicase.cases.InteractionKind;
import io.omnicase.cases.InteractionRecorded;
import io.omnicase.customers.Channel;
import io.omnicase.support.Api;
import io.omnicase.support.CustomerMessages;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The history index is written through the bulk API (entries that arrive together go out in one request): many
 * messages arriving at once are each found by search, once; the same entry delivered twice at once (both in one
 * batch) is one document; an escalated case's earlier entries are found with the case's new status. What happens
 * while the node is down or hung is {@code io.omnicase.cases.ElasticsearchOutageIT}'s.
 */
@RunningOmnicase
class HistoryBulkIndexingIT {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void manyMessagesArrivingTogetherAreEachFoundBySearchOnce() throws Exception {
        String word = "bulk" + UUID.randomUUID().toString().substring(0, 8);
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<Long>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                int n = i;
                sent.add(senders.submit(() -> {
                    Api.Response accepted = Api.as(port, "gateway").postJson("/api/messages", CustomerMessages.message("EMAIL",
                            "bulk-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
                            "Parcel " + n + " about " + word + " has not arrived", null));
                    assertThat(accepted.status()).isEqualTo(202);
                    return accepted.json().get("messageId").asLong();
                }));
            }
            List<Long> messageIds = new ArrayList<>();
            for (Future<Long> f : sent) {
                messageIds.add(f.get());
            }

            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(found(word))
                    .containsExactlyInAnyOrderElementsOf(messageIds));
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void anEntryDeliveredTwiceAtOnceIsOneDocument() {
        String word = "twice" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response accepted = Api.as(port, "gateway").postJson("/api/messages", CustomerMessages.message("EMAIL",
                "dup-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "Refund " + word + " please", null));
        long messageId = accepted.json().get("messageId").asLong();
        long caseId = accepted.json().get("caseId").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> found(word).size() == 1);
        long customerId = jdbc.sql("SELECT customer_id FROM cases WHERE id = ?").param(caseId).query(Long.class).single();
        String body = jdbc.sql("SELECT body FROM interactions WHERE id = ?").param(messageId).query(String.class).single();
        InteractionRecorded again = new InteractionRecorded(messageId, caseId, customerId, InteractionKind.INBOUND,
                Channel.EMAIL, "someone@example.com", body, CaseStatus.NEW, Instant.now());

        // Two deliveries of the same entry in one transaction: both reach the bulk writer together.
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            publisher.publishEvent(again);
            publisher.publishEvent(again);
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                        "SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE LISTENER_ID LIKE '%InteractionIndex%' AND SERIALIZED_EVENT LIKE ?")
                .param("%\"interactionId\":" + messageId + ",%").query(Integer.class).single() == 0);

        assertThat(found(word)).containsExactly(messageId);
    }

    @Test
    void anEscalatedCasesEarlierEntriesAreFoundWithItsNewStatus() {
        String word = "status" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response accepted = Api.as(port, "gateway").postJson("/api/messages", CustomerMessages.message("EMAIL",
                "esc-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
                "My invoice " + word + " is wrong, I want to talk to a person", null));
        long caseId = accepted.json().get("caseId").asLong();
        long messageId = accepted.json().get("messageId").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> "ESCALATED".equals(jdbc.sql("SELECT status FROM cases WHERE id = ?")
                .param(caseId).query(String.class).single()));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Api.Response response = Api.as(port, "supervisor").get("/api/search?q=" + word);
            assertThat(response.status()).isEqualTo(200);
            var hits = response.json().get("hits");
            List<String> statuses = new ArrayList<>();
            hits.forEach(hit -> {
                if (hit.get("interactionId").asLong() == messageId) {
                    statuses.add(hit.get("caseStatus").asText());
                }
            });
            assertThat(statuses).containsExactly("ESCALATED");
        });
    }

    private List<Long> found(String word) {
        Api.Response response = Api.as(port, "supervisor").get("/api/search?q=" + word + "&size=100");
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("hits").findValues("interactionId").stream().map(n -> n.asLong()).toList();
    }
}
