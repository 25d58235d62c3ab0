package io.omnicase.assistant;

import java.time.Instant;
import java.util.List;

/** One try of the assistant on a case: the question, its answer or why it declined, confidence and sources. */
public record AssistantAttempt(String question, boolean answered, String answer, String topic, double confidence,
                               List<AnswerSource> sources, String reason, Instant at) {
}
