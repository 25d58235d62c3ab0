package io.omnicase.bench;

import io.omnicase.embeddings.TextEmbeddings;
import io.omnicase.sentiment.CustomerSentiment;
import io.omnicase.sentiment.SentimentAnalyzer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Latency of one sentiment analysis: the lexicon alone (VADER) for messages of 1 to 300 words built from real review
 * sentences (sentiment-dev), and the customer-service reading (language, lexicon, embedding, classifier) per message,
 * each message new to the embedding cache, after warm-up; messages per second per core. Run with
 * bench/run.sh SentimentBenchmark (pinned to one core).
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
        sink += customerService(dev);
        System.out.println("(checksum " + Math.round(sink) + ")");
    }

    /** The full reading of each customer-service message and review sentence once, embedding included. */
    private static double customerService(Path dev) throws Exception {
        List<String> texts = new ArrayList<>();
        for (String file : List.of("train.tsv", "train-2.tsv", "test.tsv", "test-2.tsv")) {
            try (var in = SentimentBenchmark.class.getResourceAsStream("/sentiment/customer-service/" + file)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        texts.add(line.split("\t", 4)[3]);
                    }
                }
            }
        }
        for (String file : List.of("amazon_cells_labelled.txt", "imdb_labelled.txt", "yelp_labelled.txt")) {
            for (String line : Files.readAllLines(dev.resolve(file), StandardCharsets.UTF_8)) {
                texts.add(line.substring(0, Math.max(0, line.lastIndexOf('\t'))).strip());
            }
        }
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        TextEmbeddings embeddings = new TextEmbeddings();
        CustomerSentiment sentiment = new CustomerSentiment(SentimentAnalyzer.withVaderLexicon(), embeddings::embed);
        double sink = 0;
        for (int i = 0; i < 500; i++) {
            sink += sentiment.analyze("warm-up " + i + " where is my parcel, it is late again").score();
            sink += sentiment.analyze("Aufwärmen " + i + ": wo ist mein Paket, es ist wieder zu spät").score();
        }
        System.gc();
        long loaded = runtime.totalMemory() - runtime.freeMemory();
        Percentiles full = new Percentiles(texts.size());
        Percentiles embedding = new Percentiles(texts.size());
        long total = 0;
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i) + " #" + i; // new to the embedding cache
            long start = System.nanoTime();
            sink += sentiment.analyze(text).score();
            long took = System.nanoTime() - start;
            full.add(took);
            total += took;
        }
        TextEmbeddings fresh = new TextEmbeddings();
        fresh.embed("warm-up");
        for (int i = 0; i < texts.size(); i++) {
            long start = System.nanoTime();
            sink += fresh.embed(texts.get(i) + " ~" + i)[0];
            embedding.add(System.nanoTime() - start);
        }
        io.omnicase.sentiment.LanguageGuess languages = new io.omnicase.sentiment.LanguageGuess();
        Percentiles language = new Percentiles(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            long start = System.nanoTime();
            sink += languages.of(texts.get(i)).length();
            language.add(System.nanoTime() - start);
        }
        System.out.println(full.summary("customer-service reading, per message"));
        System.out.println(language.summary("  of which the language detection"));
        System.out.println(embedding.summary("  of which the embedding alone"));
        System.out.printf(java.util.Locale.ROOT, "customer-service reading: %.0f messages per second per core; "
                        + "heap for the models about %d MB%n", texts.size() / (total / 1e9),
                (loaded - before) / 1_000_000);
        return sink;
    }
}
