package io.omnicase.sentiment;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Measures the analyzer against a plain word-count baseline over the same lexicon: on the development set
 * (sentiment-dev, where choices were made) and on the report set (VADER's human-rated ground truth, never tuned to).
 * Accuracy is polarity accuracy; a score of exactly 0 counts as wrong for both methods.
 */
class SentimentEvaluationTest {

    private static final SentimentAnalyzer VADER = SentimentAnalyzer.withVaderLexicon();
    private static final Map<String, Double> LEXICON = SentimentAnalyzer.readLexicon("/sentiment/vader_lexicon.txt");
    private static Path data;

    /** One text and its gold polarity rating (> 0 positive, < 0 negative). */
    record Example(String text, double rating) {
    }

    @BeforeAll
    static void locateData() {
        String root = System.getProperty("omnicase.shared.data", "../shared/data");
        data = Path.of(root);
        assumeTrue(Files.isDirectory(data.resolve("sentiment-dev")) && Files.isDirectory(data.resolve("vader-ground-truth")),
                "shared data sets not found under " + data.toAbsolutePath() + "; evaluation skipped");
    }

    /** Counts positive minus negative lexicon words: no negation, no boosters, no punctuation. */
    static double wordCount(String text) {
        double count = 0;
        for (String token : text.toLowerCase(Locale.ROOT).split("[^a-z']+")) {
            double valence = LEXICON.getOrDefault(token, 0.0);
            count += Math.signum(valence);
        }
        return count;
    }

    @Test
    void beatsTheWordCountBaselineOnTheDevelopmentSet() throws IOException {
        List<Example> all = new ArrayList<>();
        for (String file : List.of("amazon_cells_labelled.txt", "imdb_labelled.txt", "yelp_labelled.txt")) {
            List<Example> examples = Files.readAllLines(data.resolve("sentiment-dev").resolve(file), StandardCharsets.UTF_8)
                    .stream().filter(l -> l.contains("\t"))
                    .map(l -> new Example(l.substring(0, l.lastIndexOf('\t')).strip(),
                            l.endsWith("1") ? 1 : -1)).toList();
            report("dev " + file, examples);
            all.addAll(examples);
        }
        Figures vader = report("dev all", all);
        assertThat(vader.accuracy()).isGreaterThan(vader.baselineAccuracy());
    }

    @Test
    void beatsTheWordCountBaselineOnTheHumanRatedReportSet() throws IOException {
        List<Example> all = new ArrayList<>();
        for (String file : List.of("tweets_GroundTruth.txt", "amazonReviewSnippets_GroundTruth.txt",
                "movieReviewSnippets_GroundTruth.txt", "nytEditorialSnippets_GroundTruth.txt")) {
            List<Example> examples = Files.readAllLines(data.resolve("vader-ground-truth").resolve(file), StandardCharsets.UTF_8)
                    .stream().map(l -> l.split("\t", 3)).filter(p -> p.length == 3)
                    .map(p -> new Example(p[2].strip(), Double.parseDouble(p[1]))).toList();
            report("report " + file, examples);
            all.addAll(examples);
        }
        Figures vader = report("report all", all);
        assertThat(vader.accuracy()).isGreaterThan(vader.baselineAccuracy());
        assertThat(vader.correlation()).isGreaterThan(vader.baselineCorrelation());
    }

    record Figures(double accuracy, double correlation, double baselineAccuracy, double baselineCorrelation) {
    }

    private static Figures report(String name, List<Example> examples) {
        Figures figures = new Figures(accuracy(examples, e -> VADER.analyze(e.text()).score()),
                correlation(examples, e -> VADER.analyze(e.text()).score()),
                accuracy(examples, e -> wordCount(e.text())), correlation(examples, e -> wordCount(e.text())));
        System.out.printf(Locale.ROOT, "sentiment %-45s n=%5d  accuracy %.3f (word count %.3f)  pearson r %.3f (word count %.3f)%n",
                name, examples.size(), figures.accuracy(), figures.baselineAccuracy(), figures.correlation(),
                figures.baselineCorrelation());
        return figures;
    }

    private static double accuracy(List<Example> examples, ToDoubleFunction<Example> score) {
        long rated = examples.stream().filter(e -> e.rating() != 0).count();
        long right = examples.stream().filter(e -> e.rating() != 0)
                .filter(e -> Math.signum(score.applyAsDouble(e)) == Math.signum(e.rating())).count();
        return (double) right / rated;
    }

    private static double correlation(List<Example> examples, ToDoubleFunction<Example> score) {
        int n = examples.size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = score.applyAsDouble(examples.get(i));
            y[i] = examples.get(i).rating();
        }
        double mx = java.util.Arrays.stream(x).average().orElse(0);
        double my = java.util.Arrays.stream(y).average().orElse(0);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
