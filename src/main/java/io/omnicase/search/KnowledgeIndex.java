package io.omnicase.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.DenseVectorSimilarity;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.omnicase.embeddings.Embeddings;
import io.omnicase.embeddings.KnowledgeEmbeddings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code knowledge} index the assistant retrieves from: knowledge articles and resolved-case examples. Each entry
 * is embedded once when written (its vector is a {@code dense_vector} field); a question is answered by hybrid
 * retrieval: BM25 over title, text and answer, and k nearest neighbours by cosine, fused by reciprocal rank. The
 * asker's {@link KnowledgeScope} filters both inside the query. MariaDB keeps the articles and examples; this index is
 * derived from them and keyed by their ids, so writing again overwrites.
 */
@Service
public class KnowledgeIndex {

    private static final int BULK_CHUNK = 2_000;
    /** Entries per bulk write: each carries a vector, so a request stays well inside the write timeout. */
    private static final int WRITE_CHUNK = 500;
    private static final String ANALYZER = "knowledge_text";

    /**
     * Words that say nothing about what a question is about. Left out of retrieval: in a small knowledge base,
     * "how", "can", "my" would otherwise weigh as much as content words (and Elasticsearch's English list keeps them).
     */
    public static final List<String> STOPWORDS = List.of((
            "a an and are as at be been but by can could did do does doing for from had has have how i i'm im if in "
                    + "into is it its it's me my of on or our please so that the their them then there these this to "
                    + "was we were what when where which who why will with would you your yours can't cannot don't "
                    + "dont am any some get got just like want need know tell about hi hello thanks thank").split(" "));

    /** Fields added after the first release, put into an older index's mapping in place. */
    static final Map<String, Property> ADDED = added();

    private final ElasticsearchClient client;
    /**
     * The client for bulk writes and deletions: they wait for the write timeout, not the 3 s of a search (on two busy
     * cores, a chunk of examples with their vectors took longer than 3 s to index during a CLINC150 evaluation).
     */
    private final ElasticsearchClient writer;
    private final KnowledgeEmbeddings embeddings;
    private final String index;
    private final IndexCreation creation;
    private final KnowledgeVectors vectors = new KnowledgeVectors();

    KnowledgeIndex(ElasticsearchClient client, KnowledgeEmbeddings embeddings,
                   @Value("${omnicase.assistant.index:knowledge}") String index,
                   @Value("${omnicase.history.bulk.write-timeout:PT10S}") java.time.Duration writeTimeout) {
        this.client = client;
        this.writer = BulkWriter.withSocketTimeout(client, writeTimeout);
        this.embeddings = embeddings;
        this.index = index;
        this.creation = new IndexCreation(client, index, c -> c
                .settings(s -> s.numberOfShards("1").numberOfReplicas("0")
                        .analysis(a -> a.analyzer(ANALYZER, an -> an.standard(st -> st.stopwords(STOPWORDS)))))
                .mappings(m -> m.dynamic(DynamicMapping.Strict)
                        .properties("id", p -> p.keyword(k -> k))
                        .properties("kind", p -> p.keyword(k -> k))
                        .properties("topic", p -> p.keyword(k -> k))
                        .properties("title", p -> p.text(t -> t.analyzer(ANALYZER)))
                        .properties("text", p -> p.text(t -> t.analyzer(ANALYZER)))
                        .properties("answer", p -> p.text(t -> t.analyzer(ANALYZER)))
                        .properties("origin", p -> p.keyword(k -> k))
                        .properties(ADDED)), ADDED);
    }

    private static Map<String, Property> added() {
        Map<String, Property> fields = new LinkedHashMap<>();
        fields.put("caseId", Property.of(p -> p.long_(l -> l)));
        fields.put("queue", Property.of(p -> p.keyword(k -> k)));
        fields.put("vector", vectorProperty());
        fields.put("model", Property.of(p -> p.keyword(k -> k)));
        return fields;
    }

    /** The embedding of a text: 384 dimensions, indexed for kNN by cosine. */
    static Property vectorProperty() {
        return Property.of(p -> p.denseVector(d -> d.dims(Embeddings.DIMENSIONS).index(true)
                .similarity(DenseVectorSimilarity.Cosine)));
    }

