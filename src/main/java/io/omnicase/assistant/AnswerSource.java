package io.omnicase.assistant;

import java.time.Instant;

/**
 * An article or resolved example an answer draws on, and who stands behind it, so a colleague can judge it.
 *
 * @param kind     {@code ARTICLE} or {@code EXAMPLE}
 * @param id       the article's slug or the example's id
 * @param title    the article's title or the example's question
 * @param score    the retrieval score
 * @param origin   where it came from: {@code knowledge} (the folder), {@code api} (written or taught by a supervisor),
 *                 {@code agent} (taught by an agent, not reviewed), {@code agent-reviewed}, {@code resolved-case}, or
 *                 an evaluation run's
 * @param author   who wrote or taught it (a login): the article's last editor, the example's teacher or the agent who
 *                 resolved its case; null when not recorded
 * @param authored when
 * @param unreviewed true for an example an agent taught and no supervisor reviewed: the desk says so, and such a
 *                 source never makes a suggestion read "high" (false for everything else, and for what an attempt
 *                 stored before 5 December kept: customers were never answered from such examples)
 */
public record AnswerSource(String kind, String id, String title, String topic, double score, String origin,
                           String author, Instant authored, boolean unreviewed) {

    public AnswerSource(String kind, String id, String title, String topic, double score) {
        this(kind, id, title, topic, score, null, null, null, false);
    }

    /** This source with who stands behind it. */
    public AnswerSource by(String origin, String author, Instant authored, boolean unreviewed) {
        return new AnswerSource(kind, id, title, topic, score, origin, author, authored, unreviewed);
    }
}
