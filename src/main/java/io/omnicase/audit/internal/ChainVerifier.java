package io.omnicase.audit.internal;

import io.omnicase.audit.AuditEntry;
import io.omnicase.audit.ChainVerification;
import io.omnicase.audit.ChainVerification.BrokenLink;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes the chain from the first entry to the head as it was when verification began: every sequence number in
 * place, every entry pointing at the hash before it, every kept content matching its digest, every hash recomputed
 * from its header, the head row agreeing with the last entry, and every checkpoint agreeing with the entry it names.
 * Names the first link that does not hold.
 */
@Component
public class ChainVerifier {

    private static final int PAGE = 5000;
    /** How long an entry may wait for the sealer before verification calls it a problem. */
    private static final java.time.Duration UNSEALED_GRACE = java.time.Duration.ofMinutes(5);

    private final AuditLog log;
    private final Checkpoints checkpoints;

    ChainVerifier(AuditLog log, Checkpoints checkpoints) {
        this.log = log;
        this.checkpoints = checkpoints;
    }

    public ChainVerification verify() {
        AuditLog.Head head = log.head();
        List<Checkpoints.Checkpoint> written = checkpoints.read(head.chainId());
        Map<Long, String> expected = new HashMap<>();
        written.forEach(c -> expected.put(c.seq(), c.hash()));
        long seq = 0;
        String hash = Canonical.GENESIS;
        long checked = 0;
        while (true) {
            List<AuditEntry> page = log.range(seq, Long.MAX_VALUE, PAGE);
            for (AuditEntry e : page) {
                if (e.seq() > head.seq()) {
                    break;
                }
                String problem = problem(e, seq, hash);
                if (problem != null) {
                    return broken(checked, head, written.size(), e.seq() != seq + 1 ? seq + 1 : e.seq(), problem);
                }
                String checkpoint = expected.get(e.seq());
                if (checkpoint != null && !checkpoint.equals(e.hash())) {
                    return broken(checked, head, written.size(), e.seq(), "the chain was rewritten from here on or "
                            + "earlier: entry " + e.seq() + " does not have the hash checkpointed for it");
                }
                seq = e.seq();
                hash = e.hash();
                checked++;
            }
            if (page.size() < PAGE || seq >= head.seq()) {
                break;
            }
        }
        if (seq != head.seq()) {
            return broken(checked, head, written.size(), seq + 1, "entries " + (seq + 1) + " to " + head.seq()
                    + " are missing: the chain ends at " + seq + " but its head says " + head.seq());
        }
        if (!hash.equals(head.hash())) {
            return broken(checked, head, written.size(), seq, "the head's hash does not match entry " + seq);
        }
        int unsealed = log.unsealedBefore(Instant.now().minus(UNSEALED_GRACE));
        if (unsealed > 0) {
            return broken(checked, head, written.size(), head.seq() + 1, unsealed + " entries were written more than "
                    + UNSEALED_GRACE.toMinutes() + " minutes ago and never sealed into the chain (is sealing stopped?)");
        }
        for (Checkpoints.Checkpoint c : written) {
            if (c.seq() > head.seq()) {
                return broken(checked, head, written.size(), c.seq(), "a checkpoint of " + c.at() + " names entry "
                        + c.seq() + " but the chain ends at " + head.seq() + ": entries were removed");
            }
        }
        return new ChainVerification(true, checked, head.seq(), head.hash(), null, written.size(), Instant.now());
    }

    /**
     * Whether the chain from a checkpoint (or from the start, when there is none) to {@code head} holds: what a new
     * checkpoint must certify, so that a checkpoint is never written over a tampered tail. Answers the problem, or null.
     */
    public String problemSince(Checkpoints.Checkpoint last, AuditLog.Head head) {
        long seq = 0;
        String hash = Canonical.GENESIS;
        if (last != null) {
            var at = log.at(last.seq());
            if (at.isEmpty() || !at.get().hash().equals(last.hash())) {
                return "entry " + last.seq() + " does not have the hash checkpointed for it";
            }
            seq = last.seq();
            hash = last.hash();
        }
        while (seq < head.seq()) {
            List<AuditEntry> page = log.range(seq, head.seq(), PAGE);
            if (page.isEmpty()) {
                return "entries " + (seq + 1) + " to " + head.seq() + " are missing";
            }
            for (AuditEntry e : page) {
                String problem = problem(e, seq, hash);
                if (problem != null) {
                    return problem;
                }
                seq = e.seq();
                hash = e.hash();
            }
        }
        return hash.equals(head.hash()) ? null : "the head's hash does not match entry " + seq;
    }

    /** What is wrong with an entry that should follow {@code prevSeq} with hash {@code prevHash}; null if nothing. */
    static String problem(AuditEntry e, long prevSeq, String prevHash) {
        if (e.seq() != prevSeq + 1) {
            return "entry " + (prevSeq + 1) + " is missing (the next entry is " + e.seq() + ")";
        }
        if (!e.prevHash().equals(prevHash)) {
            return "entry " + e.seq() + " does not follow entry " + prevSeq + " (removed, reordered or replaced)";
        }
        if (e.content() != null && !Canonical.sha256(e.content()).equals(e.contentDigest())) {
            return "the content of entry " + e.seq() + " was changed";
        }
        String recomputed = Canonical.hash(prevHash, Canonical.header(e.seq(), e.kind(), e.caseId(), e.customerId(),
                e.actor(), e.occurredAt(), e.contentDigest()));
        if (!recomputed.equals(e.hash())) {
            return "entry " + e.seq() + " was changed (its hash does not match its fields)";
        }
        return null;
    }

    private static ChainVerification broken(long checked, AuditLog.Head head, int checkpoints, long seq, String problem) {
        return new ChainVerification(false, checked, head.seq(), head.hash(), new BrokenLink(seq, problem), checkpoints,
                Instant.now());
    }
}
