package io.omnicase.assistant.internal;

import io.omnicase.search.KnowledgeIndex;
import io.omnicase.search.KnowledgeMatch;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns retrieved matches into a topic and a confidence. BM25 scores are not comparable between questions, so the
 * confidence combines two bounded signals: how much of the retrieved score mass agrees on one topic (share), and how
 * many of the question's content words the best source of that topic contains (coverage). A question outside what
 * the assistant knows finds scattered, partial matches and scores low on both.
 */
public final class TopicVote {

    private static final Set<String> STOPWORDS = new HashSet<>(KnowledgeIndex.STOPWORDS);

    private TopicVote() {
    }

    /** The outcome: the winning topic, its confidence and the winning topic's matches, best first. */
    public record Verdict(String topic, double confidence, double share, double coverage, List<KnowledgeMatch> support) {
        static final Verdict NOTHING = new Verdict(null, 0, 0, 0, List.of());
    }

    public static Verdict decide(String question, List<KnowledgeMatch> matches) {
        if (matches.isEmpty()) {
            return Verdict.NOTHING;
        }
        Map<String, Double> byTopic = new LinkedHashMap<>();
        double total = 0;
        for (int rank = 0; rank < matches.size(); rank++) {
            KnowledgeMatch match = matches.get(rank);
            // Lower ranks count less: the nearest neighbours matter most, the tail only breaks ties.
            double weight = match.score() / (1 + 0.25 * rank);
            byTopic.merge(match.entry().topic(), weight, Double::sum);
            total += weight;
        }
        String topic = byTopic.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        double share = total <= 0 ? 0 : byTopic.get(topic) / total;
        List<KnowledgeMatch> support = matches.stream().filter(m -> topic.equals(m.entry().topic())).toList();
        // The best of the top three: a paraphrase may sit just below a near-duplicate that shares fewer words.
        double coverage = support.stream().limit(3)
                .mapToDouble(m -> coverage(question, m.entry().title() + " " + m.entry().text())).max().orElse(0);
        return new Verdict(topic, share * coverage, share, coverage, support);
    }

    /** Share of the question's content words that the text contains. */
    static double coverage(String question, String text) {
        Set<String> wanted = words(question);
        if (wanted.isEmpty()) {
            return 0;
        }
        Set<String> present = words(text);
        long found = wanted.stream().filter(present::contains).count();
        return (double) found / wanted.size();
    }

    static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+"))
                .map(w -> w.replaceAll("^'+|'+$", ""))
                .filter(w -> w.length() > 1 && !STOPWORDS.contains(w))
                .map(TopicVote::stem)
                .collect(Collectors.toSet());
    }

    /** A light stem so that "cards"/"card" and "charged"/"charge" meet; good enough for coverage. */
    private static String stem(String word) {
        String stem = suffixless(word);
        return stem.length() > 4 && stem.endsWith("e") ? stem.substring(0, stem.length() - 1) : stem;
    }

    private static String suffixless(String word) {
        if (word.length() > 4 && word.endsWith("ing")) {
            return word.substring(0, word.length() - 3);
        }
        if (word.length() > 3 && word.endsWith("ed")) {
            return word.substring(0, word.length() - 2);
        }
        if (word.length() > 3 && word.endsWith("es")) {
            return word.substring(0, word.length() - 2);
        }
        if (word.length() > 2 && word.endsWith("s") && !word.endsWith("ss")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
