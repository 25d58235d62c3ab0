package io.omnicase.assistant;

/**
 * An article or resolved example an answer draws on.
 *
 * @param kind  {@code ARTICLE} or {@code EXAMPLE}
 * @param id    the article's slug or the example's id
 * @param title the article's title or the example's question
 * @param score the retrieval score
 */
public record AnswerSource(String kind, String id, String title, String topic, double score) {
}
