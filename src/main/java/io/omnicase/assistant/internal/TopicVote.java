package io.omnicase.assistant.internal;

import io.omnicase.search.KnowledgeMatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns retrieved matches into a topic and a calibrated confidence. Each topic is scored by how close in meaning its
 * nearest source is to the question (cosine similarity of the sentence embeddings, comparable between questions,
 * unlike BM25 scores); the best topic wins. The confidence is a logistic calibration of two signals, fitted on the
 * Banking77 tuning set (known topics and topics held out as unknown, with 10 and with all examples per topic): the
 * best topic's score (how close the question is to anything known) and its margin over the second topic (how sure
 * the choice between known topics is). It estimates the probability that the answer is right: of answers given with
 * confidence 0.8, about four in five were right on the tuning set, which is what the desk's words (high from 0.75,
 * medium from 0.5) promise.
 */
public final class TopicVote {

    /**
     * Logistic calibration {@code z = BIAS + W_BEST * best + W_MARGIN * margin}, fitted (Newton, log-loss) on Banking77
     * by {@code bench/assistant-calibration/run}: 3 seeds x (10 examples per topic, all examples), a quarter of the
     * topics held out as unknown; 18,480 questions.
     */
    static final double BIAS = -8.989;
    static final double W_BEST = 11.696;
    static final double W_MARGIN = 2.930;

    private TopicVote() {
    }

    /**
     * The outcome: the winning topic, its confidence, the signals it was computed from, and the winning topic's
     * matches, nearest first.
     */
    public record Verdict(String topic, double confidence, double best, double margin, List<KnowledgeMatch> support) {
        static final Verdict NOTHING = new Verdict(null, 0, 0, 0, List.of());
    }

    public static Verdict decide(List<KnowledgeMatch> matches) {
        if (matches.isEmpty()) {
            return Verdict.NOTHING;
        }
        Map<String, List<KnowledgeMatch>> byTopic = new LinkedHashMap<>();
        for (KnowledgeMatch match : matches) {
            byTopic.computeIfAbsent(match.entry().topic(), t -> new ArrayList<>()).add(match);
        }
        String topic = null;
        double best = Double.NEGATIVE_INFINITY;
        double second = 0;
        for (Map.Entry<String, List<KnowledgeMatch>> entry : byTopic.entrySet()) {
            entry.getValue().sort(Comparator.comparingDouble(KnowledgeMatch::similarity).reversed());
            double score = score(entry.getValue());
            if (score > best) {
                second = topic == null ? 0 : best;
                best = score;
                topic = entry.getKey();
            } else if (score > second) {
                second = score;
            }
        }
        double margin = best - Math.max(0, second);
        return new Verdict(topic, calibrated(best, margin), best, margin, byTopic.get(topic));
    }

    /**
     * A topic's score: the similarity of its nearest source. (The mean of the two nearest did no better on Banking77,
     * and would punish a topic that has one article.)
     */
    static double score(List<KnowledgeMatch> nearestFirst) {
        return nearestFirst.get(0).similarity();
    }

    static double calibrated(double best, double margin) {
        return 1 / (1 + Math.exp(-(BIAS + W_BEST * best + W_MARGIN * margin)));
    }
}
