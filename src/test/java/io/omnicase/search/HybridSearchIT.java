package io.omnicase.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.embeddings.Embeddings;
import io.omnicase.embeddings.KnowledgeEmbeddings;
import io.omnicase.embeddings.TextEmbeddings;
import io.omnicase.support.Api;
import io.omnicase.support.QueueCases;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hybrid retrieval against the real Elasticsearch node: a search finds a message by its meaning when it shares no
 * word with it, still only within the reader's cases; an index made by an older version gains the vector field in
 * place and keeps its documents; a knowledge entry embedded by another model is embedded again.
 */
@RunningOmnicase
class HybridSearchIT {

    @LocalServerPort
    int port;

    @Autowired
    ElasticsearchClient client;

    @Autowired
    TextEmbeddings embeddings;

    @Autowired
    KnowledgeEmbeddings knowledgeEmbeddings;

    @Autowired
    InteractionIndex index;

    @Test
    void aSearchFindsAMessageByItsMeaningOnlyWithinTheReadersCases() {
        QueueCases.QueueCase billing = QueueCases.escalatedIn(port, "billing");
        QueueCases.customerWrites(port, billing, "The courier left my parcel at the wrong house and it never reached me.");
        // No word of the query is in the message: BM25 alone (all words required) finds nothing.
        String query = "/api/search?case=" + billing.caseId() + "&q="
                + URLEncoder.encode("package delivered to a neighbour by mistake", StandardCharsets.UTF_8);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode found = Api.as(port, "agent").get(query).json();
            assertThat(texts(found.get("hits"))).as(found.toString()).anyMatch(t -> t.contains("wrong house"));
        });
        JsonNode tech = Api.as(port, "tech").get(query).json();
        assertThat(tech.get("total").asLong()).isZero();
        assertThat(tech.get("hits")).isEmpty();
    }

    /**
     * An agent reads every case of their queues, and the search is restricted to those by their ids: a queue of more
     * than 65,536 cases (Elasticsearch's limit on one terms query) made every search and suggestion of its agents fail
     * (probe 49). The case sought is the last of 70,001 readable ids.
     */
    @Test
    void aReaderOfMoreCasesThanOneTermsQueryHoldsStillFindsTheirCase() {
        QueueCases.QueueCase billing = QueueCases.escalatedIn(port, "billing");
        java.util.Set<Long> readable = new java.util.HashSet<>();
        for (long id = 10_000_000L; readable.size() < 70_000; id++) {
            readable.add(id);
        }
        readable.add(billing.caseId());
        SearchQuery query = new SearchQuery(billing.marker(), null, null, null, null, null, 20, readable);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(index.search(query).hits())
                .extracting(InteractionDocument::caseId).contains(billing.caseId()));
        SearchQuery without = new SearchQuery(billing.marker(), null, null, null, null, null, 20,
                java.util.Set.of(10_000_000L, 10_000_001L));
        assertThat(index.search(without).hits()).as("still only the reader's cases").isEmpty();
    }

    @Test
    void aSearchForOneExactTokenFindsOnlyTheMessageWithItNotItsLookAlikes() {
        QueueCases.QueueCase first = QueueCases.escalatedIn(port, "billing");
        QueueCases.QueueCase lookAlike = QueueCases.escalatedIn(port, "billing");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode found = Api.as(port, "agent").get("/api/search?q=" + first.marker()).json();
            List<Long> cases = new ArrayList<>();
            found.get("hits").forEach(h -> cases.add(h.path("caseId").asLong()));
            assertThat(cases).as(found.toString()).containsExactly(first.caseId()).doesNotContain(lookAlike.caseId());
        });
    }

    @Test
    void anOlderKnowledgeIndexGainsTheVectorFieldInPlaceAndKeepsItsDocuments() throws Exception {
        String name = "knowledge-old-" + UUID.randomUUID().toString().substring(0, 8);
        // The mapping the first release created: no case, no queue, no vector.
        client.indices().create(c -> c.index(name).settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                .mappings(m -> m.dynamic(co.elastic.clients.elasticsearch._types.mapping.DynamicMapping.Strict)
                        .properties("id", p -> p.keyword(k -> k)).properties("kind", p -> p.keyword(k -> k))
                        .properties("topic", p -> p.keyword(k -> k)).properties("title", p -> p.text(t -> t))
                        .properties("text", p -> p.text(t -> t)).properties("answer", p -> p.text(t -> t))
                        .properties("origin", p -> p.keyword(k -> k))));
        client.index(i -> i.index(name).id("example:1").refresh(co.elastic.clients.elasticsearch._types.Refresh.True)
                .document(java.util.Map.of("id", "example:1", "kind", "EXAMPLE", "topic", "BILLING",
                        "title", "Where can I download my invoice", "text", "", "answer", "Under Billing.", "origin", "old")));

        KnowledgeIndex index = knowledgeIndex(name);
        index.put(new KnowledgeEntry("example:2", "EXAMPLE", "ACCOUNT", "I forgot my password", "", "Use the reset link.",
                "new"));
        index.refresh();

        assertThat(client.indices().getMapping(g -> g.index(name)).result().get(name).mappings().properties())
                .containsKeys("vector", "caseId", "queue", "model");
        List<KnowledgeMatch> byMeaning = index.retrieve("I cannot remember my login secret", 5);
        assertThat(byMeaning).first().satisfies(m -> {
            assertThat(m.entry().id()).isEqualTo("example:2");
            assertThat(m.similarity()).isGreaterThan(0.3);
        });
        assertThat(index.retrieve("download invoice", 5)).extracting(m -> m.entry().id()).contains("example:1");
        client.indices().delete(d -> d.index(name));
    }

    @Test
    void aKnowledgeEntryEmbeddedByAnotherModelIsEmbeddedAgainWhenWritten() throws Exception {
        String name = uniqueName("knowledge-model-");
        KnowledgeIndex index = knowledgeIndex(name);
        KnowledgeEntry entry = new KnowledgeEntry("example:1", "EXAMPLE", "BILLING", "Where can I download my invoice",
                "", "Under Billing.", "old");
        index.put(entry);
        // As an earlier release stored it: the message model's vector, no model named.
        client.update(u -> u.index(name).id("example:1").doc(java.util.Map.of("vector",
                        RankFusion.asList(embeddings.embed(entry.meaning())), "model", "all-minilm-l6-v2-q"))
                .refresh(co.elastic.clients.elasticsearch._types.Refresh.True), Object.class);

        index.putAll(List.of(entry)); // what the reindex at start does
        index.refresh();

        var stored = client.get(g -> g.index(name).id("example:1"), JsonNode.class).source();
        float[] vector = new float[Embeddings.DIMENSIONS];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) stored.get("vector").get(i).asDouble();
        }
        assertThat(stored.get("model").asText()).isEqualTo(knowledgeEmbeddings.model());
        assertThat(Embeddings.cosine(vector, knowledgeEmbeddings.embed(entry.meaning()))).isGreaterThan(0.999);
        client.indices().delete(d -> d.index(name));
    }

    /**
     * Hits come without their vectors (issue 18: parsing them was a tenth of the after-commit CPU). The similarity is
     * still the cosine to the stored vector: from the copy in memory once it is loaded, fetched before that, and
     * fetched for an entry this node did not write (another node's).
     */
    @Test
    void aMatchsSimilarityIsTheCosineToItsStoredVectorWhereverTheVectorComesFrom() throws Exception {
        String name = uniqueName("knowledge-cosine-");
        KnowledgeIndex index = knowledgeIndex(name);
        KnowledgeEntry invoice = new KnowledgeEntry("example:1", "EXAMPLE", "BILLING", "Where can I download my invoice",
                "", "Under Billing.", "test");
        KnowledgeEntry password = new KnowledgeEntry("example:2", "EXAMPLE", "ACCOUNT", "I forgot my password", "",
                "Use the reset link.", "test");
        index.putAll(List.of(invoice, password));
        index.refresh();
        String question = "How do I get a copy of my bill?";
        float[] asked = knowledgeEmbeddings.embed(question);

        List<KnowledgeMatch> fetched = index.retrieve(question, 5); // nothing in memory yet
        index.topicVersions(); // what the assistant does first: loads the copy in memory
        List<KnowledgeMatch> kept = index.retrieve(question, 5);
        // Written by another node: in the index, not in this node's copy.
        KnowledgeEntry parcel = new KnowledgeEntry("example:3", "EXAMPLE", "DELIVERY", "Where is my bill for the parcel",
                "", "Tracking page.", "test");
        client.index(i -> i.index(name).id(parcel.id()).refresh(co.elastic.clients.elasticsearch._types.Refresh.True)
                .document(KnowledgeIndex.Document.of(parcel, knowledgeEmbeddings.embed(parcel.meaning()),
                        knowledgeEmbeddings.model())));
        List<KnowledgeMatch> mixed = index.retrieve(question, 5);

        for (List<KnowledgeMatch> matches : List.of(fetched, kept, mixed)) {
            assertThat(matches).isNotEmpty().allSatisfy(m -> assertThat(m.similarity()).isCloseTo(
                    Embeddings.cosine(asked, knowledgeEmbeddings.embed(m.entry().meaning())), org.assertj.core.data.Offset.offset(1e-5)));
        }
        assertThat(fetched.get(0).entry().id()).isEqualTo("example:1");
        assertThat(fetched.get(0).similarity()).isGreaterThan(0.5);
        assertThat(mixed).extracting(m -> m.entry().id()).contains("example:3");
        client.indices().delete(d -> d.index(name));
    }

    private static String uniqueName(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private KnowledgeIndex knowledgeIndex(String name) {
        return new KnowledgeIndex(client, knowledgeEmbeddings, name, java.time.Duration.ofSeconds(10));
    }

    private static List<String> texts(JsonNode hits) {
        List<String> texts = new ArrayList<>();
        hits.forEach(h -> texts.add(h.path("text").asText()));
        return texts;
    }
}
