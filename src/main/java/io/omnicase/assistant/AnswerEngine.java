package io.omnicase.assistant;

import java.util.List;
import java.util.Optional;

/**
 * Composes the answer to a question from sources the assistant retrieved and judged confident enough. Returns empty
 * when it cannot answer from those sources (or fails): the assistant then declines and offers a person.
 */
public interface AnswerEngine {

    /**
     * @param topic   the topic the sources agree on
     * @param sources best first, all of that topic
     */
    Optional<String> answer(String question, String topic, List<Grounding> sources);
}
