package io.omnicase.sentiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The labelled sets sentiment is trained and measured on: Omnicase's customer-service set and sentiment-dev. */
final class LabelledMessages {

    /**
     * One labelled message; category is one of the README's (sarcasm, implicit, calm, churn, shouting, request, agent,
     * ...); source is the file it came from.
     */
    record Message(SentimentLabel label, String channel, String category, String text, String source) {

        Message(SentimentLabel label, String channel, String category, String text) {
            this(label, channel, category, text, "");
        }
    }

    /**
     * The files of each split of the customer-service set. "train": the first batch, then the second (issue 14
     * follow-up), then the fourth (issue 44: polite follow-ups, thanks for a fixed problem, requests for a person), then the fifth
     * (session 50, written after test-5 was measured: sarcasm in SMS and voice, churn without the usual words, threats to
     * take it further, long calm complaints, praise with a small gripe, questions and status updates that look negative). "validation": the third training batch, written unlike the first two; the trainer chooses its
     * regularisation by it and does not train on it (trained on, it lowered the held-out test-2 figures; README).
     * "test": the first two test batches; "test-3": the third, written unlike the others, reported on its own;
     * "test-4": the fourth (issue 44: polite follow-ups, thanks for a fixed problem, requests for a person, and unhappy
     * messages that look like them), reported on its own; "test-5": the fifth (session 50: voices and shapes unlike
     * batches 1-4, long calm complaints, praise with a small gripe, questions and status updates that look negative,
     * eight other languages), reported on its own.
     */
    static final java.util.Map<String, List<String>> FILES = java.util.Map.of(
            "train", List.of("train.tsv", "train-2.tsv", "train-4.tsv", "train-5.tsv"), "validation", List.of("train-3.tsv"),
            "test", List.of("test.tsv", "test-2.tsv"), "test-3", List.of("test-3.tsv"),
            "test-4", List.of("test-4.tsv"), "test-5", List.of("test-5.tsv"));

    private LabelledMessages() {
    }

    /** The customer-service set's "train" or "test" split (all its batches), from src/test/resources/sentiment/customer-service. */
    static List<Message> customerService(String split) {
        List<Message> messages = new ArrayList<>();
        for (String file : FILES.get(split)) {
            messages.addAll(customerServiceFile(file));
        }
        return messages;
    }

    /** One file of the customer-service set, such as "test-2.tsv". */
    static List<Message> customerServiceFile(String file) {
        String resource = "/sentiment/customer-service/" + file;
        try (InputStream in = LabelledMessages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            List<Message> messages = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.split("\t", 4);
                messages.add(new Message(SentimentLabel.valueOf(p[0].toUpperCase(java.util.Locale.ROOT)), p[1], p[2], p[3], file));
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the shared data sets are: -Domnicase.shared.data or ../shared/data. */
    static Path sharedData() {
        return Path.of(System.getProperty("omnicase.shared.data", "../shared/data"));
    }

    /** sentiment-dev (binary, for development and tuning): 3,000 review sentences, positive or negative. */
    static List<Message> sentimentDev() {
        List<Message> messages = new ArrayList<>();
        for (String file : List.of("amazon_cells_labelled.txt", "imdb_labelled.txt", "yelp_labelled.txt")) {
            try {
                for (String line : Files.readAllLines(sharedData().resolve("sentiment-dev").resolve(file), StandardCharsets.UTF_8)) {
                    int tab = line.lastIndexOf('\t');
                    if (tab < 0) {
                        continue;
                    }
                    messages.add(new Message(line.substring(tab + 1).strip().equals("1") ? SentimentLabel.POSITIVE
                            : SentimentLabel.NEGATIVE, "review", file.substring(0, file.indexOf('_')),
                            line.substring(0, tab).strip()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return messages;
    }
}
