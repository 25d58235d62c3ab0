package io.omnicase.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.util.List;

/**
 * The {@code knowledge} index the assistant retrieves from: knowledge articles and resolved-case examples, searched
 * with BM25 over title, text and answer plus {@code more_like_this} on the question. MariaDB keeps the articles and
 * examples; this index is derived from them and keyed by their ids, so writing again overwrites.
 */
@Service
public class KnowledgeIndex {

    private static final int BULK_CHUNK = 2_000;
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

    private final ElasticsearchClient client;
    private final String index;
    private final IndexCreation creation;

    KnowledgeIndex(ElasticsearchClient client, @Value("${omnicase.assistant.index:knowledge}") String index) {
        this.client = client;
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
                        .properties("origin", p -> p.keyword(k -> k))));
    }

    public void put(KnowledgeEntry entry) {
        putAll(List.of(entry));
    }

    /** Writes many entries in bulk requests; fails as a whole if Elasticsearch refuses any of them. */
    public void putAll(List<KnowledgeEntry> entries) {
        call(() -> {
            ensureIndex();
            for (int from = 0; from < entries.size(); from += BULK_CHUNK) {
                BulkRequest.Builder bulk = new BulkRequest.Builder();
                for (KnowledgeEntry entry : entries.subList(from, Math.min(entries.size(), from + BULK_CHUNK))) {
                    bulk.operations(o -> o.index(i -> i.index(index).id(entry.id()).document(entry)));
                }
                BulkResponse response = client.bulk(bulk.build());
                if (response.errors()) {
                    throw new HistoryUnavailableException("The knowledge index refused some entries: "
                            + response.items().stream().filter(i -> i.error() != null).findFirst()
                            .map(i -> i.error().reason()).orElse("unknown"), null);
                }
            }
            return null;
        });
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
                client.bulk(bulk.refresh(co.elastic.clients.elasticsearch._types.Refresh.True).build());
            }
        });
    }

    /** The entries that best match a question, best first. */
    public List<KnowledgeMatch> retrieve(String question, int size) {
        return call(() -> {
            ensureIndex();
            SearchResponse<KnowledgeEntry> response = client.search(s -> s.index(index).size(size)
                    .query(q -> q.bool(b -> b
                            .should(m -> m.multiMatch(mm -> mm.query(question).type(TextQueryType.MostFields)
                                    .fields("title^2", "text", "answer^0.5")))
                            .should(m -> m.moreLikeThis(mlt -> mlt.fields("title", "text")
                                    .like(l -> l.text(question)).minTermFreq(1).minDocFreq(1).maxQueryTerms(25)
                                    .minimumShouldMatch("30%")))
                            .minimumShouldMatch("1"))), KnowledgeEntry.class);
            return response.hits().hits().stream()
                    .map(h -> new KnowledgeMatch(h.source(), h.score() == null ? 0 : h.score())).toList();
        });
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
