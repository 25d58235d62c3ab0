package io.omnicase.assistant;

import java.time.Instant;

/** An example was removed from the assistant's knowledge (database and index): it answers nobody again. */
public record ExampleRemoved(long exampleId, String topic, String origin, String taughtBy, String question,
                             String removedBy, Instant removedAt) {
}
