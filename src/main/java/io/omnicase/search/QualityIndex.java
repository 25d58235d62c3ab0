package io.omnicase.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.HistogramBucket;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code quality-scores} index: one document per scored resolution, written by the insight module after it stored
 * the score in MariaDB (the system of record; the index can be rebuilt from it), keyed by case and resolution so a
 * second write overwrites. Answers the coaching page's overview with aggregations: the spread of totals (a histogram),
 * the average of each component, and the lowest-scoring conversations.
 */
@Service
public class QualityIndex {

    /** The components, as the document's fields name them. */
    public static final List<String> COMPONENTS = List.of("firstResponse", "ownership", "empathy", "confirmation",
            "sentiment");

    private static final int MAX_LOWEST = 100;
    private static final int MAX_AGENTS = 1000;
    private static final int MAX_TOPICS = 100;

    private final ElasticsearchClient client;
    private final String index;
    private final IndexCreation creation;

    QualityIndex(ElasticsearchClient client, @Value("${omnicase.insight.quality-index:quality-scores}") String index) {
        this.client = client;
        this.index = index;
        this.creation = new IndexCreation(client, index, c -> c
                .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                .mappings(m -> {
                    m.dynamic(DynamicMapping.Strict)
                            .properties("caseId", p -> p.long_(l -> l))
                            .properties("resolvedAt", p -> p.date(d -> d))
                            .properties("agent", p -> p.keyword(k -> k))
                            .properties("topic", p -> p.keyword(k -> k))
                            .properties("queue", p -> p.keyword(k -> k))
                            .properties("channel", p -> p.keyword(k -> k))
                            .properties("rulesVersion", p -> p.integer(i -> i))
                            .properties("total", p -> p.double_(d -> d))
                            .properties("phrases", p -> p.text(t -> t.analyzer("standard")));
                    COMPONENTS.forEach(name -> m.properties(name, p -> p.double_(d -> d)));
                    return m;
                }));
    }

    /** Writes (or overwrites) a score; searchable when this returns. */
    public void add(QualityDocument document) {
        try {
            creation.ensure();
            client.index(i -> i.index(index).id(document.id()).document(document).refresh(Refresh.WaitFor));
        } catch (IOException | ElasticsearchException e) {
            throw new HistoryUnavailableException("The quality index cannot be reached: " + e.getMessage(), e);
        }
    }

    public QualityOverview overview(QualityQuery query) {
        try {
            creation.ensure();
            List<Query> filters = filters(query);
            int lowest = Math.max(0, Math.min(MAX_LOWEST, query.lowest()));
            SearchResponse<QualityDocument> response = client.search(s -> {
                s.index(index).size(lowest).trackTotalHits(t -> t.enabled(true))
                        .query(q -> q.bool(b -> b.filter(filters)))
                        .sort(o -> o.field(f -> f.field("total").order(SortOrder.Asc)))
                        .sort(o -> o.field(f -> f.field("resolvedAt").order(SortOrder.Desc)))
                        .aggregations("totals", a -> a.histogram(h -> h.field("total").interval(10.0).minDocCount(0)
                                .extendedBounds(e -> e.min(0.0).max(100.0))))
                        .aggregations("average", a -> a.stats(v -> v.field("total")));
                COMPONENTS.forEach(name -> s.aggregations(name, a -> a.stats(v -> v.field(name))));
                return s;
            }, QualityDocument.class);
            long scored = response.hits().total() == null ? 0 : response.hits().total().value();
            Map<String, Aggregate> aggs = response.aggregations();
            Map<String, Double> components = new LinkedHashMap<>();
            COMPONENTS.forEach(name -> components.put(name, average(aggs.get(name))));
            return new QualityOverview(scored, average(aggs.get("average")), bands(aggs.get("totals")), components,
                    response.hits().hits().stream().map(Hit::source).toList());
        } catch (IOException | ElasticsearchException e) {
            throw new HistoryUnavailableException("The quality index cannot be reached: " + e.getMessage(), e);
        }
    }

