package io.omnicase.assistant;

/**
 * A retrieved source as an answer engine sees it: what it is, and the text the answer may use.
 *
 * @param answer the example's answer or the article's summary
 * @param text   the example's question or the article's body
 */
public record Grounding(AnswerSource source, String text, String answer) {
}
