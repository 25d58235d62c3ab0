package io.omnicase.bench;

import io.omnicase.sentiment.SentimentAnalyzer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Latency of one sentiment analysis for messages of 1 to 300 words built from real review sentences
 * (sentiment-dev), after warm-up. Run with bench/run.sh SentimentBenchmark (pinned to one core).
 */
public final class SentimentBenchmark {

    public static void main(String[] args) throws Exception {
        Path dev = Path.of(System.getProperty("omnicase.shared.data", "../shared/data"), "sentiment-dev");
        List<String> words = new ArrayList<>();
        for (String file : List.of("amazon_cells_labelled.txt", "imdb_labelled.txt", "yelp_labelled.txt")) {
            for (String line : Files.readAllLines(dev.resolve(file), StandardCharsets.UTF_8)) {
                words.addAll(List.of(line.substring(0, Math.max(0, line.lastIndexOf('\t'))).strip().split("\\s+")));
            }
        }
        Random random = new Random(42);
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int length = 1 + random.nextInt(300);
            int start = random.nextInt(words.size() - length);
            messages.add(String.join(" ", words.subList(start, start + length)));
        }
        List<String> longest = messages.stream().map(m -> String.join(" ", words.subList(0, 300))).limit(1).toList();
        SentimentAnalyzer analyzer = SentimentAnalyzer.withVaderLexicon();
        double sink = 0;
        for (int round = 0; round < 20; round++) {
            for (String message : messages) {
                sink += analyzer.analyze(message).score();
            }
        }
        Percentiles mixed = new Percentiles(100_000);
        Percentiles full = new Percentiles(20_000);
        for (int round = 0; round < 50; round++) {
            for (String message : messages) {
                long start = System.nanoTime();
                sink += analyzer.analyze(message).score();
                mixed.add(System.nanoTime() - start);
            }
        }
        for (int i = 0; i < 20_000; i++) {
            long start = System.nanoTime();
            sink += analyzer.analyze(longest.get(0)).score();
            full.add(System.nanoTime() - start);
        }
        System.out.println("Sentiment analysis, one core (" + Runtime.getRuntime().availableProcessors() + " cpu visible)");
        System.out.println(mixed.summary("messages of 1..300 words"));
        System.out.println(full.summary("messages of exactly 300 words"));
        System.out.println("(checksum " + Math.round(sink) + ")");
    }
}
