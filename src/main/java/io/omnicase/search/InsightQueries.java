package io.omnicase.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath;
import co.elastic.clients.elasticsearch._types.aggregations.LongTermsBucket;
import co.elastic.clients.elasticsearch._types.aggregations.Percentiles;
import co.elastic.clients.elasticsearch._types.aggregations.SignificantStringTermsBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.json.JsonpUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The history's answers for pattern detection and coaching, each one request to Elasticsearch that aggregates on the
 * server (terms, date histogram, significant text, percentiles, top hits), never a loop over documents here: earlier
 * contacts of a customer about the same issue, message volumes per topic and channel against a baseline, the terms
 * rising in a window, and the coaching figures of a period from the {@code case-outcomes} index.
 */
@Service
public class InsightQueries {

    /** Share of the selected terms of a message an earlier message must hold to be about the same issue. */
    static final String SAME_ISSUE_MATCH = "30%";
    /** Words that say nothing about an issue; more-like-this would otherwise match messages by them. */
    static final List<String> STOP_WORDS = List.of("a", "about", "after", "again", "all", "also", "am", "an", "and",
            "any", "are", "as", "at", "be", "been", "before", "but", "by", "can", "could", "did", "do", "does", "for",
            "from", "get", "got", "had", "has", "have", "hello", "hi", "how", "i", "i'm", "if", "in", "is", "it", "it's",
            "just", "me", "my", "no", "not", "now", "of", "on", "one", "or", "our", "please", "so", "still", "thanks",
            "that", "the", "their", "them", "there", "this", "to", "today", "up", "us", "was", "we", "what", "when",
            "why", "will", "with", "would", "yet", "you", "your", "yesterday", "week", "can't", "don't", "there's",
            "dear", "team", "regards", "thank", "help", "need", "want", "since", "which", "who");
    private static final int EXCERPT = 160;
    /**
     * Cosine similarity (all-MiniLM-L6-v2) from which an earlier message of the same customer, within the window, means
     * the same as this one, whatever topic routing's keywords gave either: a rewording with no telling word
     * in common ("charged twice" / "two payments were taken"). Over the generator's phrasings, different issues of
     * one queue have a median similarity of 0.22 (three in four below 0.35), rewordings of one issue 0.71, but terse
     * rewordings of long ones ("where is my package??" / "my parcel is late, tracking has not moved") only 0.35-0.5.
     * The bar is this low because it only ever compares one customer's few messages of the window, not
     * the whole history; see docs/supervision.md for recall and precision at 0.35-0.5.
     */
    static final float SAME_ISSUE_SIMILARITY = 0.4f;
    /** Nearest earlier messages of the customer looked at by meaning; a customer has few in a window. */
    static final int SAME_ISSUE_NEIGHBOURS = 20;

    private final ElasticsearchClient client;
    private final InteractionIndex interactions;
    private final io.omnicase.embeddings.TextEmbeddings embeddings;
    private final String outcomes;
    private final IndexCreation outcomeCreation;
    private final BulkWriter outcomeWriter;
    private final QualityIndex quality;

