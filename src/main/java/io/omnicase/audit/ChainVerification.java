package io.omnicase.audit;

import java.time.Instant;

/**
 * The outcome of recomputing the audit chain.
 *
 * @param valid        whether every link, the head and every checkpoint agree
 * @param entries      how many entries were checked (up to the head read when verification began)
 * @param headSeq      the sequence number of the head that was checked
 * @param headHash     its hash
 * @param firstBroken  the first link that does not hold; null when valid
 * @param checkpoints  how many checkpoints (head hashes kept outside the database) were compared
 */
public record ChainVerification(boolean valid, long entries, long headSeq, String headHash, BrokenLink firstBroken,
                                int checkpoints, Instant verifiedAt) {

    /** Where the chain breaks: the sequence number of the entry (or checkpoint) and what is wrong with it. */
    public record BrokenLink(long seq, String problem) {
    }
}
