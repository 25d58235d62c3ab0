package io.omnicase.assistant;

import java.time.Instant;

/** A supervisor reviewed an example an agent taught: from now on it is shared knowledge, customers' included. */
public record ExampleReviewed(long exampleId, String topic, String taughtBy, String question, String reviewedBy,
                              Instant reviewedAt) {
}