    InsightQueries(ElasticsearchClient client, InteractionIndex interactions,
                   io.omnicase.embeddings.TextEmbeddings embeddings, QualityIndex quality,
                   @Value("${omnicase.insight.outcome-index:case-outcomes}") String outcomes,
                   @Value("${omnicase.history.bulk.max-batch:500}") int maxBatch,
                   @Value("${omnicase.history.bulk.linger:PT0.02S}") java.time.Duration linger,
                   @Value("${omnicase.history.bulk.write-timeout:PT10S}") java.time.Duration writeTimeout,
                   io.micrometer.core.instrument.MeterRegistry meters) {
        this.client = client;
        this.outcomeWriter = new BulkWriter(client, outcomes, maxBatch, linger, 20_000, writeTimeout, meters);
        this.quality = quality;
        this.interactions = interactions;
        this.embeddings = embeddings;
        this.outcomes = outcomes;
        this.outcomeCreation = new IndexCreation(client, outcomes, c -> c
                .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                .mappings(m -> m.dynamic(DynamicMapping.Strict)
                        .properties("caseId", p -> p.long_(l -> l))
                        .properties("customerId", p -> p.long_(l -> l))
                        .properties("agent", p -> p.keyword(k -> k))
                        .properties("topic", p -> p.keyword(k -> k))
                        .properties("queue", p -> p.keyword(k -> k))
                        .properties("channel", p -> p.keyword(k -> k))
                        .properties("status", p -> p.keyword(k -> k))
                        .properties("openedAt", p -> p.date(d -> d))
                        .properties("resolvedAt", p -> p.date(d -> d))
                        .properties("handleSeconds", p -> p.long_(l -> l))
                        .properties("replies", p -> p.integer(i -> i))
                        .properties("firstContactResolution", p -> p.byte_(b -> b))
                        .properties("reopened", p -> p.byte_(b -> b))
                        .properties("sentimentFirst", p -> p.float_(f -> f))
                        .properties("sentimentLast", p -> p.float_(f -> f))
                        .properties("sentimentChange", p -> p.float_(f -> f))
                        .properties("slaBreaches", p -> p.integer(i -> i))
                        .properties("fellAt", p -> p.date(d -> d))
                        .properties("fellBefore", p -> p.float_(f -> f))
                        .properties("fellAfter", p -> p.float_(f -> f))
                        .properties("fellDrop", p -> p.float_(f -> f))
                        .properties("fellAgent", p -> p.keyword(k -> k))
                        .properties("fellExcerpt", p -> p.keyword(k -> k.index(false).docValues(false)))
                        .properties("lastExcerpt", p -> p.keyword(k -> k.index(false).docValues(false)))));
    }

    // ---------------------------------------------------------------------------------------------- repeat issues

