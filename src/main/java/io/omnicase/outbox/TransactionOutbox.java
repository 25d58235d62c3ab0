package io.omnicase.outbox;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a transaction writes to Spring Modulith's event publication table, written in one multi-row INSERT just before
 * it commits: on a busy machine every statement inside a transaction costs a round trip to MariaDB, and the round trip
 * (two threads waiting to be scheduled), not the insert, is what the caller waits for.
 * <p>
 * Two kinds of rows go there. <b>Event publications</b> (one per event and listener, see
 * {@link BatchedEventPublications}): they commit or roll back with the change that published them and are in the
 * table before any listener runs. <b>Parked rows</b> of another module, through {@link #park}: a row that must commit
 * with the change of the transaction but is only consumed later, by the module itself (the audit trail parks its
 * entries here and its sealer moves them into the chain). A parked row is stored as already complete, so Spring
 * Modulith never delivers or redelivers it (it has no listener); with {@code completion-mode: delete} no publication
 * stays in the table once complete, so the complete rows are exactly the parked ones, found through the completion
 * index. It costs the transaction no statement of its own.
 */
@Component
public class TransactionOutbox {

    // Spring Modulith 1.4's table and columns (see its JdbcEventPublicationRepository); IDs as text on MariaDB.
    private static final String INSERT = "INSERT INTO EVENT_PUBLICATION "
            + "(ID, EVENT_TYPE, LISTENER_ID, PUBLICATION_DATE, SERIALIZED_EVENT, COMPLETION_DATE) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?)";
    private static final String PARKED_TYPE = "parked";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final ObjectProvider<EventSerializer> serializer;
    // Parked rows are read back oldest first by id: the time, then a counter of this node, then a random part.
    private final AtomicLong counter = new AtomicLong();
    private final String node = HexFormat.of().formatHex(randomBytes(8));

    TransactionOutbox(DataSource dataSource, ObjectProvider<EventSerializer> serializer) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.serializer = serializer;
    }

    /** A row parked by a module: its id (oldest first), when it was parked and what. */
    public record Parked(String id, Instant parkedAt, String payload) {
    }

    /**
     * Parks a row with the change of the current read-write transaction: written with the transaction's event
     * publications, committed or rolled back with it.
     *
     * @param channel who reads it back ({@link #parked}); stored as the listener id
     * @throws IllegalStateException outside a read-write transaction
     */
    public void park(String channel, String payload) {
        if (!inReadWriteTransaction()) {
            throw new IllegalStateException("A row can only be parked inside a read-write transaction");
        }
        Instant now = Instant.now();
        Row row = new Row(nextId(now), PARKED_TYPE, channel, now, payload, now, null);
        Pending pending = pending();
        if (pending.written) {
            write(List.of(row)); // parked by a before-commit step after ours: still in the transaction
        } else {
            pending.rows.add(row);
        }
    }

    /**
     * The oldest parked rows of a channel, locked until the caller's transaction ends (which should remove them once
     * consumed). Call inside a transaction.
     */
    public List<Parked> parked(String channel, int limit) {
        return jdbc.query("SELECT ID, PUBLICATION_DATE, SERIALIZED_EVENT FROM EVENT_PUBLICATION "
                        + "WHERE COMPLETION_DATE IS NOT NULL AND LISTENER_ID = ? ORDER BY ID LIMIT ? FOR UPDATE",
                (rs, n) -> new Parked(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)), channel, limit);
    }

    /** Removes parked rows once consumed (in the consumer's transaction). */
    public void remove(List<String> ids) {
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            jdbc.update("DELETE FROM EVENT_PUBLICATION WHERE ID IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?"))
                    + ") AND COMPLETION_DATE IS NOT NULL", chunk.toArray());
        }
    }

    /** How many rows of a channel were parked before a moment and are still there. */
    public int parkedBefore(String channel, Instant before) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE COMPLETION_DATE IS NOT NULL "
                + "AND LISTENER_ID = ? AND PUBLICATION_DATE < ?", Integer.class, channel, Timestamp.from(before));
        return count == null ? 0 : count;
    }

    /**
     * Collects an event publication for the transaction's INSERT; answers false when it was not collected (no
     * read-write transaction, or the transaction's rows are written already) and must be stored at once.
     */
    boolean collect(TargetEventPublication publication) {
        if (!inReadWriteTransaction()) {
            return false;
        }
        Pending pending = pending();
        if (pending.written) {
            return false;
        }
        pending.rows.add(new Row(publication.getIdentifier().toString(), publication.getEvent().getClass().getName(),
                publication.getTargetIdentifier().getValue(), publication.getPublicationDate(), null, null,
                publication.getEvent()));
        return true;
    }

    private static boolean inReadWriteTransaction() {
        return TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly();
    }

    private Pending pending() {
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        return pending;
    }

    /** A row of the table; an event publication's payload is serialised at writing, once per event. */
    private record Row(String id, String type, String listener, Instant publishedAt, String payload, Instant completedAt,
                       Object event) {
    }

    private void write(List<Row> rows) {
        Map<Object, String> serialized = new IdentityHashMap<>();
        List<Object> args = new ArrayList<>(rows.size() * 6);
        for (Row row : rows) {
            args.add(row.id());
            args.add(row.type());
            args.add(row.listener());
            args.add(Timestamp.from(row.publishedAt()));
            args.add(row.payload() != null ? row.payload()
                    : serialized.computeIfAbsent(row.event(), e -> serializer.getObject().serialize(e).toString()));
            args.add(row.completedAt() == null ? null : Timestamp.from(row.completedAt()));
        }
        jdbc.update(INSERT + String.join(", ", Collections.nCopies(rows.size(), ROW)), args.toArray());
    }

    private String nextId(Instant now) {
        // 12 + 8 + 16 hex digits: 36 characters, the column's width; ordered by time, then by this node's counter.
        return String.format("%012x%08x%s", now.toEpochMilli(), counter.getAndIncrement() & 0xffffffffL, node);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The rows of one transaction, written just before it commits. */
    private final class Pending implements TransactionSynchronization {
        private final List<Row> rows = new ArrayList<>();
        private boolean written;

        @Override
        public int getOrder() {
            // Last among the before-commit steps: what they publish or park is still in the one INSERT.
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(TransactionOutbox.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(TransactionOutbox.this, this);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            written = true;
            if (!rows.isEmpty()) {
                write(rows);
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(TransactionOutbox.this);
        }
    }
}
