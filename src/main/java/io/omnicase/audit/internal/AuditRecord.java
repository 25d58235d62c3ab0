package io.omnicase.audit.internal;

import java.time.Instant;
import java.util.Map;

/** An entry to append, before it has a place in the chain. {@code content} becomes the entry's canonical JSON. */
public record AuditRecord(String kind, Long caseId, Long customerId, String actor, Instant occurredAt,
                          Map<String, Object> content) {
}
