package io.omnicase.outbox;

import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Completed publications are deleted together, and only what really completed: a completion inside a listener's
 * transaction counts once that transaction commits, never when it rolls back (the event would be lost).
 */
@RunningOmnicase
class CompletionBatchIT {

    @Autowired
    EventPublicationRepository repository;

    @Autowired
    CompletionBatch batch;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void completionsOfManyPublicationsLeaveTheTableTogether() {
        List<UUID> ids = List.of(incomplete(), incomplete(), incomplete(), incomplete());

        ids.forEach(id -> repository.markCompleted(id, Instant.now()));

        await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream().allMatch(id -> !stored(id)));
    }

    @Test
    void aCompletionInATransactionThatRollsBackLeavesThePublicationForRedelivery() {
        UUID rolledBack = incomplete();
        UUID committed = incomplete();

        TransactionTemplate inTransaction = new TransactionTemplate(transactions);
        inTransaction.executeWithoutResult(status -> {
            repository.markCompleted(rolledBack, Instant.now());
            status.setRollbackOnly();
        });
        inTransaction.executeWithoutResult(status -> repository.markCompleted(committed, Instant.now()));
        batch.flush();

        assertThat(stored(committed)).as("completed with its transaction").isFalse();
        assertThat(stored(rolledBack)).as("its listener's work was rolled back: still to deliver").isTrue();
        jdbc.sql("DELETE FROM EVENT_PUBLICATION WHERE ID = ?").param(rolledBack.toString()).update();
    }

    @Test
    void aParkedRowIsNeverDeletedAsACompletion() {
        UUID parked = UUID.randomUUID();
        jdbc.sql("INSERT INTO EVENT_PUBLICATION (ID, EVENT_TYPE, LISTENER_ID, PUBLICATION_DATE, SERIALIZED_EVENT, "
                        + "COMPLETION_DATE) VALUES (?, 'parked', 'test.parked', ?, '{}', ?)")
                .params(parked.toString(), Timestamp.from(Instant.now()), Timestamp.from(Instant.now())).update();

        repository.markCompleted(parked, Instant.now());
        batch.flush();

        assertThat(stored(parked)).isTrue();
        jdbc.sql("DELETE FROM EVENT_PUBLICATION WHERE ID = ?").param(parked.toString()).update();
    }

    /** An incomplete publication of a listener that does not exist (never delivered by the node). */
    private UUID incomplete() {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO EVENT_PUBLICATION (ID, EVENT_TYPE, LISTENER_ID, PUBLICATION_DATE, SERIALIZED_EVENT) "
                        + "VALUES (?, 'java.lang.String', 'test.nobody', ?, '\"x\"')")
                .params(id.toString(), Timestamp.from(Instant.now())).update();
        return id;
    }

    private boolean stored(UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE ID = ?").param(id.toString())
                .query(Integer.class).single() > 0;
    }
}