    /**
     * The customer's earlier cases (not {@code caseId}) with a message about the same issue between {@code from} and
     * {@code to}, latest contact first: a message that either shares enough of this text's telling words (more like
     * this, common words left out) and, unless the topic is {@code OTHER} or unknown, has the same topic or none
     * routing could tell; or means the same, whatever its topic (one of the customer's nearest messages by the stored
     * sentence embedding, with a cosine similarity of at least {@link #SAME_ISSUE_SIMILARITY}). Both in one request:
     * the kNN part is filtered by customer and window inside the search, so it compares only that customer's few
     * messages.
     */
    public List<EarlierContact> earlierContacts(long customerId, long caseId, String topic, String text, Instant from,
                                                Instant to, int max) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        SearchResponse<Void> response = run(repeatsRequest(customerId, caseId, topic, text, from, to, max));
        List<EarlierContact> contacts = new ArrayList<>();
        for (LongTermsBucket bucket : response.aggregations().get("cases").lterms().buckets().array()) {
            Hit<JsonData> latest = bucket.aggregations().get("latest").topHits().hits().hits().get(0);
            Latest doc = latest.source().to(Latest.class);
            contacts.add(new EarlierContact(bucket.key(), doc.channel(), doc.topic(), doc.caseStatus(),
                    instant(bucket.aggregations().get("first").min().value()),
                    instant(bucket.aggregations().get("last").max().value()), bucket.docCount(), excerpt(doc.text())));
        }
        contacts.sort(Comparator.comparing(EarlierContact::lastContact).reversed());
        return contacts;
    }

    /** The fields of an earlier case's latest message that a contact shows. */
    record Latest(String channel, String topic, String caseStatus, String text) {
    }

    SearchRequest repeatsRequest(long customerId, long caseId, String topic, String text, Instant from, Instant to,
                                 int max) {
        List<Query> filters = new ArrayList<>();
        filters.add(term("customerId", customerId));
        filters.add(term("kind", "INBOUND"));
        filters.add(range("occurredAt", from, to));
        boolean knownTopic = topic != null && !"OTHER".equals(topic);
        // Similar words: enough of the message's telling words; with the very same topic, one telling word is enough.
        // Shared words are weak evidence across topics ("card", "account", "order" turn up in many issues), so a word
        // match needs the same topic, or one routing could not tell (OTHER): routing's topic is a keyword guess.
        List<Query> words = new ArrayList<>(List.of(similarText(text, SAME_ISSUE_MATCH)));
        if (knownTopic) {
            words.add(Query.of(q -> q.bool(b -> b.filter(term("topic", topic)).must(similarText(text, "1")))));
        }
        Query sameWords = !knownTopic ? Query.of(q -> q.bool(b -> b.should(words).minimumShouldMatch("1")))
                : Query.of(q -> q.bool(b -> b.filter(f -> f.terms(t -> t.field("topic").terms(v -> v.value(List.of(
                        FieldValue.of(topic), FieldValue.of("OTHER"))))))
                        .should(words).minimumShouldMatch("1")));
        List<Query> similar = new ArrayList<>(List.of(sameWords));
        // Same meaning in other words: the customer's nearest messages by embedding, whatever topic routing guessed for
        // them. Routing's topic comes from single words ("login" is TECHNICAL, "account" ACCOUNT), so one issue worded
        // twice is often given two topics ("Please switch my login email" / "I need to change the email address on my
        // account"); the meaning bar, not that guess, decides. The kNN's own filter repeats the filters (customer,
        // window, not this case), so they apply before the neighbours are picked and nothing else takes a neighbour's
        // place. Messages stored without a vector are found by their words only.
        float[] vector = embeddings.embed(text);
        if (!RankFusion.isZero(vector)) {
            similar.add(Query.of(q -> q.knn(k -> k.field("vector").queryVector(RankFusion.asList(vector))
                    .k(SAME_ISSUE_NEIGHBOURS).numCandidates(5 * SAME_ISSUE_NEIGHBOURS).similarity(SAME_ISSUE_SIMILARITY)
                    .filter(f -> f.bool(b -> b.filter(filters)
                            .mustNot(m -> m.term(t -> t.field("caseId").value(caseId))))))));
        }
        return SearchRequest.of(s -> s.index(interactions.indexName()).size(0)
                .query(q -> q.bool(b -> b.filter(filters)
                        .mustNot(m -> m.term(t -> t.field("caseId").value(caseId)))
                        .must(m -> m.bool(x -> x.should(similar).minimumShouldMatch("1")))))
                .aggregations("cases", a -> a.terms(t -> t.field("caseId").size(max))
                        .aggregations("first", f -> f.min(m -> m.field("occurredAt")))
                        .aggregations("last", f -> f.max(m -> m.field("occurredAt")))
                        .aggregations("latest", f -> f.topHits(h -> h.size(1)
                                .sort(o -> o.field(x -> x.field("occurredAt").order(SortOrder.Desc)))
                                .source(src -> src.filter(x -> x.includes("channel", "topic", "caseStatus", "text")))))));
    }

    private static Query similarText(String text, String minimumShouldMatch) {
        return Query.of(q -> q.moreLikeThis(mlt -> mlt.fields("text").like(l -> l.text(text))
                .minTermFreq(1).minDocFreq(1).maxQueryTerms(25).minWordLength(3)
                .stopWords(STOP_WORDS).minimumShouldMatch(minimumShouldMatch)));
    }

    /** The outcome document of a case, if it has one. */
    public Optional<CaseOutcome> outcome(long caseId) {
        try {
            outcomeCreation.ensure();
            var response = client.get(g -> g.index(outcomes).id(Long.toString(caseId)), CaseOutcome.class);
            return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
        } catch (IOException e) {
            throw unavailable(e);
        } catch (ElasticsearchException e) {
            throw new HistoryUnavailableException("The outcome index refused a read: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------- spikes

    /**
     * Customer messages per topic and channel in the window ending at {@code end} and in the {@code baselineWindows}
     * windows before it: one date histogram per topic and channel, its buckets aligned so that the last one is the
     * window.
     */
    public List<TopicVolume> volumes(Instant end, Duration window, int baselineWindows) {
        SearchResponse<Void> response = run(volumesRequest(end, window, baselineWindows));
        long windowStart = end.minus(window).toEpochMilli();
        List<TopicVolume> volumes = new ArrayList<>();
        for (StringTermsBucket topic : response.aggregations().get("topics").sterms().buckets().array()) {
            for (StringTermsBucket channel : topic.aggregations().get("channels").sterms().buckets().array()) {
                List<Long> baseline = new ArrayList<>();
                long current = 0;
                for (DateHistogramBucket bucket : channel.aggregations().get("volume").dateHistogram().buckets().array()) {
                    if (bucket.key() >= windowStart) {
                        current += bucket.docCount();
                    } else {
                        baseline.add(bucket.docCount());
                    }
                }
                volumes.add(new TopicVolume(topic.key().stringValue(), channel.key().stringValue(), current, baseline));
            }
        }
        return volumes;
    }

    SearchRequest volumesRequest(Instant end, Duration window, int baselineWindows) {
        long width = window.toMillis();
        Instant start = end.minus(window.multipliedBy(baselineWindows + 1L));
        long offset = Math.floorMod(end.toEpochMilli(), width);
        return SearchRequest.of(s -> s.index(interactions.indexName()).size(0)
                .query(q -> q.bool(b -> b.filter(term("kind", "INBOUND")).filter(range("occurredAt", start, end))))
                .aggregations("topics", a -> a.terms(t -> t.field("topic").size(50))
                        .aggregations("channels", c -> c.terms(t -> t.field("channel").size(20))
                                .aggregations("volume", v -> v.dateHistogram(d -> d.field("occurredAt")
                                        .fixedInterval(i -> i.time(width + "ms"))
                                        .offset(o -> o.time("+" + offset + "ms"))
                                        .minDocCount(0)
                                        .extendedBounds(e -> e.min(FieldDateMath.of(f -> f.value(start.toEpochMilli())))
                                                .max(FieldDateMath.of(f -> f.value(end.toEpochMilli() - 1)))))))));
    }

    /**
     * The terms of customer messages of a topic on a channel that are significant in the window against the baseline
     * of the same topic and channel (significant text), and the cases in the window whose messages use them.
     */
    public RisingTerms risingTerms(String topic, String channel, Instant windowStart, Instant end, Instant baselineStart,
                                   int terms, int maxCases) {
        SearchResponse<Void> response = run(risingTermsRequest(topic, channel, windowStart, end, baselineStart, terms));
        List<String> rising = response.aggregations().get("rising").sigsterms().buckets().array().stream()
                .map(SignificantStringTermsBucket::key).toList();
        if (rising.isEmpty()) {
            return new RisingTerms(List.of(), List.of());
        }
        SearchResponse<Void> cases = run(SearchRequest.of(s -> s.index(interactions.indexName()).size(0)
                .query(q -> q.bool(b -> b.filter(windowFilters(topic, channel, windowStart, end))
                        .must(m -> m.match(x -> x.field("text").query(String.join(" ", rising))))))
                .aggregations("cases", a -> a.terms(t -> t.field("caseId").size(maxCases)))));
        List<Long> caseIds = cases.aggregations().get("cases").lterms().buckets().array().stream()
                .map(LongTermsBucket::key).sorted().toList();
        return new RisingTerms(rising, caseIds);
    }

    SearchRequest risingTermsRequest(String topic, String channel, Instant windowStart, Instant end,
                                     Instant baselineStart, int terms) {
        Query background = Query.of(q -> q.bool(b -> b.filter(windowFilters(topic, channel, baselineStart, end))));
        return SearchRequest.of(s -> s.index(interactions.indexName()).size(0)
                .query(q -> q.bool(b -> b.filter(windowFilters(topic, channel, windowStart, end))))
                .aggregations("rising", a -> a.significantText(t -> t.field("text").size(terms).minDocCount(3L)
                        .filterDuplicateText(false).backgroundFilter(background).exclude(STOP_WORDS_REGEX))));
    }

    private static final co.elastic.clients.elasticsearch._types.aggregations.TermsExclude STOP_WORDS_REGEX =
            co.elastic.clients.elasticsearch._types.aggregations.TermsExclude.of(e -> e.terms(STOP_WORDS));

    private static List<Query> windowFilters(String topic, String channel, Instant from, Instant to) {
        List<Query> filters = new ArrayList<>(List.of(term("kind", "INBOUND"), range("occurredAt", from, to)));
        if (topic != null) {
            filters.add(term("topic", topic));
        }
        if (channel != null) {
            filters.add(term("channel", channel));
        }
        return filters;
    }

    // ---------------------------------------------------------------------------------------------- coaching

    /** The coaching figures of the cases resolved in [from, to) (of one queue, if given), in one aggregation request. */
    public CoachingAggregation coaching(Instant from, Instant to, String queue, int moments) {
        SearchResponse<Void> response = run(coachingRequest(from, to, queue, moments));
        return coachingOf(response.hits().total() == null ? 0 : response.hits().total().value(), response.aggregations());
    }

    /** The coaching figures and the quality averages of the same period and queue. */
    public record CoachingAndQuality(CoachingAggregation coaching, QualityAverages quality) {
    }

    /**
     * The coaching figures ({@link #coaching}) and the quality averages ({@link QualityIndex#averages}) of a period in
     * one round trip: a multi-search that Elasticsearch runs as two searches side by side, instead of two requests
     * one after the other.
     */
    public CoachingAndQuality coachingAndQuality(Instant from, Instant to, String queue, int moments,
                                                 QualityQuery qualityQuery) {
        try {
            outcomeCreation.ensure();
            quality.ensure();
            var response = client.msearch(coachingAndQualityRequest(from, to, queue, moments, qualityQuery), Void.class);
            var outcomeItem = response.responses().get(0);
            var qualityItem = response.responses().get(1);
            if (outcomeItem.isFailure() || qualityItem.isFailure()) {
                var failure = outcomeItem.isFailure() ? outcomeItem.failure() : qualityItem.failure();
                throw new HistoryUnavailableException("The history index refused the coaching query: "
                        + failure.error().reason(), null);
            }
            var outcome = outcomeItem.result();
            return new CoachingAndQuality(
                    coachingOf(outcome.hits().total() == null ? 0 : outcome.hits().total().value(), outcome.aggregations()),
                    QualityIndex.averagesOf(qualityItem.result().aggregations()));
        } catch (IOException e) {
            throw unavailable(e);
        } catch (ElasticsearchException e) {
            throw new HistoryUnavailableException("The history index refused the coaching query: " + e.getMessage(), e);
        }
    }

    co.elastic.clients.elasticsearch.core.MsearchRequest coachingAndQualityRequest(Instant from, Instant to, String queue,
                                                                                 int moments, QualityQuery qualityQuery) {
        SearchRequest outcome = coachingRequest(from, to, queue, moments);
        SearchRequest scores = quality.averagesRequest(qualityQuery);
        return co.elastic.clients.elasticsearch.core.MsearchRequest.of(m -> m
                .searches(s -> s.header(h -> h.index(outcome.index())).body(body(outcome)))
                .searches(s -> s.header(h -> h.index(scores.index())).body(body(scores))));
    }

    /** A search's query, size, total and aggregations as a multi-search body (what these requests use). */
    private static co.elastic.clients.elasticsearch.core.msearch.MultisearchBody body(SearchRequest request) {
        return co.elastic.clients.elasticsearch.core.msearch.MultisearchBody.of(b -> {
            b.size(request.size()).query(request.query()).aggregations(request.aggregations());
            if (request.trackTotalHits() != null) {
                b.trackTotalHits(request.trackTotalHits());
            }
            return b;
        });
    }

    private CoachingAggregation coachingOf(long total, Map<String, Aggregate> aggs) {
        OutcomeFigures team = figures(total, aggs);
        List<CoachingAggregation.AgentTopic> agents = new ArrayList<>();
        for (StringTermsBucket agent : aggs.get("agents").sterms().buckets().array()) {
            for (StringTermsBucket topic : agent.aggregations().get("topics").sterms().buckets().array()) {
                agents.add(new CoachingAggregation.AgentTopic(agent.key().stringValue(), topic.key().stringValue(),
                        figures(topic.docCount(), topic.aggregations())));
            }
        }
        List<CoachingAggregation.Moment> found = new ArrayList<>();
        for (Hit<JsonData> hit : aggs.get("fell").filter().aggregations().get("top").topHits().hits().hits()) {
            CaseOutcome o = hit.source().to(CaseOutcome.class);
            found.add(new CoachingAggregation.Moment(o.caseId(), o.fellAgent(),
                    CoachingAggregation.MomentKind.SENTIMENT_FELL_AFTER_REPLY, o.fellAt(), o.fellBefore(), o.fellAfter(),
                    o.fellExcerpt()));
        }
        for (Hit<JsonData> hit : aggs.get("rose").filter().aggregations().get("top").topHits().hits().hits()) {
            CaseOutcome o = hit.source().to(CaseOutcome.class);
            found.add(new CoachingAggregation.Moment(o.caseId(), o.agent(),
                    CoachingAggregation.MomentKind.RESOLVED_WITH_RISING_SENTIMENT, o.resolvedAt(), o.sentimentFirst(),
                    o.sentimentLast(), o.lastExcerpt()));
        }
        return new CoachingAggregation(team, agents, found);
    }

    /** A fall of the customer's sentiment by at least this much after a reply is a coaching moment. */
    static final double MOMENT_FALL = -0.3;
    /** A rise of the customer's sentiment by at least this much over a resolved case is a coaching moment. */
    static final double MOMENT_RISE = 0.5;

    SearchRequest coachingRequest(Instant from, Instant to, String queue, int moments) {
        List<Query> filters = new ArrayList<>(List.of(range("resolvedAt", from, to)));
        if (queue != null && !queue.isBlank()) {
            filters.add(term("queue", queue));
        }
        Map<String, Aggregation> figures = figureAggregations();
        return SearchRequest.of(s -> s.index(outcomes).size(0).trackTotalHits(t -> t.enabled(true))
                .query(q -> q.bool(b -> b.filter(filters)))
                .aggregations(figures)
                .aggregations("agents", a -> a.terms(t -> t.field("agent").size(200))
                        .aggregations("topics", x -> x.terms(t -> t.field("topic").size(20)).aggregations(figures)))
                .aggregations("fell", a -> a.filter(f -> f.range(r -> r.untyped(u -> u.field("fellDrop")
                                .lte(JsonData.of(MOMENT_FALL)))))
                        .aggregations("top", t -> t.topHits(h -> h.size(moments)
                                .sort(o -> o.field(x -> x.field("fellDrop").order(SortOrder.Asc)))
                                .sort(o -> o.field(x -> x.field("caseId").order(SortOrder.Asc))))))
                .aggregations("rose", a -> a.filter(f -> f.range(r -> r.untyped(u -> u.field("sentimentChange")
                                .gte(JsonData.of(MOMENT_RISE)))))
                        .aggregations("top", t -> t.topHits(h -> h.size(moments)
                                .sort(o -> o.field(x -> x.field("sentimentChange").order(SortOrder.Desc)))
                                .sort(o -> o.field(x -> x.field("caseId").order(SortOrder.Asc)))))));
    }

    private static Map<String, Aggregation> figureAggregations() {
        return Map.of(
                "median", Aggregation.of(a -> a.percentiles(p -> p.field("handleSeconds").percents(50.0).keyed(false))),
                "fcr", Aggregation.of(a -> a.avg(x -> x.field("firstContactResolution"))),
                "reopened", Aggregation.of(a -> a.avg(x -> x.field("reopened"))),
                "sentiment", Aggregation.of(a -> a.avg(x -> x.field("sentimentChange"))),
                "sla", Aggregation.of(a -> a.sum(x -> x.field("slaBreaches"))));
    }

    private static OutcomeFigures figures(long handled, Map<String, Aggregate> aggs) {
        Percentiles median = aggs.get("median").tdigestPercentiles().values();
        Double medianValue = handled > 0 && median.isArray() && !median.array().isEmpty()
                ? nullable(median.array().get(0).value()) : null;
        return new OutcomeFigures(handled, medianValue, nullable(aggs.get("fcr").avg().value()),
                nullable(aggs.get("reopened").avg().value()), nullable(aggs.get("sentiment").avg().value()),
                (long) aggs.get("sla").sum().value());
    }

    // ---------------------------------------------------------------------------------------------- writes

    /** Keeps a case's outcome (one document per case, replaced on every change). */
    /**
     * Writes a case's outcome through the outcomes' bulk writer, replacing the old one (keyed by case id); the future
     * completes when the node has it. For after-commit work ({@link HistoryWork}).
     */
    public java.util.concurrent.CompletableFuture<Void> writeOutcome(CaseOutcome outcome) throws IOException {
        outcomeCreation.ensure();
        return outcomeWriter.write(Long.toString(outcome.caseId()), outcome);
    }

    @jakarta.annotation.PreDestroy
    void stopWriting() {
        outcomeWriter.close();
    }

    public void putOutcome(CaseOutcome outcome) {
        try {
            outcomeCreation.ensure();
            client.index(i -> i.index(outcomes).id(Long.toString(outcome.caseId())).document(outcome));
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    /**
     * Forgets the customer's words an outcome quotes (the start of the reply their mood fell after, of their last
     * message) for erased cases; the figures stay, as the coaching figures count them. Answers how many outcomes it
     * changed.
     */
    public long forgetOutcomeTexts(java.util.Collection<Long> caseIds) {
        if (caseIds.isEmpty()) {
            return 0;
        }
        try {
            outcomeCreation.ensure();
            List<co.elastic.clients.elasticsearch._types.FieldValue> ids = caseIds.stream()
                    .map(co.elastic.clients.elasticsearch._types.FieldValue::of).toList();
            // Found, then each written again without the quotes, in bulk: the node's modules have no update-by-query, and
            // a partial update would drop the nulls that clear them.
            client.indices().refresh(r -> r.index(outcomes));
            @SuppressWarnings("rawtypes")
            SearchResponse<Map> found = client.search(q -> q.index(outcomes).size(10_000)
                    .query(t -> t.terms(terms -> terms.field("caseId").terms(v -> v.value(ids)))), Map.class);
            if (found.hits().hits().isEmpty()) {
                return 0;
            }
            BulkResponse bulk = client.bulk(b -> {
                found.hits().hits().forEach(h -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> source = new java.util.LinkedHashMap<String, Object>(h.source());
                    source.remove("fellExcerpt");
                    source.remove("lastExcerpt");
                    b.operations(o -> o.index(i -> i.index(outcomes).id(h.id()).document(source)));
                });
                return b.refresh(co.elastic.clients.elasticsearch._types.Refresh.True);
            });
            if (bulk.errors()) {
                throw unavailable(new IOException("The outcome index did not forget every quote of the erased cases"));
            }
            return found.hits().hits().size();
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    /** Writes many outcomes through the bulk API (a generated history, a rebuild); nothing is refreshed. */
    public void bulkOutcomes(List<CaseOutcome> many) throws IOException {
        if (many.isEmpty()) {
            return;
        }
        outcomeCreation.ensure();
        BulkResponse response = client.bulk(b -> {
            many.forEach(o -> b.operations(op -> op.index(i -> i.index(outcomes).id(Long.toString(o.caseId())).document(o))));
            return b;
        });
        if (response.errors()) {
            throw new IOException("The outcome index refused part of a bulk write");
        }
    }

    /** Writes many tagged interactions through the bulk API; nothing is refreshed. */
    public void bulkInteractions(List<TaggedInteraction> many) throws IOException {
        interactions.bulk(many);
    }

    /** Makes recent writes to both indices visible; for tools and tests, not for the hot path. */
    public void refresh() {
        try {
            outcomeCreation.ensure();
            interactions.refresh();
            client.indices().refresh(r -> r.index(outcomes));
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    /** The index names and request bodies of the queries above, for measuring them raw (benchmark). */
    String json(SearchRequest request) {
        return JsonpUtils.toJsonString(request, client._jsonpMapper());
    }

    /** A multi-search as Elasticsearch's NDJSON body: each search's header line, then its body line. */
    String ndjson(co.elastic.clients.elasticsearch.core.MsearchRequest request) {
        StringBuilder lines = new StringBuilder();
        for (var item : request.searches()) {
            lines.append(JsonpUtils.toJsonString(item.header(), client._jsonpMapper())).append('\n')
                    .append(JsonpUtils.toJsonString(item.body(), client._jsonpMapper())).append('\n');
        }
        return lines.toString();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private SearchResponse<Void> run(SearchRequest request) {
        try {
            if (request.index().contains(outcomes)) {
                outcomeCreation.ensure();
            }
            return client.search(request, Void.class);
        } catch (IOException e) {
            throw unavailable(e);
        } catch (ElasticsearchException e) {
            throw new HistoryUnavailableException("The history index refused an insight query: " + e.getMessage(), e);
        }
    }

    private static HistoryUnavailableException unavailable(IOException e) {
        return new HistoryUnavailableException("The history index cannot be reached: " + e.getMessage(), e);
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static Query term(String field, long value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static Query range(String field, Instant from, Instant to) {
        return Query.of(q -> q.range(r -> r.untyped(u -> {
            u.field(field);
            if (from != null) {
                u.gte(JsonData.of(from.toString()));
            }
            if (to != null) {
                u.lt(JsonData.of(to.toString()));
            }
            return u;
        })));
    }

    private static Instant instant(double epochMillis) {
        return Double.isNaN(epochMillis) || Double.isInfinite(epochMillis) ? null : Instant.ofEpochMilli((long) epochMillis);
    }

    private static Double nullable(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }

    private static String excerpt(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT - 1) + "…";
    }

    static FieldValue value(String s) {
        return FieldValue.of(s);
    }
}