    /** An entry as stored: with the vector of its meaning, embedded once, here. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Document(String id, String kind, String topic, String title, String text, String answer, String origin,
                    Long caseId, String queue, float[] vector, String model) {

        static Document of(KnowledgeEntry e, float[] vector, String model) {
            boolean none = RankFusion.isZero(vector);
            return new Document(e.id(), e.kind(), e.topic(), e.title(), e.text(), e.answer(), e.origin(), e.caseId(),
                    e.queue(), none ? null : vector, none ? null : model);
        }

        KnowledgeEntry entry() {
            return new KnowledgeEntry(id, kind, topic, title, text, answer, origin, caseId, queue);
        }
    }

    public void put(KnowledgeEntry entry) {
        putAll(List.of(entry));
    }

    /** Writes many entries in bulk requests; fails as a whole if Elasticsearch refuses any of them. */
    public void putAll(List<KnowledgeEntry> entries) {
        call(() -> {
            ensureIndex();
            for (int from = 0; from < entries.size(); from += WRITE_CHUNK) {
                BulkRequest.Builder bulk = new BulkRequest.Builder();
                List<KnowledgeEntry> chunk = entries.subList(from, Math.min(entries.size(), from + WRITE_CHUNK));
                Map<String, float[]> stored = storedVectors(chunk);
                List<Document> documents = new ArrayList<>();
                for (KnowledgeEntry entry : chunk) {
                    Document document = Document.of(entry, stored.containsKey(entry.id())
                            ? stored.get(entry.id()) : embeddings.embed(entry.meaning()), embeddings.model());
                    documents.add(document);
                    bulk.operations(o -> o.index(i -> i.index(index).id(entry.id()).document(document)));
                }
                BulkResponse response = writer.bulk(bulk.build());
                if (response.errors()) {
                    throw new HistoryUnavailableException("The knowledge index refused some entries: "
                            + response.items().stream().filter(i -> i.error() != null).findFirst()
                            .map(i -> i.error().reason()).orElse("unknown"), null);
                }
                documents.forEach(d -> vectors.put(d.entry(), d.vector()));
            }
            return null;
        });
    }

    /**
     * The vectors already stored for these entries, where the text they were embedded from and the model are
     * unchanged: writing everything again (the reindex at start) embeds only what is new or changed, and everything
     * once after the model changed (vectors of two models are not comparable).
     */
    private Map<String, float[]> storedVectors(List<KnowledgeEntry> chunk) throws IOException {
        Map<String, String> meanings = new HashMap<>();
        chunk.forEach(e -> meanings.put(e.id(), e.meaning()));
        Map<String, float[]> vectors = new HashMap<>();
        var found = client.mget(m -> m.index(index).ids(List.copyOf(meanings.keySet()))
                .sourceIncludes("id", "title", "vector", "model"), Document.class);
        for (var item : found.docs()) {
            if (item.isResult() && item.result().found() && item.result().source() != null) {
                Document d = item.result().source();
                if (d.vector() != null && embeddings.model().equals(d.model()) && d.title() != null
                        && d.title().equals(meanings.get(item.result().id()))) {
                    vectors.put(item.result().id(), d.vector());
                }
            }
        }
        return vectors;
    }

    /**
     * Removes every entry of an origin, e.g. the examples an evaluation run loaded. Searches ids and deletes them in
     * bulk, because the node's distribution has no delete-by-query.
     */
    public void removeOrigin(String origin) {
        call(() -> {
            ensureIndex();
            client.indices().refresh(r -> r.index(index));
            while (true) {
                SearchResponse<Void> found = client.search(s -> s.index(index).size(BULK_CHUNK).source(src -> src.fetch(false))
                        .query(q -> q.term(t -> t.field("origin").value(origin))), Void.class);
                if (found.hits().hits().isEmpty()) {
                    return null;
                }
                BulkRequest.Builder bulk = new BulkRequest.Builder();
                found.hits().hits().forEach(h -> bulk.operations(o -> o.delete(d -> d.index(index).id(h.id()))));
                writer.bulk(bulk.refresh(co.elastic.clients.elasticsearch._types.Refresh.True).build());
                found.hits().hits().forEach(h -> vectors.remove(h.id()));
            }
        });
    }

