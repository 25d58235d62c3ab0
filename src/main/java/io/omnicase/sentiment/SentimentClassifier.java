package io.omnicase.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Multinomial logistic regression over a message's sentence embedding and its {@link SentimentFeatures}: three
 * classes (negative, neutral, positive). The weights are trained offline by {@code SentimentTraining} (test scope)
 * and committed as {@value #RESOURCE}; read once. Immutable and thread-safe.
 */
final class SentimentClassifier {

    static final String RESOURCE = "/sentiment/sentiment-classifier.tsv";
    static final SentimentLabel[] CLASSES = {SentimentLabel.NEGATIVE, SentimentLabel.NEUTRAL, SentimentLabel.POSITIVE};

    private final int embeddingDimensions;
    /** Per class: the bias, then one weight per embedding dimension, then one per feature. */
    private final double[][] weights;

    SentimentClassifier(int embeddingDimensions, double[][] weights) {
        if (weights.length != CLASSES.length) {
            throw new IllegalArgumentException("one weight row per class expected");
        }
        int width = 1 + embeddingDimensions + SentimentFeatures.NAMES.size();
        for (double[] row : weights) {
            if (row.length != width) {
                throw new IllegalArgumentException("each weight row needs " + width + " values, not " + row.length);
            }
        }
        this.embeddingDimensions = embeddingDimensions;
        this.weights = weights;
    }

    /** The probabilities of negative, neutral and positive, in the order of {@link #CLASSES}. */
    double[] probabilities(float[] embedding, double[] features) {
        if (embedding.length != embeddingDimensions) {
            throw new IllegalArgumentException("the model reads " + embeddingDimensions + " dimensions, not " + embedding.length);
        }
        double[] logits = new double[CLASSES.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CLASSES.length; c++) {
            double[] w = weights[c];
            double z = w[0];
            for (int i = 0; i < embeddingDimensions; i++) {
                z += w[1 + i] * embedding[i];
            }
            for (int j = 0; j < features.length; j++) {
                z += w[1 + embeddingDimensions + j] * features[j];
            }
            logits[c] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int c = 0; c < logits.length; c++) {
            logits[c] = Math.exp(logits[c] - max);
            sum += logits[c];
        }
        for (int c = 0; c < logits.length; c++) {
            logits[c] /= sum;
        }
        return logits;
    }

    /** Reads the committed weights. */
    static SentimentClassifier fromResource() {
        InputStream in = SentimentClassifier.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("missing sentiment model " + RESOURCE);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int dimensions = -1;
            List<double[]> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                switch (parts[0]) {
                    case "embedding" -> dimensions = Integer.parseInt(parts[1]);
                    case "features" -> {
                        List<String> names = List.of(parts).subList(1, parts.length);
                        if (!names.equals(SentimentFeatures.NAMES)) {
                            throw new IllegalStateException("the sentiment model was trained on features " + names
                                    + ", the code computes " + SentimentFeatures.NAMES);
                        }
                    }
                    default -> {
                        if (!parts[0].equals(CLASSES[rows.size()].name())) {
                            throw new IllegalStateException("weights of " + CLASSES[rows.size()] + " expected, not " + parts[0]);
                        }
                        double[] row = new double[parts.length - 1];
                        for (int i = 1; i < parts.length; i++) {
                            row[i - 1] = Double.parseDouble(parts[i]);
                        }
                        rows.add(row);
                    }
                }
            }
            return new SentimentClassifier(dimensions, rows.toArray(double[][]::new));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Writes the weights in the format {@link #fromResource} reads. */
    void write(PrintWriter out, String comment) {
        for (String line : comment.split("\n")) {
            out.println("# " + line);
        }
        out.println("embedding\t" + embeddingDimensions);
        out.println("features\t" + String.join("\t", SentimentFeatures.NAMES));
        for (int c = 0; c < CLASSES.length; c++) {
            StringBuilder line = new StringBuilder(CLASSES[c].name());
            for (double w : weights[c]) {
                line.append('\t').append(String.format(Locale.ROOT, "%.5g", w));
            }
            out.println(line);
        }
    }
}
