package io.omnicase.audit;

import io.omnicase.audit.internal.AuditLog;
import io.omnicase.audit.internal.ChainVerifier;
import io.omnicase.audit.internal.Checkpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;

/**
 * The audit trail as auditors use it: the entries of a case or customer in chain order, verification of the whole
 * chain (on request and nightly) and checkpoints of its head written outside the database.
 */
@Service
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditLog entries;
    private final ChainVerifier verifier;
    private final Checkpoints checkpoints;
    private volatile ChainVerification lastNightly;

    AuditTrail(AuditLog entries, ChainVerifier verifier, Checkpoints checkpoints) {
        this.entries = entries;
        this.verifier = verifier;
        this.checkpoints = checkpoints;
    }

    /** A case's entries in chain order (sealed first: what was parked a moment ago is sealed before). */
    public List<AuditEntry> ofCase(long caseId) {
        entries.seal();
        return entries.ofCase(caseId);
    }

    public List<AuditEntry> ofCustomer(long customerId, List<Long> caseIds) {
        entries.seal();
        return entries.ofCustomer(customerId, caseIds);
    }

    /** Seals what is parked, then recomputes the chain and names its first broken link. */
    public ChainVerification verify() {
        entries.seal();
        return verifier.verify();
    }

    /** A head hash written down outside the database. */
    public record Checkpoint(String chainId, long seq, String hash, java.time.Instant at) {
    }

    /**
     * Writes the current head to the checkpoint file (unless it is there already) and answers it.
     *
     * @throws IllegalStateException when the chain does not verify from the last checkpoint to the head
     */
    public Checkpoint checkpoint() {
        entries.seal();
        AuditLog.Head head = entries.head();
        Checkpoints.Checkpoint written = checkpoints.write(head, verifier);
        return new Checkpoint(head.chainId(), written.seq(), written.hash(), written.at());
    }

    /** Checkpoints the head every few minutes; a chain that no longer verifies gets an error in the log instead. */
    @Scheduled(fixedDelayString = "${omnicase.audit.checkpoint-every:PT10M}", initialDelayString = "PT1M")
    void checkpointPeriodically() {
        try {
            checkpoint();
        } catch (IllegalStateException e) {
            log.error(e.getMessage());
        }
    }

    /** The nightly verification: logs an error naming the first broken link, and checkpoints a head that verified. */
    @Scheduled(cron = "${omnicase.audit.verify-cron:0 30 2 * * *}")
    public ChainVerification verifyNightly() {
        ChainVerification result = verifier.verify();
        lastNightly = result;
        if (result.valid()) {
            log.info("Audit chain verified: {} entries up to {}", result.entries(), result.headSeq());
            try {
                checkpoint();
            } catch (IllegalStateException e) {
                log.error(e.getMessage());
            }
        } else {
            log.error("Audit chain broken at entry {}: {}", result.firstBroken().seq(), result.firstBroken().problem());
        }
        return result;
    }

    /** The outcome of the last nightly verification since this node started; empty before the first. */
    public Optional<ChainVerification> lastNightly() {
        return Optional.ofNullable(lastNightly);
    }
}
