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
 * The audit chain in MariaDB, in two steps. Entries recorded inside a transaction are written (staged: content and its
 * digest, no place in the chain yet) in one batch just before that transaction commits, without any lock: they commit
 * or roll back with the change they record, and intake never waits for the chain. Right after the commit, one sealer
 * thread per node appends the staged entries to the chain in the order it finds them (sequence number, previous hash,
 * hash) under a lock on the head row, which keeps the chain linear across nodes. Outside a transaction (or inside a
 * read-only one) an entry is staged in a transaction of its own.
 */
@Repository
public class AuditLog {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final io.micrometer.core.instrument.Timer appends;
    private final io.micrometer.core.instrument.Timer headWaits;
    private final io.micrometer.core.instrument.Timer appendCpu;
    private final org.springframework.core.env.Environment environment;

    AuditLog(JdbcClient jdbc, PlatformTransactionManager tx, org.springframework.core.env.Environment environment,
             org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        this.environment = environment;
        io.micrometer.core.instrument.MeterRegistry registry = meters.getIfAvailable(
                io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        // What the trail costs the transactions it rides on: the whole append at commit, and the wait for the head.
        this.appends = io.micrometer.core.instrument.Timer.builder("omnicase.audit.append")
                .description("Staging a transaction's audit entries at its commit (no lock)")
                .publishPercentiles(0.5, 0.99).register(registry);
        // The CPU the staging thread itself spends (JSON, digest, salt, driver): on a busy machine the wall time above is
        // mostly waiting for the database's answer and for a core, which this one leaves out.
        this.appendCpu = io.micrometer.core.instrument.Timer.builder("omnicase.audit.append-cpu")
                .description("CPU time of the staging thread while staging a transaction's audit entries").register(registry);
        this.headWaits = io.micrometer.core.instrument.Timer.builder("omnicase.audit.head-wait")
                .description("The sealer waiting for the lock on the audit chain's head").register(registry);
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(tx);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * {@code omnicase.audit.trail.enabled} (default true), for measurement only: when false nothing is staged or
     * sealed, so a benchmark can compare intake with and without the trail. Read on every entry, so it can be switched
     * at runtime (the benchmark flips it between its runs). Never turn it off in production: what happens while it is
     * off is missing from the trail, and verification cannot tell.
     */
    public boolean enabled() {
        return environment.getProperty("omnicase.audit.trail.enabled", Boolean.class, Boolean.TRUE);
    }

    /** Records an entry with the change of the current transaction, or at once when there is none to join. */
    public void record(AuditRecord entry) {
        if (!enabled()) {
            return;
        }
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
            ownTransaction.executeWithoutResult(status -> stage(List.of(entry)));
            wakeSealer();
        }
    }

    /** The entries of one transaction, appended at its commit. */
    private final class Pending implements TransactionSynchronization {
        private final List<AuditRecord> entries = new ArrayList<>();
        private boolean flushed;

        void add(AuditRecord entry) {
            if (flushed) {
                stage(List.of(entry)); // published by another before-commit step
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
                stage(entries);
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(AuditLog.this);
            if (status == STATUS_COMMITTED) {
                wakeSealer();
            }
        }
    }

    /** Rows per INSERT (7 parameters each): a transaction's entries normally fit in one statement. */
    private static final int STAGE_ROWS = 200;

    /**
     * Writes entries without a place in the chain yet, inside the caller's transaction; takes no lock, reads nothing.
     * One multi-row INSERT for all of them: on a busy machine each statement costs a round trip to the database, and
     * the round trip (two threads waiting to be scheduled), not the insert, is what intake would wait for.
     */
    void stage(List<AuditRecord> records) {
        long cpuStart = CPU.getCurrentThreadCpuTime();
        appends.record(() -> {
            for (int from = 0; from < records.size(); from += STAGE_ROWS) {
                List<AuditRecord> chunk = records.subList(from, Math.min(records.size(), from + STAGE_ROWS));
                StringBuilder sql = new StringBuilder("INSERT INTO audit_entries "
                        + "(kind, case_id, customer_id, actor, occurred_at, content, content_digest) VALUES ");
                List<Object> params = new ArrayList<>(chunk.size() * 7);
                for (AuditRecord r : chunk) {
                    Map<String, Object> content = new LinkedHashMap<>(r.content() == null ? Map.of() : r.content());
                    // A random salt, so the digest that stays after erasure cannot be matched against guessed contents.
                    content.put("salt", HexFormat.of().formatHex(salt()));
                    String json = Canonical.json(content);
                    Instant at = Canonical.time(r.occurredAt() == null ? Instant.now() : r.occurredAt());
                    sql.append(params.isEmpty() ? "(?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?)");
                    params.addAll(java.util.Arrays.asList(r.kind(), r.caseId(), r.customerId(),
                            r.actor() == null ? "system" : r.actor(), Timestamp.from(at), json, Canonical.sha256(json)));
                }
                jdbc.sql(sql.toString()).params(params).update();
            }
        });
        if (cpuStart >= 0) {
            appendCpu.record(Math.max(0, CPU.getCurrentThreadCpuTime() - cpuStart), java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private final java.util.concurrent.ScheduledExecutorService sealer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "audit-sealer");
        thread.setDaemon(true);
        return thread;
    });
    private final java.util.concurrent.atomic.AtomicBoolean sealQueued = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Asks the sealer to run a moment later ({@code omnicase.audit.seal-linger}, default 250 ms): all the commits of
     * that moment make one sealing transaction, so under load the sealer costs one durable commit and a few statements
     * per batch of entries rather than per intake transaction. The chain is at most that moment behind.
     */
    private void wakeSealer() {
        if (sealQueued.compareAndSet(false, true)) {
            sealer.schedule(() -> {
                sealQueued.set(false);
                try {
                    seal();
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(AuditLog.class).warn("Sealing audit entries failed, retried: {}", e.toString());
                }
            }, sealLinger().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    private java.time.Duration sealLinger() {
        return environment.getProperty("omnicase.audit.seal-linger", java.time.Duration.class, java.time.Duration.ofMillis(250));
    }

    @jakarta.annotation.PreDestroy
    void stopSealing() {
        sealer.shutdown();
    }

    /** Seals what other nodes (or a failed run) left staged. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${omnicase.audit.seal-every:PT2S}")
    void sealPeriodically() {
        if (enabled()) {
            wakeSealer();
        }
    }

    private static final int SEAL_BATCH = 500;

    /** Appends every staged entry to the chain, in batches, each in a transaction of its own; answers how many. */
    public int seal() {
        int sealed = 0;
        while (true) {
            Integer batch = ownTransaction.execute(status -> sealBatch(SEAL_BATCH));
            if (batch == null || batch == 0) {
                return sealed;
            }
            sealed += batch;
            if (batch < SEAL_BATCH) {
                // All that was staged when the batch was read: an entry committed since then woke the sealer again
                // (its run is queued), so a second, empty transaction here (lock the head, find nothing) is not needed.
                // Issue 18: that empty round was half of the sealer's transactions while after-commit work drained.
                return sealed;
            }
        }
    }

    private int sealBatch(int limit) {
        Head head = headWaits.record(this::lockHead);
        List<Object[]> staged = jdbc.sql("SELECT id, kind, case_id, customer_id, actor, occurred_at, content_digest "
                        + "FROM audit_entries WHERE seq IS NULL ORDER BY id LIMIT ?").param(limit)
                .query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2), (Long) rs.getObject(3, Long.class),
                        (Long) rs.getObject(4, Long.class), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7)})
                .list();
        long seq = head.seq();
        String hash = head.hash();
        List<Object[]> sealed = new ArrayList<>(staged.size());
        for (Object[] row : staged) {
            seq++;
            String entryHash = Canonical.hash(hash, Canonical.header(seq, (String) row[1], (Long) row[2], (Long) row[3],
                    (String) row[4], (Instant) row[5], (String) row[6]));
            sealed.add(new Object[]{row[0], seq, hash, entryHash});
            hash = entryHash;
        }
        // One UPDATE per SEAL_ROWS entries (joined to their values) instead of one per entry: the sealer shares the
        // machine's cores with intake, and each statement is a round trip.
        for (int from = 0; from < sealed.size(); from += SEAL_ROWS) {
            List<Object[]> chunk = sealed.subList(from, Math.min(sealed.size(), from + SEAL_ROWS));
            StringBuilder values = new StringBuilder();
            List<Object> params = new ArrayList<>(chunk.size() * 4);
            for (Object[] row : chunk) {
                values.append(params.isEmpty() ? "SELECT ? AS id, ? AS seq, ? AS prev_hash, ? AS hash" : " UNION ALL SELECT ?, ?, ?, ?");
                params.addAll(java.util.Arrays.asList(row));
            }
            jdbc.sql("UPDATE audit_entries e JOIN (" + values + ") v ON e.id = v.id "
                    + "SET e.seq = v.seq, e.prev_hash = v.prev_hash, e.hash = v.hash").params(params).update();
        }
        if (!staged.isEmpty()) {
            jdbc.sql("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1").params(seq, hash).update();
        }
        return staged.size();
    }

    private static final int SEAL_ROWS = 100;

    /** How many entries were staged before a moment and are still not sealed: none, unless sealing stopped. */
    public int unsealedBefore(Instant before) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entries WHERE seq IS NULL AND recorded_at < ?")
                .param(Timestamp.from(before)).query(Integer.class).single();
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
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entries WHERE case_id = ? ORDER BY seq IS NULL, seq, id")
                .param(caseId).query(AuditLog::entry).list();
    }

    /** Every entry about a customer or one of the cases given, in chain order. */
    public List<AuditEntry> ofCustomer(long customerId, List<Long> caseIds) {
        if (caseIds.isEmpty()) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entries WHERE customer_id = ? ORDER BY seq IS NULL, seq, id")
                    .param(customerId).query(AuditLog::entry).list();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entries WHERE customer_id = :customer OR case_id IN (:cases) ORDER BY seq IS NULL, seq, id")
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
        long seq = rs.getLong("seq");
        Long seqValue = rs.wasNull() ? null : seq;
        return new AuditEntry(seqValue, rs.getString("kind"), caseValue, customerValue, rs.getString("actor"),
                rs.getTimestamp("occurred_at").toInstant(), rs.getString("content"), rs.getString("content_digest"),
                rs.getString("prev_hash"), rs.getString("hash"), pseudonymised == null ? null : pseudonymised.toInstant());
    }
}
