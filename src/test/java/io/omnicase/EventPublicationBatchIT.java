package io.omnicase;

import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.MessageReceived;
import io.omnicase.customers.Channel;
import io.omnicase.support.CustomerMessages;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The publications of an intake transaction are written together at its commit: one row per listener, stored with
 * the message (so nothing is lost if the node dies right after the 202), none when the transaction rolls back, and
 * every one completed once its listener has run.
 */
@RunningOmnicase
class EventPublicationBatchIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ConfigurableEnvironment environment;

    @Test
    void aMessageLeavesOnePublicationPerListenerCommittedWithItAndEachIsCompleted() {
        String token = "batch" + UUID.randomUUID().toString().replace("-", "");
        List<String> listeners = whilePaused(() -> {
            CustomerMessages.write(port, "EMAIL", token + "@example.com", "Parcel " + token + " is late", null);
            // Publications only: the audit trail's entry of the message is parked in the same table, stored complete.
            return jdbc.sql("SELECT LISTENER_ID FROM EVENT_PUBLICATION WHERE SERIALIZED_EVENT LIKE ? AND COMPLETION_DATE IS NULL")
                    .param("%" + token + "%").query(String.class).list();
        });
        assertThat(listeners).as("the message's event reached several listeners").hasSizeGreaterThan(1);
        assertThat(listeners).as("one row per listener").doesNotHaveDuplicates();
        assertThat(listeners).anyMatch(id -> id.contains("InteractionIndex"));

        awaitAllDelivered(token);
    }

    /**
     * Runs with the after-commit work held back (omnicase.events.paused) while we look: fast listeners would otherwise
     * complete, and their rows leave the table, before the queries of the test.
     */
    private <T> T whilePaused(java.util.function.Supplier<T> look) {
        environment.getPropertySources().addFirst(new MapPropertySource("test-pause", Map.of("omnicase.events.paused", "true")));
        try {
            return look.get();
        } finally {
            environment.getPropertySources().remove("test-pause");
        }
    }

    /** Until every publication whose event holds the token has been delivered. */
    private void awaitAllDelivered(String token) {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(jdbc.sql(
                        "SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE SERIALIZED_EVENT LIKE ? AND COMPLETION_DATE IS NULL")
                .param("%" + token + "%").query(Long.class).single()).isZero());
    }

    @Autowired
    CaseManagement cases;

    /**
     * A listener that would do nothing with an event (outcomes on a change of state only, chat notices on the process's
     * changes of state only, floor alerts on customers' messages and SLA breaches only) gets no publication row for
     * it: Spring Modulith reads the listener's condition before storing (issue 18, after-commit throughput). Those it
     * acts on still get theirs.
     */
    @Test
    void aListenerGetsAPublicationOnlyForTheEntriesItActsOn() {
        String token = "only" + UUID.randomUUID().toString().replace("-", "");
        List<List<String>> seen = whilePaused(() -> {
            long caseId = CustomerMessages.write(port, "EMAIL", token + "@example.com", "Parcel " + token + " is late", null);
            List<String> onMessage = listenersOf("%Parcel " + token + "%");
            cases.recordNote(new CaseId(caseId), "case", "Process note " + token, Map.of());
            List<String> onNote = listenersOf("%Process note " + token + "%");
            cases.recordSlaBreach(new CaseId(caseId));
            List<String> onBreach = jdbc.sql("SELECT LISTENER_ID FROM EVENT_PUBLICATION WHERE EVENT_TYPE LIKE '%InteractionRecorded' "
                            + "AND SERIALIZED_EVENT LIKE '%SLA breached%' AND SERIALIZED_EVENT LIKE ?")
                    .param("%\"caseId\":" + caseId + ",%").query(String.class).list();
            return List.of(onMessage, onNote, onBreach);
        });
        List<String> message = seen.get(0);
        List<String> processNote = seen.get(1);
        List<String> slaBreach = seen.get(2);
        assertThat(message).as("the customer's message: indexed, watched on the floor").anyMatch(id -> id.contains("InteractionIndex"))
                .anyMatch(id -> id.contains("FloorWatch"))
                .noneMatch(id -> id.contains("CaseOutcomes")).noneMatch(id -> id.contains("ChatNotices"));
        assertThat(processNote).as("a change of state by the process: outcomes and chat notices")
                .anyMatch(id -> id.contains("CaseOutcomes")).anyMatch(id -> id.contains("ChatNotices"))
                .noneMatch(id -> id.contains("FloorWatch"));
        assertThat(slaBreach).as("an SLA breach: outcomes and the floor").anyMatch(id -> id.contains("CaseOutcomes"))
                .anyMatch(id -> id.contains("FloorWatch")).noneMatch(id -> id.contains("ChatNotices"));
        awaitAllDelivered(token);
    }

    private List<String> listenersOf(String serializedLike) {
        return jdbc.sql("SELECT LISTENER_ID FROM EVENT_PUBLICATION WHERE EVENT_TYPE LIKE '%InteractionRecorded' AND SERIALIZED_EVENT LIKE ?")
                .param(serializedLike).query(String.class).list();
    }

    @Test
    void aRolledBackTransactionLeavesNoPublication() {
        long caseId = -ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE);
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            events.publishEvent(new MessageReceived(caseId, caseId, caseId, Channel.EMAIL, false));
            status.setRollbackOnly();
        });

        assertThat(jdbc.sql("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE SERIALIZED_EVENT LIKE ?")
                .param("%" + caseId + "%").query(Long.class).single()).isZero();
    }
}
