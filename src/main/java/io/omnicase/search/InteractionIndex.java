package io.omnicase.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.InteractionKind;
import io.omnicase.embeddings.TextEmbeddings;
import io.omnicase.cases.InteractionRecorded;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code interactions} index: created with an explicit mapping on first use, fed after commit with every
 * timeline entry (embedded once: its vector is a {@code dense_vector} field), searched by the API with hybrid
 * retrieval: BM25 and k nearest neighbours by meaning, fused by reciprocal rank, both with the reader's scope and the
 * query's filters inside the query. Documents are keyed by interaction id, so a redelivered event overwrites rather
 * than duplicates. Entries indexed before vectors existed are found by their words only.
 */
@Service
public class InteractionIndex {

    /**
     * Cosine similarity below which a neighbour by meaning is no match: without it, kNN returns its k nearest even
     * for a query that matches nothing.
     */
    static final float MIN_SIMILARITY = 0.5f;

    private final ElasticsearchClient client;
    private final TextEmbeddings embeddings;
    private final String index;
    private final IndexCreation creation;
    private final CaseManagement cases;
    private final java.util.List<InteractionTagger> taggers;

    /** At most this many entries of one case are given a new status at once (a case has far fewer). */
    private static final int RESTATUS_BATCH = 1000;

    private final BulkWriter writer;
    private final StatusSync statusSync;
    private final HistoryWork work;

