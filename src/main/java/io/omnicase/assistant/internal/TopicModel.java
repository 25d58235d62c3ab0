package io.omnicase.assistant.internal;

import io.omnicase.search.KnowledgeIndex;
import io.omnicase.search.TopicSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What each topic's own sources look like in meaning, so a question can be judged against its topic rather than
 * against one fixed similarity: the topic's centroid (the normalised sum of its sources' vectors), and how close its
 * sources are to the other phrasings of their own question, left one out: the mean and spread of each source's
 * similarity to its nearest other phrasing, and to the centroid of those ({@link TopicSource#phrasing()}: the examples
 * taught under the topic phrase one question, an article only its own, the examples of one resolved case theirs). A
 * topic of distinct articles has no such values and is judged by the mean over all topics. A question as close to a topic as its own sources are to each other
 * belongs to it, whether the topic's sources are near-duplicates or many phrasings. Topics with few sources are
 * shrunk toward the mean over all topics ({@link #PRIOR_WEIGHT} pseudo-sources).
 * <p>
 * Built from the knowledge index's vectors (all sources, whoever may see them: only statistics of a topic, no text,
 * reach the answer), cached per topic and rebuilt when that topic's sources change. Each audience's answers are read
 * in the statistics of the knowledge they can be answered from: customers' ({@link #current(boolean)} with
 * {@code reviewedOnly}) leave out the examples an agent taught and no supervisor reviewed
 * ({@link TopicSource#unreviewed()}), so one agent's unreviewed words move neither a topic's statistics nor the
 * all-topics mean that customers' self-service answers are read in (probe 46, L2); there, a topic of such examples
 * alone is one the model does not hold. Colleagues, who are answered from those examples too, get them counted.
 */
@Component
public class TopicModel {

    /** Pseudo-sources of the all-topics mean that a topic's own statistics are shrunk toward. */
    static final double PRIOR_WEIGHT = 3.0;
    /**
     * Pseudo-values of the tuning data's statistics (the defaults below) mixed into the all-topics statistics: a
     * knowledge of a few sources, often unrelated articles rather than phrasings of one question, says little about
     * how close two phrasings of a question are (the confidence reads similarities in units of these statistics).
     */
    static final double KNOWLEDGE_PRIOR_WEIGHT = 20.0;
    /** Largest number of a topic's sources whose left-one-out similarities are measured (against all the others). */
    static final int SAMPLE = 256;
    /**
     * The tuning data's all-topics mean and spread (Banking77's, 10 examples per topic, left one out, with the
     * assistant's embedding, bge-small-en-v1.5): mixed into the knowledge's own as {@link #KNOWLEDGE_PRIOR_WEIGHT}
     * pseudo-values, and all there is while no topic has two sources.
     */
    static final double DEFAULT_NN_MEAN = 0.90;
    static final double DEFAULT_NN_SD = 0.06;
    static final double DEFAULT_CENTROID_MEAN = 0.89;
    static final double DEFAULT_CENTROID_SD = 0.05;
    /**
     * A topic as the confidence sees it.
     *
     * @param centroid     unit length
     * @param nearestMean  mean similarity of a source to its nearest other source of the topic (shrunk)
     * @param nearestSd    its spread (shrunk)
     * @param centroidMean mean similarity of a source to the centroid of the topic's other sources (shrunk)
     * @param centroidSd   its spread (shrunk)
     * @param articlesOnly every source of the topic is an article (no taught phrasing, no resolved case): the
     *                     evaluation's candidate reads an answer from it by the article alone ({@code ArticleReading} in the test sources,
     *                     not shipped)
     */
    public record Stats(float[] centroid, double nearestMean, double nearestSd, double centroidMean, double centroidSd,
                        int size, boolean articlesOnly) {

        public Stats(float[] centroid, double nearestMean, double nearestSd, double centroidMean, double centroidSd,
                     int size) {
            this(centroid, nearestMean, nearestSd, centroidMean, centroidSd, size, false);
        }
    }

    /** The statistics of every topic at one moment. */
    public record Snapshot(Map<String, Stats> topics, Stats prior) {

        public static final Snapshot EMPTY = new Snapshot(Map.of(),
                new Stats(null, DEFAULT_NN_MEAN, DEFAULT_NN_SD, DEFAULT_CENTROID_MEAN, DEFAULT_CENTROID_SD, 0));

        /** The topic's statistics; a topic the model does not hold yet is the all-topics mean, with no centroid. */
        public Stats of(String topic) {
            return topics.getOrDefault(topic, prior);
        }
    }

    /** A topic's unshrunk measurements. */
    record Raw(long version, float[] centroid, double[] nearest, double[] toCentroid, int size, boolean articlesOnly) {
    }

    private final Supplier<Map<String, Long>> versions;
    private final Function<String, List<TopicSource>> vectors;
    private final Cache everything = new Cache(false);
    private final Cache reviewed = new Cache(true);

    @Autowired
    TopicModel(KnowledgeIndex index) {
        this(index::topicVersions, index::topicSources);
    }

    TopicModel(Supplier<Map<String, Long>> versions, Function<String, List<TopicSource>> vectors) {
        this.versions = versions;
        this.vectors = vectors;
    }

    /** The statistics of all the knowledge as of now (colleagues' answers, evaluation). */
    public Snapshot current() {
        return current(false);
    }

    /**
     * The statistics as of now: the topics that changed since the last call are measured again.
     *
     * @param reviewedOnly for customers' answers: without the examples agents taught and nobody reviewed
     */
    public Snapshot current(boolean reviewedOnly) {
        Cache cache = reviewedOnly ? reviewed : everything;
        synchronized (cache) {
            return cache.current();
        }
    }

    /** One audience's measurements per topic, and the snapshot made of them. */
    private final class Cache {
        private final boolean reviewedOnly;
        private final Map<String, Raw> raw = new HashMap<>();
        private Map<String, Long> seen = Map.of();
        private Snapshot snapshot = Snapshot.EMPTY;

        Cache(boolean reviewedOnly) {
            this.reviewedOnly = reviewedOnly;
        }

        Snapshot current() {
            Map<String, Long> now = versions.get();
            if (now.equals(seen)) {
                return snapshot;
            }
            raw.keySet().retainAll(now.keySet());
            now.forEach((topic, version) -> {
                Raw known = raw.get(topic);
                if (known == null || known.version() != version) {
                    List<TopicSource> sources = vectors.apply(topic);
                    raw.put(topic, measure(version, reviewedOnly ? reviewed(sources) : sources));
                }
            });
            seen = now;
            snapshot = snapshot(raw.values().stream().toList(), raw);
            return snapshot;
        }
    }

    /**
     * A topic's centroid (of all its sources), and the left-one-out similarities of each source to the other phrasings
     * of its own question ({@link TopicSource#phrasing()}): the nearest of them, and their centroid. A source alone in
     * its group (an article) has none: two articles of one topic answer different questions, and how close they lie
     * says nothing about how close a paraphrase of either would be.
     */
    static Raw measure(long version, List<TopicSource> all) {
        List<TopicSource> members = once(all);
        int n = members.size();
        if (n == 0) {
            return new Raw(version, null, new double[0], new double[0], 0, false);
        }
        int dims = members.get(0).vector().length;
        double[] sum = new double[dims];
        Map<String, double[]> groupSums = new HashMap<>();
        Map<String, Integer> groupSizes = new HashMap<>();
        for (TopicSource member : members) {
            double[] groupSum = groupSums.computeIfAbsent(member.phrasing(), g -> new double[dims]);
            groupSizes.merge(member.phrasing(), 1, Integer::sum);
            float[] v = member.vector();
            for (int i = 0; i < dims; i++) {
                sum[i] += v[i];
                groupSum[i] += v[i];
            }
        }
        double norm = Math.sqrt(dot(sum, sum));
        float[] centroid = new float[dims];
        for (int i = 0; i < dims; i++) {
            centroid[i] = norm == 0 ? 0 : (float) (sum[i] / norm);
        }
        List<Integer> phrased = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (groupSizes.get(members.get(i).phrasing()) > 1) {
                phrased.add(i);
            }
        }
        int sampled = Math.min(phrased.size(), SAMPLE);
        double[] nearest = new double[sampled];
        double[] toCentroid = new double[sampled];
        for (int s = 0; s < sampled; s++) {
            int i = phrased.get((int) ((long) s * phrased.size() / sampled));
            TopicSource member = members.get(i);
            float[] v = member.vector();
            double best = -2;
            for (int j = 0; j < n; j++) {
                if (j != i && members.get(j).phrasing().equals(member.phrasing())) {
                    best = Math.max(best, dot(v, members.get(j).vector()));
                }
            }
            nearest[s] = best;
            // The centroid of the group's others is groupSum - v; v is unit length.
            double[] groupSum = groupSums.get(member.phrasing());
            double vs = dot(v, groupSum);
            double vv = dot(v, v);
            double others = Math.sqrt(Math.max(0, dot(groupSum, groupSum) - 2 * vs + vv));
            toCentroid[s] = others == 0 ? 0 : (vs - vv) / others;
        }
        boolean articlesOnly = members.stream().allMatch(member -> member.phrasing().startsWith("article:"));
        return new Raw(version, centroid, nearest, toCentroid, n, articlesOnly);
    }

    /** The sources that may shape customers' statistics: all but the examples an agent taught and nobody reviewed. */
    static List<TopicSource> reviewed(List<TopicSource> sources) {
        return sources.stream().noneMatch(TopicSource::unreviewed) ? sources
                : sources.stream().filter(source -> !source.unreviewed()).toList();
    }

    /**
     * The sources with each meaning counted once per phrasing group: the same words taught again (an example saved
     * twice, a question many cases asked) are one phrasing. Counted twice, a source's nearest sibling was itself, at
     * similarity 1, and the topic looked as if its phrasings lay on top of each other.
     */
    static List<TopicSource> once(List<TopicSource> sources) {
        record Key(String phrasing, float[] vector) {
            @Override
            public boolean equals(Object o) {
                return o instanceof Key k && k.phrasing.equals(phrasing) && java.util.Arrays.equals(k.vector, vector);
            }

            @Override
            public int hashCode() {
                return 31 * phrasing.hashCode() + java.util.Arrays.hashCode(vector);
            }
        }
        java.util.Set<Key> seen = new java.util.HashSet<>();
        List<TopicSource> kept = new java.util.ArrayList<>(sources.size());
        for (TopicSource source : sources) {
            if (seen.add(new Key(source.phrasing(), source.vector()))) {
                kept.add(source);
            }
        }
        return kept.size() == sources.size() ? sources : kept;
    }

    /** Shrinks each topic's measurements toward the mean over all topics' sources. */
    static Snapshot snapshot(List<Raw> all, Map<String, Raw> byTopic) {
        double[] nn = pooled(all.stream().map(Raw::nearest).toList(), DEFAULT_NN_MEAN, DEFAULT_NN_SD);
        double[] lc = pooled(all.stream().map(Raw::toCentroid).toList(), DEFAULT_CENTROID_MEAN, DEFAULT_CENTROID_SD);
        Map<String, Stats> topics = new HashMap<>();
        byTopic.forEach((topic, r) -> {
            if (r.size() == 0) {
                // Customers' statistics of a topic of unreviewed examples alone: one the model does not hold.
                return;
            }
            double[] a = shrunk(r.nearest(), nn[0], nn[1]);
            double[] b = shrunk(r.toCentroid(), lc[0], lc[1]);
            topics.put(topic, new Stats(r.centroid(), a[0], a[1], b[0], b[1], r.size(), r.articlesOnly()));
        });
        return new Snapshot(Map.copyOf(topics), new Stats(null, nn[0], nn[1], lc[0], lc[1], 0));
    }

    /**
     * Mean and spread of all values together with {@link #KNOWLEDGE_PRIOR_WEIGHT} pseudo-values of the default mean
     * and spread (as one mixture: the pseudo-values' spread around the mixed mean counts too).
     */
    static double[] pooled(List<double[]> groups, double defaultMean, double defaultSd) {
        double sum = 0;
        long count = 0;
        for (double[] g : groups) {
            for (double x : g) {
                sum += x;
                count++;
            }
        }
        double mean = (sum + KNOWLEDGE_PRIOR_WEIGHT * defaultMean) / (count + KNOWLEDGE_PRIOR_WEIGHT);
        double deviations = 0;
        for (double[] g : groups) {
            for (double x : g) {
                deviations += (x - mean) * (x - mean);
            }
        }
        double prior = defaultSd * defaultSd + (defaultMean - mean) * (defaultMean - mean);
        return new double[]{mean, Math.sqrt((deviations + KNOWLEDGE_PRIOR_WEIGHT * prior) / (count + KNOWLEDGE_PRIOR_WEIGHT))};
    }

    /** {@code (sum + w * priorMean) / (n + w)}, and the spread likewise: {@code (sum of squared deviations + w * priorSd²) / (n + w)}. */
    static double[] shrunk(double[] values, double priorMean, double priorSd) {
        int n = values.length;
        if (n == 0) {
            return new double[]{priorMean, priorSd};
        }
        double sum = 0;
        for (double x : values) {
            sum += x;
        }
        double own = sum / n;
        double deviations = 0;
        for (double x : values) {
            deviations += (x - own) * (x - own);
        }
        double mean = (sum + PRIOR_WEIGHT * priorMean) / (n + PRIOR_WEIGHT);
        double variance = (deviations + PRIOR_WEIGHT * priorSd * priorSd) / (n + PRIOR_WEIGHT);
        return new double[]{mean, Math.sqrt(variance)};
    }

    static double dot(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }

    static double dot(float[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }

    private static double dot(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }
}
