package io.omnicase.search;

import co.elastic.clients.elasticsearch.core.SearchRequest;

import java.time.Duration;
import java.time.Instant;

/**
 * The exact Elasticsearch requests behind {@link InsightQueries}' answers, as index and JSON body: what the insight
 * benchmark sends to the node directly to measure the raw query time beside the API's.
 */
public final class InsightRequests {

    /** A request as sent over HTTP: {@code POST <path>} with this body (JSON, or NDJSON for a multi-search). */
    public record Raw(String path, String body) {

        public boolean multi() {
            return path.endsWith("/_msearch");
        }
    }

    private InsightRequests() {
    }

    /** The coaching report's searches: its figures and the quality averages of the same period, one multi-search. */
    public static Raw coaching(InsightQueries queries, Instant from, Instant to, String queue, int moments) {
        String onlyQueue = queue == null || queue.isBlank() ? null : queue;
        return new Raw("/_msearch", queries.ndjson(queries.coachingAndQualityRequest(from, to, queue, moments,
                new QualityQuery(from, to, onlyQueue, null, null, 0))));
    }

    public static Raw repeats(InsightQueries queries, long customerId, long caseId, String topic, String text,
                              Instant from, Instant to, int max) {
        return raw(queries, queries.repeatsRequest(customerId, caseId, topic, text, from, to, max));
    }

    public static Raw volumes(InsightQueries queries, Instant end, Duration window, int baselineWindows) {
        return raw(queries, queries.volumesRequest(end, window, baselineWindows));
    }

    public static Raw risingTerms(InsightQueries queries, String topic, String channel, Instant windowStart, Instant end,
                                  Instant baselineStart, int terms) {
        return raw(queries, queries.risingTermsRequest(topic, channel, windowStart, end, baselineStart, terms));
    }

    private static Raw raw(InsightQueries queries, SearchRequest request) {
        return new Raw("/" + String.join(",", request.index()) + "/_search", queries.json(request));
    }
}
