package io.omnicase.search;

import java.util.List;
import java.util.Map;

/**
 * Quality scores of a period at a glance, aggregated in Elasticsearch: how many conversations were scored, their
 * average total, how the totals spread over ten bands of ten points, the average of each component, and the
 * lowest-scoring conversations (lowest first).
 */
public record QualityOverview(long scored, Double average, List<Band> distribution, Map<String, Double> components,
                              List<QualityDocument> lowest) {

    /** Totals from {@code from} (inclusive) to {@code to} (exclusive; the last band includes 100). */
    public record Band(int from, int to, long count) {
    }
}
