package io.omnicase.cases;

import io.omnicase.customers.Channel;
import io.omnicase.sentiment.Sentiment;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of a case's timeline; {@code channel} is set on messages in and out, {@code sentiment} on the customer's
 * messages only, {@code detail} is a
 * {@link Decision} on a decision's entry.
 */
public record TimelineEntry(long id, InteractionKind kind, Channel channel, String author, String text,
                            String providerMessageId, EntryDetail detail, Instant occurredAt,
                            Instant recordedAt, Sentiment sentiment) {

    /** The routing decision this entry records; empty for every other entry. */
    public Optional<Decision> decision() {
        return detail instanceof Decision decision ? Optional.of(decision) : Optional.empty();
    }
}
