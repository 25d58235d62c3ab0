package io.omnicase.assistant.internal;

import io.omnicase.search.KnowledgeMatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns retrieved matches into a topic and a calibrated confidence. Each topic among the matches is scored by how
 * close in meaning the question is to its nearest source (cosine similarity of the sentence embeddings, comparable
 * between questions, unlike BM25 scores) plus how close it is to the topic's centroid ({@link TopicModel}); the best
 * topic wins. The confidence is a logistic model of six signals, fitted on the Banking77 tuning set (known topics and a
 * quarter of the topics held out as unknown, so it learns what an unknown question looks like; with 10 and with all
 * examples per topic):
 * <ul>
 *   <li>the nearest source's similarity and the centroid's similarity: how close the question is to the topic;</li>
 *   <li>their margins over the second topic: how sure the choice between known topics is;</li>
 *   <li>the same two measured against the topic itself: how many spreads above or below the topic's own sources'
 *   similarity to each other (left one out) the question lies. A topic of many phrasings accepts a question its
 *   near-duplicate neighbour would not.</li>
 * </ul>
 * It estimates the probability that the answer is right.
 */
public final class TopicVote {

    /**
     * Logistic model {@code z = BIAS + W . (nearest, nearest margin, centroid, centroid margin, nearest z, centroid z)},
     * fitted (Newton, log-loss) on Banking77 by {@code bench/assistant-calibration/run}: 3 seeds x (10 examples per
     * topic, all examples), a quarter of the topics held out as unknown; 18,480 questions.
     */
    static final double BIAS = -1.7979;
    static final double[] W = {3.4157, 1.7309, -0.1682, 1.3664, 1.0738, 0.1383};
    /** Floor of a topic's spread, so a topic whose few sources happen to agree does not turn tiny gaps into many spreads. */
    static final double SPREAD_FLOOR = 0.05;

    private TopicVote() {
    }

    /**
     * The outcome: the winning topic, its confidence, the signals it was computed from (similarity of the nearest
     * source, its margin over the second topic) and the winning topic's matches, nearest first.
     */
    public record Verdict(String topic, double confidence, double best, double margin, List<KnowledgeMatch> support) {
        static final Verdict NOTHING = new Verdict(null, 0, 0, 0, List.of());
    }

    private record Candidate(String topic, List<KnowledgeMatch> matches, double nearest, double centroid) {
        double score() {
            return nearest + centroid;
        }
    }

    /**
     * Decides among the topics of the matches.
     *
     * @param question the question's unit-length meaning vector (all zeros if it has none)
     * @param model    the topics' statistics
     */
    public static Verdict decide(List<KnowledgeMatch> matches, float[] question, TopicModel.Snapshot model) {
        if (matches.isEmpty()) {
            return Verdict.NOTHING;
        }
        Map<String, List<KnowledgeMatch>> byTopic = new LinkedHashMap<>();
        for (KnowledgeMatch match : matches) {
            byTopic.computeIfAbsent(match.entry().topic(), t -> new ArrayList<>()).add(match);
        }
        boolean meaning = question != null && TopicModel.dot(question, question) > 0;
        List<Candidate> candidates = new ArrayList<>();
        byTopic.forEach((topic, list) -> {
            list.sort(Comparator.comparingDouble(KnowledgeMatch::similarity).reversed());
            double nearest = list.get(0).similarity();
            float[] centroid = model.of(topic).centroid();
            double toCentroid = meaning && centroid != null ? TopicModel.dot(question, centroid) : nearest;
            candidates.add(new Candidate(topic, list, nearest, toCentroid));
        });
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
        Candidate first = candidates.get(0);
        Candidate second = candidates.size() > 1 ? candidates.get(1) : null;
        double margin = first.nearest() - (second == null ? 0 : second.nearest());
        double centroidMargin = first.centroid() - (second == null ? 0 : second.centroid());
        TopicModel.Stats stats = model.of(first.topic());
        return new Verdict(first.topic(), calibrated(first.nearest(), margin, first.centroid(), centroidMargin, stats),
                first.nearest(), margin, first.matches());
    }

    static double calibrated(double nearest, double margin, double centroid, double centroidMargin, TopicModel.Stats topic) {
        double nearestZ = (nearest - topic.nearestMean()) / floored(topic.nearestSd());
        double centroidZ = (centroid - topic.centroidMean()) / floored(topic.centroidSd());
        double[] x = {nearest, margin, centroid, centroidMargin, nearestZ, centroidZ};
        double z = BIAS;
        for (int i = 0; i < x.length; i++) {
            z += W[i] * x[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    private static double floored(double sd) {
        return Math.sqrt(sd * sd + SPREAD_FLOOR * SPREAD_FLOOR);
    }
}
