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
import co.elastic.clients.elasticsearch.core.BulkResponse;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.InteractionKind;
import io.omnicase.cases.InteractionRecorded;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    private final CaseManagement cases;

    /** At most this many entries of one case are given a new status at once (a case has far fewer). */
    private static final int RESTATUS_BATCH = 1000;

    InteractionIndex(ElasticsearchClient client, @Value("${omnicase.history.index:interactions}") String index,
                     CaseManagement cases) {
        this.client = client;
        this.cases = cases;
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

    /**
     * Indexes the entry with its case's status as it is now, and when the entry records a change of state, gives every
     * earlier entry of the case that status too: a search shows a resolved case as resolved, not as it stood when each
     * message came in. The status is read from the case, not the event, so events handled out of order still leave
     * the index with the case's latest state.
     */
    @ApplicationModuleListener
    void on(InteractionRecorded event) throws IOException {
        String status = cases.find(new CaseId(event.caseId())).map(view -> view.status().name())
                .orElse(event.caseStatus().name());
        add(new InteractionDocument(event.interactionId(), event.caseId(), event.customerId(), event.kind().name(),
                event.channel() == null ? null : event.channel().name(), event.author(), event.text(),
                status, event.occurredAt()));
        if (event.kind() == InteractionKind.STATUS) {
            restatus(event.caseId(), status);
        }
    }

    /**
     * Sets the case status on the case's documents that hold another one. A partial update per document: the node has
     * no update-by-query (no reindex module, no scripting). A refresh first, so entries indexed a moment ago are found.
     */
    private void restatus(long caseId, String status) throws IOException {
        client.indices().refresh(r -> r.index(index));
        SearchResponse<InteractionDocument> stale = client.search(s -> s.index(index).size(RESTATUS_BATCH)
                .source(src -> src.fetch(false))
                .query(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("caseId").value(caseId)))
                        .mustNot(m -> m.term(t -> t.field("caseStatus").value(status))))), InteractionDocument.class);
        if (stale.hits().hits().isEmpty()) {
            return;
        }
        Map<String, String> change = Map.of("caseStatus", status);
        BulkResponse bulk = client.bulk(b -> {
            stale.hits().hits().forEach(hit -> b.operations(o -> o.update(u -> u.index(index).id(hit.id())
                    .action(a -> a.doc(change)))));
            return b;
        });
        if (bulk.errors()) {
            throw new IOException("The history index did not take case " + caseId + "'s status on every entry");
        }
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