    InteractionIndex(ElasticsearchClient client, TextEmbeddings embeddings,
                     @Value("${omnicase.history.index:interactions}") String index, CaseManagement cases,
                     java.util.List<InteractionTagger> taggers,
                     @Value("${omnicase.history.bulk.max-batch:500}") int maxBatch,
                     @Value("${omnicase.history.bulk.linger:PT0.02S}") Duration linger,
                     @Value("${omnicase.history.bulk.write-timeout:PT10S}") Duration writeTimeout,
                     @Value("${omnicase.history.status-every:PT0.5S}") Duration statusEvery,
                     HistoryWork work,
                     MeterRegistry meters) {
        this.client = client;
        this.work = work;
        this.writer = new BulkWriter(client, index, maxBatch, linger, 20_000, writeTimeout, meters);
        this.statusSync = new StatusSync(BulkWriter.withSocketTimeout(client, writeTimeout), index, caseId -> cases.find(new CaseId(caseId))
                .map(view -> view.status().name()).orElse(null), statusEvery);
        this.taggers = java.util.List.copyOf(taggers);
        this.embeddings = embeddings;
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
                        .properties("occurredAt", p -> p.date(d -> d))
                        .properties(insightFields())
                        .properties("vector", KnowledgeIndex.vectorProperty())),
                added());
    }

    /** The fields pattern detection and coaching read ({@link InteractionTags}), added after the first release. */
    private static Map<String, co.elastic.clients.elasticsearch._types.mapping.Property> insightFields() {
        return Map.of(
                "topic", co.elastic.clients.elasticsearch._types.mapping.Property.of(p -> p.keyword(k -> k)),
                "agent", co.elastic.clients.elasticsearch._types.mapping.Property.of(p -> p.keyword(k -> k)),
                "sentiment", co.elastic.clients.elasticsearch._types.mapping.Property.of(p -> p.float_(f -> f)));
    }

    private static Map<String, co.elastic.clients.elasticsearch._types.mapping.Property> added() {
        Map<String, co.elastic.clients.elasticsearch._types.mapping.Property> added = new java.util.HashMap<>(insightFields());
        added.put("vector", KnowledgeIndex.vectorProperty());
        return added;
    }

    /** An interaction as stored: with its tags and the vector of its text (none for an entry without text). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Stored(long interactionId, long caseId, long customerId, String kind, String channel, String author,
                  String text, String caseStatus, java.time.Instant occurredAt, String topic, String agent,
                  Double sentiment, float[] vector) {

        static Stored of(InteractionDocument document, InteractionTags tags, float[] vector) {
            return new Stored(document.interactionId(), document.caseId(), document.customerId(), document.kind(),
                    document.channel(), document.author(), document.text(), document.caseStatus(),
                    document.occurredAt(), tags.topic(), tags.agent(), tags.sentiment(), vector);
        }
    }

    /**
     * Indexes the entry with its case's status as it is now, and when the entry records a change of state, gives every
     * earlier entry of the case that status too: a search shows a resolved case as resolved, not as it stood when each
     * message came in. The status is read from the case, not the event, so events handled out of order still leave
     * the index with the case's latest state.
     * <p>
     * After commit, without a transaction: no database connection is held while Elasticsearch is called. The entry is
     * prepared (status, tags, vector) on the history pool, goes out in the next bulk request, and the returned future
     * completes when the node has it (and, for a change of state, the case's earlier entries have the new status):
     * only then does the publication registry complete the delivery, and it delivers again when the node refused the
     * entry, could not be reached or did not answer in time. No thread waits for the node meanwhile: a thread per
     * waiting entry capped how fast a backlog drained after an outage (issue 18, faults: 32 threads parked in the
     * status round, about 55 messages a second).
     */
    @TransactionalEventListener
    CompletableFuture<Void> on(InteractionRecorded event) {
        return work.afterCommit("entry " + event.interactionId(), () -> {
            String status = cases.find(new CaseId(event.caseId())).map(view -> view.status().name())
                    .orElse(event.caseStatus().name());
            CompletableFuture<Void> written = write(new InteractionDocument(event.interactionId(), event.caseId(),
                    event.customerId(), event.kind().name(), event.channel() == null ? null : event.channel().name(),
                    event.author(), event.text(), status, event.occurredAt()));
            return event.kind() == InteractionKind.STATUS
                    ? written.thenCompose(done -> statusSync.restatus(event.caseId()))
                    : written;
        });
    }

    /**
     * Gives the source customer's entries the target customer after a merge, so the history (repeat issues among it)
     * sees one customer; partial updates in batches, as for a status (the node has no update-by-query).
     */
    @Async
    @TransactionalEventListener
    void on(io.omnicase.customers.CustomersMerged merged) throws IOException {
        ensureIndex();
        long source = merged.source().value();
        Map<String, Long> change = Map.of("customerId", merged.target().value());
        for (int round = 0; round < 1000; round++) {
            client.indices().refresh(r -> r.index(index));
            SearchResponse<InteractionDocument> moved = client.search(s -> s.index(index).size(RESTATUS_BATCH)
                    .source(src -> src.fetch(false))
                    .query(q -> q.term(t -> t.field("customerId").value(source))), InteractionDocument.class);
            if (moved.hits().hits().isEmpty()) {
                return;
            }
            BulkResponse bulk = client.bulk(b -> {
                moved.hits().hits().forEach(hit -> b.operations(o -> o.update(u -> u.index(index).id(hit.id())
                        .action(a -> a.doc(change)))));
                return b;
            });
            if (bulk.errors()) {
                throw new IOException("The history index did not move every entry of customer " + source);
            }
        }
    }

    public void add(InteractionDocument document) throws IOException {
        ensureIndex();
        float[] vector = embeddings.embed(document.text());
        Stored stored = Stored.of(document, tagsOf(document), RankFusion.isZero(vector) ? null : vector);
        client.index(i -> i.index(index).id(Long.toString(document.interactionId())).document(stored));
    }

    /**
     * Writes the entry through the bulk writer (keyed by interaction id: a second write of it leaves one document); the
     * future completes when the node has it, exceptionally when it refused it or could not be reached.
     */
    CompletableFuture<Void> write(InteractionDocument document) throws IOException {
        ensureIndex();
        float[] vector = searchedByMeaning(document.kind()) ? embeddings.embed(document.text()) : null;
        Stored stored = Stored.of(document, tagsOf(document), vector == null || RankFusion.isZero(vector) ? null : vector);
        return writer.write(Long.toString(document.interactionId()), stored);
    }

    /**
     * Whether entries of this kind get a vector: what people wrote (messages in and out). Decisions, status and routing
     * entries are the system's own words, found by their words; each vector costs the node a graph insertion, which
     * under load was most of its indexing time (issue 18).
     */
    static boolean searchedByMeaning(String kind) {
        return InteractionKind.INBOUND.name().equals(kind) || InteractionKind.OUTBOUND.name().equals(kind);
    }

    @PreDestroy
    void stopWriting() {
        writer.close();
        statusSync.close();
    }

    private InteractionTags tagsOf(InteractionDocument document) {
        for (InteractionTagger tagger : taggers) {
            return tagger.tagsOf(document);
        }
        return InteractionTags.NONE;
    }

    /**
     * Writes many tagged interactions through the bulk API, each with the vector its writer embedded (none: found by
     * its words, topic and similar text only); for a generated history and for rebuilds. Nothing is refreshed.
     */
    public void bulk(List<TaggedInteraction> interactions) throws IOException {
        if (interactions.isEmpty()) {
            return;
        }
        ensureIndex();
        BulkResponse response = client.bulk(b -> {
            for (TaggedInteraction tagged : interactions) {
                Stored stored = Stored.of(tagged.document(), tagged.tags() == null ? InteractionTags.NONE : tagged.tags(),
                        tagged.vector() == null || RankFusion.isZero(tagged.vector()) ? null : tagged.vector());
                b.operations(o -> o.index(i -> i.index(index).id(Long.toString(stored.interactionId())).document(stored)));
            }
            return b;
        });
        if (response.errors()) {
            throw new IOException("The history index refused part of a bulk write: " + response.items().stream()
                    .filter(item -> item.error() != null).findFirst().map(item -> item.error().reason()).orElse("?"));
        }
    }

    /** The name of the interaction index. */
    String indexName() {
        return index;
    }

    public SearchResult search(SearchQuery query) {
        try {
            if (query.onlyCases() != null && query.onlyCases().isEmpty()) {
                return new SearchResult(0, List.of());
            }
            ensureIndex();
            List<Query> filters = new ArrayList<>();
            if (query.onlyCases() != null) {
                filters.add(CaseIdFilter.anyOf(query.onlyCases()));
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
                        .source(src -> src.filter(f -> f.excludes("vector")))
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
            long total = response.hits().total() == null ? 0 : response.hits().total().value();
            List<InteractionDocument> byWords = response.hits().hits().stream().map(Hit::source).toList();
            if (!hasText || !readsAsWords(query.text())) {
                return new SearchResult(total, byWords);
            }
            float[] vector = embeddings.embed(query.text());
            // The same filters (the reader's scope among them) restrict the neighbours inside the kNN search.
            Query filter = Query.of(q -> q.bool(b -> b.filter(filters)));
            List<InteractionDocument> byMeaning = client.search(s -> s.index(index).size(query.size())
                    .source(src -> src.filter(f -> f.excludes("vector")))
                    .knn(k -> k.field("vector").queryVector(RankFusion.asList(vector)).k(query.size())
                            .numCandidates(Math.max(100, 4 * query.size())).similarity(MIN_SIMILARITY).filter(filter)),
                    InteractionDocument.class).hits().hits().stream().map(Hit::source).toList();
            List<InteractionDocument> fused = RankFusion.fuse(List.of(byWords, byMeaning),
                    d -> Long.toString(d.interactionId())).stream().map(RankFusion.Fused::item).toList();
            long onlyByMeaning = fused.size() - byWords.size();
            return new SearchResult(total + onlyByMeaning, fused.subList(0, Math.min(fused.size(), query.size())));
        } catch (IOException e) {
            throw new HistoryUnavailableException("The history index cannot be reached: " + e.getMessage(), e);
        } catch (ElasticsearchException e) {
            throw new HistoryUnavailableException("The history index refused the search: " + e.getMessage(), e);
        }
    }

    /**
     * Whether a query is worth searching by meaning: at least two words of letters and no search syntax. A single
     * token (an order number, a marker, a name) or a query with quotes, {@code -}, {@code +}, {@code |}, {@code *} or
     * {@code ~} asks for those exact words; neighbours by meaning would only add near-misses.
     */
    static boolean readsAsWords(String text) {
        if (text.matches(".*[\"+|*~()].*") || text.matches("(^|.*\\s)-.*")) {
            return false;
        }
        return java.util.Arrays.stream(text.strip().split("\\s+")).filter(w -> w.matches("\\p{L}[\\p{L}'.,?!]*")).count() >= 2;
    }

    /**
     * Removes every entry of these cases and of this customer (erasure, retention); answers how many. Searches ids and
     * deletes them in bulk: the node's distribution has no delete-by-query.
     */
    public int removeCases(java.util.Collection<Long> caseIds, Long customerId) {
        try {
            ensureIndex();
            int removed = 0;
            List<co.elastic.clients.elasticsearch._types.FieldValue> ids = caseIds.stream()
                    .map(co.elastic.clients.elasticsearch._types.FieldValue::of).toList();
            while (true) {
                client.indices().refresh(r -> r.index(index));
                SearchResponse<Void> found = client.search(s -> s.index(index).size(1000).source(src -> src.fetch(false))
                        .query(q -> q.bool(b -> {
                            if (!ids.isEmpty()) {
                                b.should(sh -> sh.terms(t -> t.field("caseId").terms(v -> v.value(ids))));
                            }
                            if (customerId != null) {
                                b.should(sh -> sh.term(t -> t.field("customerId").value(customerId)));
                            }
                            return b.minimumShouldMatch("1");
                        })), Void.class);
                if (found.hits().hits().isEmpty()) {
                    return removed;
                }
                BulkResponse bulk = client.bulk(b -> {
                    found.hits().hits().forEach(h -> b.operations(o -> o.delete(d -> d.index(index).id(h.id()))));
                    return b.refresh(co.elastic.clients.elasticsearch._types.Refresh.True);
                });
                if (bulk.errors()) {
                    throw new HistoryUnavailableException("The history index did not remove every entry of the erased cases", null);
                }
                removed += found.hits().hits().size();
            }
        } catch (IOException e) {
            throw new HistoryUnavailableException("The history index is not reachable", e);
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