    /** The team's average and each agent's on each topic, for the coaching figures' {@code qualityScore}. */
    public QualityAverages averages(QualityQuery query) {
        try {
            creation.ensure();
            SearchResponse<Void> response = client.search(averagesRequest(query), Void.class);
            return averagesOf(response.aggregations());
        } catch (IOException | ElasticsearchException e) {
            throw new HistoryUnavailableException("The quality index cannot be reached: " + e.getMessage(), e);
        }
    }

    /** The request behind {@link #averages}; the coaching report sends it with its own in one multi-search. */
    co.elastic.clients.elasticsearch.core.SearchRequest averagesRequest(QualityQuery query) {
        List<Query> filters = filters(query);
        return co.elastic.clients.elasticsearch.core.SearchRequest.of(s -> s.index(index).size(0)
                .query(q -> q.bool(b -> b.filter(filters)))
                .aggregations("team", a -> a.stats(v -> v.field("total")))
                .aggregations("agents", a -> a.terms(t -> t.field("agent").size(MAX_AGENTS))
                        .aggregations("topics", sub -> sub.terms(t -> t.field("topic").missing("none").size(MAX_TOPICS))
                                .aggregations("average", avg -> avg.stats(v -> v.field("total"))))));
    }

    /** Reads the answer of {@link #averagesRequest}. */
    static QualityAverages averagesOf(java.util.Map<String, Aggregate> aggregations) {
        List<QualityAverages.AgentTopic> agents = new ArrayList<>();
        for (var agent : aggregations.get("agents").sterms().buckets().array()) {
            for (var topic : agent.aggregations().get("topics").sterms().buckets().array()) {
                agents.add(new QualityAverages.AgentTopic(agent.key().stringValue(), topic.key().stringValue(),
                        topic.docCount(), average(topic.aggregations().get("average"))));
            }
        }
        return new QualityAverages(average(aggregations.get("team")), agents);
    }

    /** Creates the index if it is missing (before a multi-search names it). */
    void ensure() throws IOException {
        creation.ensure();
    }

    private static List<Query> filters(QualityQuery query) {
        List<Query> filters = new ArrayList<>();
        if (query.from() != null || query.to() != null) {
            filters.add(Query.of(q -> q.range(r -> r.untyped(u -> {
                u.field("resolvedAt");
                if (query.from() != null) {
                    u.gte(JsonData.of(query.from().toString()));
                }
                if (query.to() != null) {
                    u.lt(JsonData.of(query.to().toString()));
                }
                return u;
            }))));
        }
        if (query.queue() != null) {
            filters.add(Query.of(q -> q.term(t -> t.field("queue").value(query.queue()))));
        }
        if (query.caseId() != null) {
            filters.add(Query.of(q -> q.term(t -> t.field("caseId").value(query.caseId()))));
        }
        if (query.agent() != null) {
            filters.add(Query.of(q -> q.term(t -> t.field("agent").value(query.agent()))));
        }
        return filters;
    }

    /** The mean of the values a stats aggregation saw; null when it saw none (a part that never applied). */
    private static Double average(Aggregate aggregate) {
        if (aggregate == null || !aggregate.isStats() || aggregate.stats().count() == 0) {
            return null;
        }
        double value = aggregate.stats().avg();
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }

    /** Ten bands of ten points; a total of exactly 100 counts in the last band. */
    private static List<QualityOverview.Band> bands(Aggregate aggregate) {
        long[] counts = new long[10];
        if (aggregate != null && aggregate.isHistogram()) {
            for (HistogramBucket bucket : aggregate.histogram().buckets().array()) {
                int band = Math.max(0, Math.min(9, (int) Math.round(bucket.key() / 10)));
                counts[band] += bucket.docCount();
            }
        }
        List<QualityOverview.Band> bands = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bands.add(new QualityOverview.Band(i * 10, i * 10 + 10, counts[i]));
        }
        return bands;
    }
}
