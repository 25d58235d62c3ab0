package io.omnicase.audit;

import java.time.Instant;

/**
 * One entry of the audit trail as stored.
 *
 * @param seq            the place in the chain; null for a moment, until the entry is sealed
 * @param content        the entry's canonical JSON; null once pseudonymised (erased), when only its digest remains
 * @param contentDigest  SHA-256 (hex) of {@code content}; the chain's hash covers this, not the content
 * @param prevHash       the hash of the entry before (64 zeros for the first)
 * @param hash           SHA-256 over {@code prevHash} and this entry's canonical header
 * @param pseudonymisedAt when the content was dropped; null while it is kept
 */
public record AuditEntry(Long seq, String kind, Long caseId, Long customerId, String actor, Instant occurredAt,
                         String content, String contentDigest, String prevHash, String hash, Instant pseudonymisedAt) {
}
