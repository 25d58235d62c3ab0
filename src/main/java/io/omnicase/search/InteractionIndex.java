package io.omnicase.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import io.omnicase.cases.InteractionRecorded;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code interactions} index: created with an explicit mapping on first use, fed after commit with every
 * timeline entry, searched by the API. Documents are keyed by interaction id, so a redelivered event overwrites
 * rather than duplicates.
 */
@Service
public class InteractionIndex {

    private final ElasticsearchClient client;
    private final String index;
    private final IndexCreation creation;

    InteractionIndex(ElasticsearchClient client, @Value("${omnicase.history.index:interactions}") String index) {
        this.client = client;
        this.index = index;
        this.creation = new IndexCreation(client, index, c -> c
                .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                .mappings(m -> m.dynamic(co.elastic.clients.elasticsearch._types.mapping.DynamicMapping.Strict)
                        .properties("interactionId", p -> p.long_(l -> l))
                        .properties("caseId", p -> p.long_(l -> l))
                        .properties("customerId", p -> p.long_(l -> l))
                        .properties("kind", p -> p.keyword(k -> k))
                        .properties("channel", p -> p.keyword(k -> k))
                        .properties("author", p -> p.keyword(k -> k))
                        .properties("text", p -> p.text(t -> t.analyzer("standard")))
                        .properties("caseStatus", p -> p.keyword(k -> k))
                        .properties("occurredAt", p -> p.date(d -> d))));
    }

    @ApplicationModuleListener
    void on(InteractionRecorded event) throws IOException {
        add(new InteractionDocument(event.interactionId(), event.caseId(), event.customerId(), event.kind().name(),
                event.channel() == null ? null : event.channel().name(), event.author(), event.text(),
                event.caseStatus().name(), event.occurredAt()));
    }

    public void add(InteractionDocument document) throws IOException {
        ensureIndex();
        client.index(i -> i.index(index).id(Long.toString(document.interactionId())).document(document));
    }

    public SearchResult search(SearchQuery query) {
        try {
            if (query.onlyCases() != null && query.onlyCases().isEmpty()) {
                return new SearchResult(0, List.of());
            }
            ensureIndex();
            List<Query> filters = new ArrayList<>();
            if (query.onlyCases() != null) {
                List<FieldValue> ids = query.onlyCases().stream().sorted().map(FieldValue::of).toList();
                filters.add(Query.of(q -> q.terms(t -> t.field("caseId").terms(v -> v.value(ids)))));
            }
            if (query.customerId() != null) {
                filters.add(Query.of(q -> q.term(t -> t.field("customerId").value(query.customerId()))));
            }
            if (query.caseId() != null) {
                filters.add(Query.of(q -> q.term(t -> t.field("caseId").value(query.caseId()))));
            }
            if (query.channel() != null) {
                filters.add(Query.of(q -> q.term(t -> t.field("channel").value(query.channel()))));
            }
            if (query.from() != null || query.to() != null) {
                filters.add(Query.of(q -> q.range(r -> r.untyped(u -> {
                    u.field("occurredAt");
                    if (query.from() != null) {
                        u.gte(JsonData.of(query.from().toString()));
                    }
                    if (query.to() != null) {
                        u.lt(JsonData.of(query.to().toString()));
                    }
                    return u;
                }))));
            }
            boolean hasText = query.text() != null && !query.text().isBlank();
            SearchResponse<InteractionDocument> response = client.search(s -> {
                s.index(index).size(query.size()).trackTotalHits(t -> t.enabled(true))
                        .query(q -> q.bool(b -> {
                            if (hasText) {
                                b.must(m -> m.simpleQueryString(sq -> sq.query(query.text()).fields("text", "author")
                                        .defaultOperator(Operator.And)));
                            }
                            return b.filter(filters);
                        }));
                if (!hasText) {
                    s.sort(o -> o.field(f -> f.field("occurredAt").order(SortOrder.Desc)));
                }
                return s;
            }, InteractionDocument.class);
            return new SearchResult(response.hits().total() == null ? 0 : response.hits().total().value(),
                    response.hits().hits().stream().map(Hit::source).toList());
        } catch (IOException e) {
            throw new HistoryUnavailableException("The history index cannot be reached: " + e.getMessage(), e);
        } catch (ElasticsearchException e) {
            throw new HistoryUnavailableException("The history index refused the search: " + e.getMessage(), e);
        }
    }

    /** Makes recent writes visible to search; for tools and tests, not for the hot path. */
    public void refresh() {
        try {
            client.indices().refresh(r -> r.index(index));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void ensureIndex() throws IOException {
        creation.ensure();
    }
}
