package io.omnicase.cases;

import io.omnicase.sentiment.Sentiment;

import java.time.Instant;
import java.util.Map;

/** One entry of a case's timeline; {@code sentiment} is set on the customer's messages only. */
public record TimelineEntry(long id, InteractionKind kind, String channel, String author, String text,
                            String providerMessageId, Map<String, Object> detail, Instant occurredAt,
                            Instant recordedAt, Sentiment sentiment) {
}