    /**
     * Removes one entry (an example a supervisor or its teacher removed): from the index, at once visible to the next
     * question, and from the topics' vectors in memory. Removing an entry that is not there is no error.
     */
    public void remove(String entryId) {
        call(() -> {
            ensureIndex();
            try {
                writer.delete(d -> d.index(index).id(entryId).refresh(co.elastic.clients.elasticsearch._types.Refresh.True));
            } catch (ElasticsearchException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
            vectors.remove(entryId);
            return null;
        });
    }

    /**
     * Every topic of the knowledge with a version that changes whenever one of its entries does (written, rewritten,
     * removed). Kept in memory beside the index, read from it on first use.
     */
    public Map<String, Long> topicVersions() {
        loadVectors();
        return vectors.versions();
    }

    /** A topic's entries (all of them, whoever may see them): their unit-length meaning vectors and phrasing groups. */
    public List<TopicSource> topicSources(String topic) {
        loadVectors();
        return vectors.sources(topic);
    }

    private void loadVectors() {
        if (vectors.loaded()) {
            return;
        }
        synchronized (vectors) {
            if (vectors.loaded()) {
                return;
            }
            vectors.loading();
            call(() -> {
                ensureIndex();
                client.indices().refresh(r -> r.index(index));
                Map<KnowledgeEntry, float[]> found = new HashMap<>();
                List<co.elastic.clients.elasticsearch._types.FieldValue> after = null;
                while (true) {
                    List<co.elastic.clients.elasticsearch._types.FieldValue> from = after;
                    SearchResponse<Document> page = client.search(s -> {
                        s.index(index).size(BULK_CHUNK).source(src -> src.filter(f -> f.includes("id", "kind", "topic", "caseId", "origin", "vector")))
                                .sort(o -> o.field(f -> f.field("id")));
                        return from == null ? s : s.searchAfter(from);
                    }, Document.class);
                    List<Hit<Document>> hits = page.hits().hits();
                    if (hits.isEmpty()) {
                        break;
                    }
                    for (Hit<Document> hit : hits) {
                        if (hit.source() != null) {
                            found.put(hit.source().entry(), hit.source().vector());
                        }
                    }
                    after = hits.get(hits.size() - 1).sort();
                }
                vectors.load(found);
                return null;
            });
        }
    }

    /** Removes the examples learned from these cases (erasure, retention); answers how many. */
    public int removeCases(java.util.Collection<Long> caseIds) {
        if (caseIds.isEmpty()) {
            return 0;
        }
        List<co.elastic.clients.elasticsearch._types.FieldValue> ids = caseIds.stream()
                .map(co.elastic.clients.elasticsearch._types.FieldValue::of).toList();
        return call(() -> {
            ensureIndex();
            int removed = 0;
            while (true) {
                client.indices().refresh(r -> r.index(index));
                SearchResponse<Void> found = client.search(s -> s.index(index).size(BULK_CHUNK).source(src -> src.fetch(false))
                        .query(q -> q.terms(t -> t.field("caseId").terms(v -> v.value(ids)))), Void.class);
                if (found.hits().hits().isEmpty()) {
                    return removed;
                }
                BulkRequest.Builder bulk = new BulkRequest.Builder();
                found.hits().hits().forEach(h -> bulk.operations(o -> o.delete(d -> d.index(index).id(h.id()))));
                // Gone from the topics' vectors in memory too: nothing of an erased case stays behind.
                found.hits().hits().forEach(h -> vectors.remove(h.id()));
                writer.bulk(bulk.refresh(co.elastic.clients.elasticsearch._types.Refresh.True).build());
                removed += found.hits().hits().size();
            }
        });
    }

    /** The entries that best match a question among all knowledge, best first; for tools and evaluation. */
    public List<KnowledgeMatch> retrieve(String question, int size) {
        return retrieve(question, KnowledgeScope.everything(), size);
    }

    /**
     * The entries within the asker's scope that best match a question, best first: the {@code size} best by BM25 and
     * the {@code size} nearest by meaning, fused by reciprocal rank, each with its cosine similarity to the question.
     */
    public List<KnowledgeMatch> retrieve(String question, KnowledgeScope scope, int size) {
        float[] vector = embeddings.embed(question);
        return call(() -> {
            ensureIndex();
            Query visible = visible(scope);
            // Hits come without their vectors: parsing 384 numbers per hit was a tenth of the after-commit work's CPU
            // (issue 18). The cosine below takes them from the copy in memory, or fetches those it lacks.
            SearchResponse<Document> words = client.search(s -> s.index(index).size(size)
                    .source(src -> src.filter(f -> f.excludes("vector")))
                    .query(q -> q.bool(b -> b
                            .should(m -> m.multiMatch(mm -> mm.query(question).type(TextQueryType.MostFields)
                                    .fields("title^2", "text", "answer^0.5")))
                            .should(m -> m.moreLikeThis(mlt -> mlt.fields("title", "text")
                                    .like(l -> l.text(question)).minTermFreq(1).minDocFreq(1).maxQueryTerms(25)
                                    .minimumShouldMatch("30%")))
                            .minimumShouldMatch("1")
                            .filter(visible))), Document.class);
            List<Document> nearest = List.of();
            if (!RankFusion.isZero(vector)) {
                nearest = client.search(s -> s.index(index).size(size)
                        .source(src -> src.filter(f -> f.excludes("vector")))
                        .knn(k -> k.field("vector").queryVector(RankFusion.asList(vector)).k(size)
                                .numCandidates(Math.max(100, 4 * size)).filter(visible)), Document.class)
                        .hits().hits().stream().map(Hit::source).toList();
            }
            List<Document> byWords = words.hits().hits().stream().map(Hit::source).toList();
            var fused = RankFusion.fuse(List.of(nearest, byWords), Document::id);
            Map<String, float[]> stored = vectorsOf(fused.stream().map(f -> f.item().id()).toList());
            return fused.stream()
                    .map(f -> {
                        float[] kept = stored.get(f.item().id());
                        return new KnowledgeMatch(f.item().entry(), f.score(), kept == null ? 0 : Embeddings.cosine(vector, kept));
                    })
                    .toList();
        });
    }

    /**
     * The stored vectors of these entries: from the copy in memory where it holds them (this node wrote or loaded
     * them), the rest in one request to the index. An entry without a vector is absent from the answer.
     */
    private Map<String, float[]> vectorsOf(List<String> ids) throws IOException {
        Map<String, float[]> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            float[] kept = vectors.vector(id);
            if (kept != null) {
                found.put(id, kept);
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            var fetched = client.mget(m -> m.index(index).ids(missing).sourceIncludes("vector"), Document.class);
            for (var item : fetched.docs()) {
                if (item.isResult() && item.result().found() && item.result().source() != null
                        && item.result().source().vector() != null) {
                    found.put(item.result().id(), item.result().source().vector());
                }
            }
        }
        return found;
    }

    /** Knowledge from no case, or from a case within the scope; for a customer, none an agent taught unreviewed. */
    private static Query visible(KnowledgeScope scope) {
        Query reachable = reachable(scope);
        if (!scope.reviewedOnly() && scope.exceptCases().isEmpty()) {
            return reachable;
        }
        return Query.of(q -> q.bool(b -> {
            b.filter(reachable);
            if (scope.reviewedOnly()) {
                b.mustNot(n -> n.term(t -> t.field("origin").value(KnowledgeScope.UNREVIEWED)));
            }
            if (!scope.exceptCases().isEmpty()) {
                b.mustNot(CaseIdFilter.chunks(scope.exceptCases()));
            }
            return b;
        }));
    }

    private static Query reachable(KnowledgeScope scope) {
        if (scope.all()) {
            return Query.of(q -> q.matchAll(m -> m));
        }
        List<Query> allowed = new ArrayList<>();
        allowed.add(Query.of(q -> q.bool(b -> b.mustNot(n -> n.exists(e -> e.field("caseId"))))));
        if (!scope.caseIds().isEmpty()) {
            allowed.addAll(CaseIdFilter.chunks(scope.caseIds()));
        }
        if (!scope.queues().isEmpty()) {
            allowed.add(Query.of(q -> q.terms(t -> t.field("queue").terms(v -> v.value(scope.queues().stream()
                    .sorted().map(co.elastic.clients.elasticsearch._types.FieldValue::of).toList())))));
        }
        return Query.of(q -> q.bool(b -> b.should(allowed).minimumShouldMatch("1")));
    }

    /** Makes recent writes visible to retrieval; for imports, tools and tests. */
    public void refresh() {
        call(() -> {
            ensureIndex();
            client.indices().refresh(r -> r.index(index));
            return null;
        });
    }

    private <T> T call(IndexCall<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new HistoryUnavailableException("The knowledge index cannot be reached: " + e.getMessage(), e);
        } catch (ElasticsearchException e) {
            throw new HistoryUnavailableException("The knowledge index refused the request: " + e.getMessage(), e);
        }
    }

    private void ensureIndex() throws IOException {
        creation.ensure();
    }

    private interface IndexCall<T> {
        T run() throws IOException;
    }
}
