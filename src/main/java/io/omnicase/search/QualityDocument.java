package io.omnicase.search;

import java.time.Instant;

/**
 * One resolved conversation's quality score as the {@code quality-scores} index holds it: the total (0..100) and
 * each component's score (0..1; null when the component did not apply, e.g. no person replied), with what a
 * supervisor filters and groups by. {@code phrases} are the ownership and empathy phrases found in the agents'
 * replies, searchable as text.
 */
public record QualityDocument(long caseId, Instant resolvedAt, String agent, String topic, String queue,
                              String channel, int rulesVersion, double total, Double firstResponse, Double ownership,
                              Double empathy, Double confirmation, Double sentiment, String phrases) {

    /** The document's id: one per case; a case reopened and resolved again counts once, with its latest score. */
    public String id() {
        return String.valueOf(caseId);
    }
}
