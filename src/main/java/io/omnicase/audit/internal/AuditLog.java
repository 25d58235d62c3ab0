package io.omnicase.audit.internal;

import io.omnicase.outbox.RuntimeSwitch;
import io.omnicase.audit.AuditEntry;
import io.omnicase.outbox.TransactionOutbox;
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
 * The audit chain in MariaDB, in two steps. An entry recorded inside a transaction is prepared at once (its content as
 * canonical JSON with a random salt, and that content's digest) and parked in the transaction's outbox
 * ({@link TransactionOutbox}): it rides in the INSERT that writes the transaction's event publications just before it
 * commits, so it commits or rolls back with the change it records, costs the transaction no statement of its own, and
 * intake never waits for the chain. A moment after the commit, one sealer thread per node moves the parked entries into
 * the chain in the order it finds them (sequence number, previous hash, hash) under a lock on the head row, which
 * keeps the chain linear across nodes. Outside a transaction (or inside a read-only one) an entry is parked in a
 * transaction of its own.
 */
@Repository
public class AuditLog {

    /** The outbox channel of entries not sealed yet. */
    static final String PARKED = "io.omnicase.audit";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionOutbox outbox;
    private final TransactionTemplate ownTransaction;
    private final io.micrometer.core.instrument.Timer appends;
    private final io.micrometer.core.instrument.Timer headWaits;
    private final org.springframework.core.env.Environment environment;

    AuditLog(JdbcClient jdbc, TransactionOutbox outbox, PlatformTransactionManager tx,
             org.springframework.core.env.Environment environment,
             org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        this.environment = environment;
        this.outbox = outbox;
        io.micrometer.core.instrument.MeterRegistry registry = meters.getIfAvailable(
                io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        // What the trail costs the transactions it rides on: preparing an entry (JSON, salt, digest) and parking it.
        this.appends = io.micrometer.core.instrument.Timer.builder("omnicase.audit.append")
                .description("Preparing an audit entry and parking it with its transaction (no lock, no statement)")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.headWaits = io.micrometer.core.instrument.Timer.builder("omnicase.audit.head-wait")
                .description("The sealer waiting for the lock on the audit chain's head").register(registry);
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(tx);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * {@code omnicase.audit.trail.enabled} (default true), for measurement only: when false nothing is parked or
     * sealed, so a benchmark can compare intake with and without the trail. Read on every entry, so it can be switched
     * at runtime (the benchmark flips it between its runs). Never turn it off in production: what happens while it is
     * off is missing from the trail, and verification cannot tell.
     */
    public boolean enabled() {
        return RuntimeSwitch.on(environment, "omnicase.audit.trail.enabled", true);
    }

    /** Records an entry with the change of the current transaction, or at once when there is none to join. */
    public void record(AuditRecord entry) {
        if (!enabled()) {
            return;
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            park(entry);
            TransactionSynchronizationManager.registerSynchronization(sealAfterCommit);
        } else {
            ownTransaction.executeWithoutResult(status -> park(entry));
            wakeSealer();
        }
    }

    /** Wakes the sealer once the transaction committed (registered once per transaction: it is one object). */
    private final TransactionSynchronization sealAfterCommit = new TransactionSynchronization() {
        @Override
        public void afterCommit() {
            wakeSealer();
        }
    };

    /**
     * Prepares an entry (canonical content with a random salt, so the digest that stays after erasure cannot be matched
     * against guessed contents) and parks it with the current transaction.
     */
    private void park(AuditRecord r) {
        appends.record(() -> {
            Map<String, Object> content = new LinkedHashMap<>(r.content() == null ? Map.of() : r.content());
            content.put("salt", SALTS.get().next());
            String json = Canonical.json(content);
            Instant at = Canonical.time(r.occurredAt() == null ? Instant.now() : r.occurredAt());
            Map<String, Object> parked = new LinkedHashMap<>();
            parked.put("kind", r.kind());
            parked.put("caseId", r.caseId());
            parked.put("customerId", r.customerId());
            parked.put("actor", r.actor() == null ? "system" : r.actor());
            parked.put("occurredAt", micros(at));
            parked.put("content", json);
            parked.put("digest", Canonical.sha256(json));
            outbox.park(PARKED, Canonical.plainJson(parked));
        });
    }

    /**
     * Salts drawn from the secure generator in blocks, one block per thread at a time: a call to the generator per
     * entry (it takes a lock and reads the kernel's pool) was a measurable part of what the trail cost intake.
     */
    private static final ThreadLocal<Salts> SALTS = ThreadLocal.withInitial(Salts::new);

    private static final class Salts {
        private static final int SALT = 16;
        private final byte[] block = new byte[64 * SALT];
        private int next = block.length;

        String next() {
            if (next == block.length) {
                RANDOM.nextBytes(block);
                next = 0;
            }
            String salt = HexFormat.of().formatHex(block, next, next + SALT);
            java.util.Arrays.fill(block, next, next + SALT, (byte) 0); // handed out once
            next += SALT;
            return salt;
        }
    }

    private static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    private static Instant ofMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }


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

    /** Seals what other nodes (or a failed run) left parked. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${omnicase.audit.seal-every:PT2S}")
    void sealPeriodically() {
        if (enabled()) {
            wakeSealer();
        }
    }

    private static final int SEAL_BATCH = 500;

    /** Appends every parked entry to the chain, in batches, each in a transaction of its own; answers how many. */
    public int seal() {
        int sealed = 0;
        while (true) {
            Integer batch = ownTransaction.execute(status -> sealBatch(SEAL_BATCH));
            if (batch == null || batch == 0) {
                return sealed;
            }
            sealed += batch;
            if (batch < SEAL_BATCH) {
                // All that was parked when the batch was read: an entry committed since then woke the sealer again
                // (its run is queued), so a second, empty transaction here (lock the head, find nothing) is not needed.
                // Issue 18: that empty round was half of the sealer's transactions while after-commit work drained.
                return sealed;
            }
        }
    }

    private int sealBatch(int limit) {
        Head head = headWaits.record(this::lockHead);
        List<TransactionOutbox.Parked> parked = outbox.parked(PARKED, limit);
        long seq = head.seq();
        String hash = head.hash();
        List<Object> params = new ArrayList<>(SEAL_ROWS * INSERT_COLUMNS);
        for (TransactionOutbox.Parked row : parked) {
            Entry e = Entry.of(row.payload());
            seq++;
            String entryHash = Canonical.hash(hash, Canonical.header(seq, e.kind(), e.caseId(), e.customerId(),
                    e.actor(), e.occurredAt(), e.digest()));
            params.addAll(java.util.Arrays.asList(seq, e.kind(), e.caseId(), e.customerId(), e.actor(),
                    Timestamp.from(e.occurredAt()), e.content(), e.digest(), hash, entryHash, Timestamp.from(row.parkedAt()),
                    e.pseudonymisedAt() == null ? null : Timestamp.from(e.pseudonymisedAt())));
            hash = entryHash;
            if (params.size() == SEAL_ROWS * INSERT_COLUMNS) {
                insertSealed(params);
                params.clear();
            }
        }
        if (!params.isEmpty()) {
            insertSealed(params);
        }
        if (!parked.isEmpty()) {
            outbox.remove(parked.stream().map(TransactionOutbox.Parked::id).toList());
            jdbc.sql("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1").params(seq, hash).update();
        }
        return parked.size();
    }

    private static final int SEAL_ROWS = 100;
    private static final int INSERT_COLUMNS = 12;

    /**
     * One INSERT per {@link #SEAL_ROWS} sealed entries: the sealer shares the machine's cores with intake, and each
     * statement is a round trip.
     */
    private void insertSealed(List<Object> params) {
        int rows = params.size() / INSERT_COLUMNS;
        jdbc.sql("INSERT INTO audit_entries (seq, kind, case_id, customer_id, actor, occurred_at, content, content_digest, "
                        + "prev_hash, hash, recorded_at, pseudonymised_at) VALUES "
                        + String.join(", ", java.util.Collections.nCopies(rows, "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")))
                .params(params).update();
    }

    /**
     * A parked entry as {@link #park} wrote it. Entries staged by an earlier version (in audit_entries, without a place
     * in the chain) were parked by migration V72 in the same shape, with {@code pseudonymisedAt} when an erasure had
     * already dropped their content.
     */
    private record Entry(String kind, Long caseId, Long customerId, String actor, Instant occurredAt, String content,
                         String digest, Instant pseudonymisedAt) {
        static Entry of(String payload) {
            try {
                com.fasterxml.jackson.databind.JsonNode n = Canonical.JSON.readTree(payload);
                return new Entry(n.get("kind").asText(), longOrNull(n.get("caseId")), longOrNull(n.get("customerId")),
                        n.get("actor").asText(), ofMicros(n.get("occurredAt").asLong()),
                        n.hasNonNull("content") ? n.get("content").asText() : null, n.get("digest").asText(),
                        n.hasNonNull("pseudonymisedAt") ? ofMicros(n.get("pseudonymisedAt").asLong()) : null);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("A parked audit entry is not readable: " + e.getOriginalMessage(), e);
            }
        }

        private static Long longOrNull(com.fasterxml.jackson.databind.JsonNode n) {
            return n == null || n.isNull() ? null : n.asLong();
        }
    }

    /** How many entries were recorded before a moment and are still not sealed: none, unless sealing stopped. */
    public int unsealedBefore(Instant before) {
        return outbox.parkedBefore(PARKED, before);
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
