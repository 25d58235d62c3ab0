package io.omnicase.cases;

import java.time.Instant;
import java.util.Map;

/** One entry of a case's timeline. */
public record TimelineEntry(long id, InteractionKind kind, String channel, String author, String text,
                            String providerMessageId, Map<String, Object> detail, Instant occurredAt,
                            Instant recordedAt) {
}
