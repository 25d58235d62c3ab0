package io.omnicase.audit.internal;

import io.omnicase.audit.AuditEntry;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit chain in MariaDB. Entries recorded inside a transaction are collected and appended in one batch just
 * before that transaction commits, under a lock on the head row: the chain stays linear, the lock is held only for
 * the commit, and the entries commit or roll back with the change they record. Outside a transaction (or inside a
 * read-only one) an entry is appended in a transaction of its own.
 */
@Repository
public class AuditLog {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final io.micrometer.core.instrument.Timer appends;
    private final io.micrometer.core.instrument.Timer headWaits;

    AuditLog(JdbcClient jdbc, PlatformTransactionManager tx,
             org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        io.micrometer.core.instrument.MeterRegistry registry = meters.getIfAvailable(
                io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        // What the trail costs the transactions it rides on: the whole append at commit, and the wait for the head.
        this.appends = io.micrometer.core.instrument.Timer.builder("omnicase.audit.append")
                .description("Appending a transaction's audit entries at its commit, head lock included").register(registry);
        this.headWaits = io.micrometer.core.instrument.Timer.builder("omnicase.audit.head-wait")
                .description("Waiting for the lock on the audit chain's head").register(registry);
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(tx);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Records an entry with the change of the current transaction, or at once when there is none to join. */
    public void record(AuditRecord entry) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
            if (pending == null) {
                pending = new Pending();
                TransactionSynchronizationManager.bindResource(this, pending);
                TransactionSynchronizationManager.registerSynchronization(pending);
            }
            pending.add(entry);
        } else {
            ownTransaction.executeWithoutResult(status -> append(List.of(entry)));
        }
    }

    /** The entries of one transaction, appended at its commit. */
    private final class Pending implements TransactionSynchronization {
        private final List<AuditRecord> entries = new ArrayList<>();
        private boolean flushed;

        void add(AuditRecord entry) {
            if (flushed) {
                append(List.of(entry)); // published by another before-commit step: the head is locked already
            } else {
                entries.add(entry);
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(AuditLog.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(AuditLog.this, this);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            flushed = true;
            if (!entries.isEmpty()) {
                append(entries);
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(AuditLog.this);
        }
    }

    /** Appends entries in order after the head, inside the caller's transaction; locks the head until it ends. */
    void append(List<AuditRecord> records) {
        appends.record(() -> appendTimed(records));
    }

    private void appendTimed(List<AuditRecord> records) {
        Head head = headWaits.record(this::lockHead);
        long seq = head.seq();
        String hash = head.hash();
        List<Object[]> rows = new ArrayList<>(records.size());
        for (AuditRecord r : records) {
            seq++;
            Map<String, Object> content = new LinkedHashMap<>(r.content() == null ? Map.of() : r.content());
            // A random salt, so the digest that stays after erasure cannot be matched against guessed contents.
            content.put("salt", HexFormat.of().formatHex(salt()));
            String json = Canonical.json(content);
            String digest = Canonical.sha256(json);
            Instant at = Canonical.time(r.occurredAt() == null ? Instant.now() : r.occurredAt());
            String actor = r.actor() == null ? "system" : r.actor();
            String entryHash = Canonical.hash(hash, Canonical.header(seq, r.kind(), r.caseId(), r.customerId(), actor, at, digest));
            rows.add(new Object[]{seq, r.kind(), r.caseId(), r.customerId(), actor, Timestamp.from(at), json, digest, hash, entryHash});
            hash = entryHash;
        }
        for (Object[] row : rows) {
            jdbc.sql("INSERT INTO audit_entries (seq, kind, case_id, customer_id, actor, occurred_at, content, content_digest, "
                    + "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").params(row).update();
        }
        jdbc.sql("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1").params(seq, hash).update();
    }

    private static byte[] salt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return salt;
    }

    /** The head of the chain: its id (naming checkpoint files), the last sequence number and hash. */
    public record Head(String chainId, long seq, String hash) {
    }

    private Head lockHead() {
        return jdbc.sql("SELECT chain_id, seq, hash FROM audit_head WHERE id = 1 FOR UPDATE")
                .query((rs, n) -> new Head(rs.getString(1), rs.getLong(2), rs.getString(3))).single();
    }

    public Head head() {
        return jdbc.sql("SELECT chain_id, seq, hash FROM audit_head WHERE id = 1")
                .query((rs, n) -> new Head(rs.getString(1), rs.getLong(2), rs.getString(3))).single();
    }

    private static final String COLUMNS = "seq, kind, case_id, customer_id, actor, occurred_at, content, content_digest, "
            + "prev_hash, hash, pseudonymised_at";

    /** Entries after {@code afterSeq} up to {@code toSeq}, in order, at most {@code limit}. */
    public List<AuditEntry> range(long afterSeq, long toSeq, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entries WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?")
                .params(afterSeq, toSeq, limit).query(AuditLog::entry).list();
    }

    public java.util.Optional<AuditEntry> at(long seq) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entries WHERE seq = ?").param(seq).query(AuditLog::entry).optional();
    }

    /** Every entry about a case, in chain order. */
    public List<AuditEntry> ofCase(long caseId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entries WHERE case_id = ? ORDER BY seq")
                .param(caseId).query(AuditLog::entry).list();
    }

    /** Every entry about a customer or one of the cases given, in chain order. */
    public List<AuditEntry> ofCustomer(long customerId, List<Long> caseIds) {
        if (caseIds.isEmpty()) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entries WHERE customer_id = ? ORDER BY seq")
                    .param(customerId).query(AuditLog::entry).list();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entries WHERE customer_id = :customer OR case_id IN (:cases) ORDER BY seq")
                .param("customer", customerId).param("cases", caseIds).query(AuditLog::entry).list();
    }

    /**
     * Drops the content of a customer's entries and of their cases' entries, keeping digests and hashes: the chain
     * still verifies, the personal data is gone. Answers how many entries were pseudonymised.
     */
    public int pseudonymise(Long customerId, List<Long> caseIds, Instant at) {
        int changed = customerId == null ? 0 : jdbc.sql("UPDATE audit_entries SET content = NULL, pseudonymised_at = ? "
                        + "WHERE customer_id = ? AND content IS NOT NULL")
                .params(Timestamp.from(at), customerId).update();
        if (!caseIds.isEmpty()) {
            changed += jdbc.sql("UPDATE audit_entries SET content = NULL, pseudonymised_at = :at "
                            + "WHERE case_id IN (:cases) AND content IS NOT NULL")
                    .param("at", Timestamp.from(at)).param("cases", caseIds).update();
        }
        return changed;
    }

    private static AuditEntry entry(ResultSet rs, int n) throws SQLException {
        long caseId = rs.getLong("case_id");
        Long caseValue = rs.wasNull() ? null : caseId;
        long customerId = rs.getLong("customer_id");
        Long customerValue = rs.wasNull() ? null : customerId;
        Timestamp pseudonymised = rs.getTimestamp("pseudonymised_at");
        return new AuditEntry(rs.getLong("seq"), rs.getString("kind"), caseValue, customerValue, rs.getString("actor"),
                rs.getTimestamp("occurred_at").toInstant(), rs.getString("content"), rs.getString("content_digest"),
                rs.getString("prev_hash"), rs.getString("hash"), pseudonymised == null ? null : pseudonymised.toInstant());
    }
}
