package io.omnicase.assistant.internal;

import io.omnicase.assistant.AnswerEngine;
import io.omnicase.assistant.Grounding;

import java.util.List;
import java.util.Optional;

/**
 * The built-in engine: works offline with no model. It says what the best source of the agreed topic says (the
 * resolved answer, or the article's summary with its title), so every word of the answer comes from a source.
 */
class GroundedAnswerEngine implements AnswerEngine {

    @Override
    public Optional<String> answer(String question, String topic, List<Grounding> sources) {
        return sources.stream().filter(g -> g.answer() != null && !g.answer().isBlank()).findFirst()
                .map(g -> KnowledgeEntries.ARTICLE.equals(g.source().kind())
                        ? g.source().title() + ": " + g.answer()
                        : g.answer());
    }
}
