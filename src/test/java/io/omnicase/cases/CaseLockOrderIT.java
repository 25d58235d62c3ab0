package io.omnicase.cases;

import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Intake locks the customer, then the case. A status change must take them in the same order: it writes the index
 * that the case's foreign key to its customer uses, so InnoDB checks the key with a shared lock on the customer's row.
 * With the case locked first, a status change and a message of the same customer deadlocked (issue 18: the routing
 * job lost to a burst of the customer's messages, and in CI became an incident).
 */
@RunningOmnicase
class CaseLockOrderIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CaseManagement cases;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aStatusChangeWhileIntakeHoldsTheCustomerWaitsInsteadOfDeadlocking() throws Exception {
        String phone = "+4989" + (1_000_000 + (int) (Math.random() * 8_999_999));
        Api.Response first = Api.as(port, "gateway").postJson("/api/messages", Map.of("channel", "WHATSAPP", "from", phone,
                "text", "My order has not arrived", "providerMessageId", "wamid." + UUID.randomUUID()));
        assertThat(first.status()).isEqualTo(202);
        long caseId = first.json().get("caseId").asLong();
        long customerId = jdbc.sql("SELECT customer_id FROM cases WHERE id = ?").param(caseId).query(Long.class).single();
        // The case's process has routed it and waits: nothing else of ours touches the case below.
        await().atMost(Duration.ofSeconds(60)).until(() -> !"NEW".equals(
                jdbc.sql("SELECT status FROM cases WHERE id = ?").param(caseId).query(String.class).single()));

        CompletableFuture<Void> closing = new CompletableFuture<>();
        new TransactionTemplate(transactions).executeWithoutResult(intake -> {
            // As intake does for the customer's next message: the customer first ...
            jdbc.sql("SELECT id FROM customers WHERE id = ? FOR UPDATE").param(customerId).query(Long.class).single();
            Thread closer = new Thread(() -> {
                try {
                    cases.close(new CaseId(caseId), "closed while a message of the customer comes in");
                    closing.complete(null);
                } catch (RuntimeException e) {
                    closing.completeExceptionally(e);
                }
            });
            closer.start();
            // ... the status change now waits for a lock (on the customer, or, locked in the wrong order, on the key's
            // check) ...
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT COUNT(*) FROM information_schema.INNODB_TRX "
                    + "WHERE trx_state = 'LOCK WAIT' AND (trx_query LIKE 'SELECT id FROM customers%' "
                    + "OR trx_query LIKE 'UPDATE cases SET status%')").query(Integer.class).single() > 0);
            // ... and then the case, which a status change holding it would turn into a deadlock.
            jdbc.sql("SELECT id FROM cases WHERE id = ? FOR UPDATE").param(caseId).query(Long.class).single();
        });

        closing.get(30, TimeUnit.SECONDS);
        assertThat(jdbc.sql("SELECT status FROM cases WHERE id = ?").param(caseId).query(String.class).single())
                .isEqualTo("CLOSED");
    }
}
