package io.omnicase.sentiment;

import io.omnicase.embeddings.TextEmbeddings;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Trains the sentiment classifier ({@link SentimentClassifier}) and writes its weights; reproducible (fixed seed, full
 * batch). Data: the customer-service set's train split and sentiment-dev; never its test splits, never the report set.
 * The regularisation and the weight of sentiment-dev are chosen by macro-F1 on the validation split (train-3.tsv, a
 * batch written unlike the training files), or by 5-fold cross-validation on the train split when none is given.
 * Run: {@code bench/train-sentiment} (writes src/main/resources/sentiment/sentiment-classifier.tsv).
 */
public final class SentimentTraining {

    static final double[] L2 = {1e-5, 1e-4, 1e-3, 1e-2};
    /** The total weight of sentiment-dev relative to the customer-service examples. */
    static final double[] DEV_SHARE = {0.1, 0.25, 0.5, 1.0};
    static final int EPOCHS = 300;
    static final int FOLDS = 5;

    record Example(double[] x, int y, double weight) {
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "src/main/resources/sentiment/sentiment-classifier.tsv");
        TextEmbeddings embeddings = new TextEmbeddings();
        CustomerSentiment reader = new CustomerSentiment(SentimentAnalyzer.withVaderLexicon(), embeddings::embed, null);
        // For ablations (README figures): -Dsentiment.train.files=train.tsv,train-2.tsv trains on those files only;
        // -Dsentiment.train.without=calmReport,expectationCues leaves those signals out (always 0: their weights stay 0).
        String files = System.getProperty("sentiment.train.files");
        List<LabelledMessages.Message> train = new ArrayList<>();
        if (files == null) {
            train.addAll(LabelledMessages.customerService("train"));
        } else {
            for (String file : files.split(",")) {
                train.addAll(LabelledMessages.customerServiceFile(file.strip()));
            }
        }
        List<String> without = List.of(System.getProperty("sentiment.train.without", "").split(","));
        for (String name : without) {
            if (!name.isBlank() && !SentimentFeatures.NAMES.contains(name.strip())) {
                throw new IllegalArgumentException("no signal " + name + " in " + SentimentFeatures.NAMES);
            }
        }
        List<Example> service = examples(reader, embeddings, train, without);
        List<Example> dev = examples(reader, embeddings, LabelledMessages.sentimentDev(), without);
        System.out.printf(Locale.ROOT, "customer-service train %d, sentiment-dev %d%n", service.size(), dev.size());

        // The regularisation and the weight of sentiment-dev are chosen by 5-fold cross-validation on the training files:
        // no held-out message takes part in the choice. -Dsentiment.validate.files=a.tsv,b.tsv chooses by macro-F1 on
        // those files instead (e.g. train-3.tsv, written apart from and unlike the training files; not trained on).
        String validateFiles = System.getProperty("sentiment.validate.files", "");
        List<LabelledMessages.Message> validation = new ArrayList<>();
        for (String file : validateFiles.split(",")) {
            if (!file.isBlank()) {
                validation.addAll(LabelledMessages.customerServiceFile(file.strip()));
            }
        }
        List<Example> held = examples(reader, embeddings, validation, without);
        String selection = held.isEmpty() ? "5-fold cross-validated macro-F1 on customer-service train"
                : "macro-F1 on " + validateFiles + " (" + held.size() + ", not trained on)";
        double bestF1 = -1;
        double bestL2 = 0;
        double bestShare = 0;
        for (double l2 : L2) {
            for (double share : DEV_SHARE) {
                double f1 = held.isEmpty() ? crossValidate(service, dev, l2, share) : validate(service, dev, held, l2, share);
                System.out.printf(Locale.ROOT, "l2 %.0e  dev share %.2f  %s %.3f%n", l2, share, selection, f1);
                if (f1 > bestF1) {
                    bestF1 = f1;
                    bestL2 = l2;
                    bestShare = share;
                }
            }
        }
        double[][] weights = train(weighted(service, dev, bestShare), bestL2);
        SentimentClassifier classifier = new SentimentClassifier(TextEmbeddings.DIMENSIONS, weights);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
            classifier.write(out, String.format(Locale.ROOT, """
                    Sentiment classifier: multinomial logistic regression, written by SentimentTraining (test scope).
                    Classes negative, neutral, positive; inputs: all-MiniLM-L6-v2 embedding (384) and SentimentFeatures.
                    Trained on customer-service train (%d) and sentiment-dev (%d, total weight %.2f of the former);
                    L2 %.0e, %d epochs full batch; chosen by %s: %.3f.
                    Per row: class, bias, embedding weights, feature weights.""",
                    service.size(), dev.size(), bestShare, bestL2, EPOCHS, selection, bestF1));
        }
        System.out.printf(Locale.ROOT, "chose l2 %.0e, dev share %.2f (%s %.3f); wrote %s%n", bestL2, bestShare, selection,
                bestF1, output.toAbsolutePath());
    }

    private static List<Example> examples(CustomerSentiment reader, TextEmbeddings embeddings,
                                          List<LabelledMessages.Message> messages, List<String> without) {
        List<Example> examples = new ArrayList<>();
        for (LabelledMessages.Message m : messages) {
            CustomerSentiment.Inputs in = reader.inputs(m.text());
            // the same text the model reads when it scores a message: without order numbers and references
            float[] e = embeddings.embed(CustomerSentiment.withoutIdentifiers(in.sample()));
            double[] x = new double[e.length + in.features().length];
            for (int i = 0; i < e.length; i++) {
                x[i] = e[i];
            }
            System.arraycopy(in.features(), 0, x, e.length, in.features().length);
            for (String name : without) {
                if (!name.isBlank()) {
                    x[e.length + SentimentFeatures.NAMES.indexOf(name.strip())] = 0;
                }
            }
            examples.add(new Example(x, m.label().ordinal(), 1));
        }
        return examples;
    }

    /**
     * The customer-service examples weighted so each class counts alike, and sentiment-dev weighted to the given share
     * of their total.
     */
    static List<Example> weighted(List<Example> service, List<Example> dev, double devShare) {
        int[] perClass = new int[3];
        service.forEach(e -> perClass[e.y()]++);
        List<Example> all = new ArrayList<>();
        for (Example e : service) {
            all.add(new Example(e.x(), e.y(), service.size() / (3.0 * perClass[e.y()])));
        }
        double devWeight = devShare * service.size() / dev.size();
        for (Example e : dev) {
            all.add(new Example(e.x(), e.y(), devWeight));
        }
        return all;
    }

    static double validate(List<Example> service, List<Example> dev, List<Example> held, double l2, double devShare) {
        double[][] w = train(weighted(service, dev, devShare), l2);
        int[][] confusion = new int[3][3];
        for (Example e : held) {
            confusion[e.y()][argmax(predict(w, e.x()))]++;
        }
        return macroF1(confusion);
    }

    static double crossValidate(List<Example> service, List<Example> dev, double l2, double devShare) {
        List<Example> shuffled = new ArrayList<>(service);
        java.util.Collections.shuffle(shuffled, new Random(7));
        int[][] confusion = new int[3][3];
        for (int fold = 0; fold < FOLDS; fold++) {
            List<Example> train = new ArrayList<>();
            List<Example> held = new ArrayList<>();
            for (int i = 0; i < shuffled.size(); i++) {
                (i % FOLDS == fold ? held : train).add(shuffled.get(i));
            }
            double[][] w = train(weighted(train, dev, devShare), l2);
            for (Example e : held) {
                confusion[e.y()][argmax(predict(w, e.x()))]++;
            }
        }
        return macroF1(confusion);
    }

    static double macroF1(int[][] confusion) {
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            int tp = confusion[c][c];
            int predicted = confusion[0][c] + confusion[1][c] + confusion[2][c];
            int actual = confusion[c][0] + confusion[c][1] + confusion[c][2];
            double precision = predicted == 0 ? 0 : (double) tp / predicted;
            double recall = actual == 0 ? 0 : (double) tp / actual;
            sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return sum / 3;
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    /** Softmax probabilities; weights per class: bias, then one per input. */
    static double[] predict(double[][] w, double[] x) {
        double[] z = new double[w.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < w.length; c++) {
            double s = w[c][0];
            for (int i = 0; i < x.length; i++) {
                s += w[c][i + 1] * x[i];
            }
            z[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < z.length; c++) {
            z[c] /= sum;
        }
        return z;
    }

    /** Weighted cross-entropy with L2 (not on the bias), minimised by Adam over full batches from zero weights. */
    static double[][] train(List<Example> examples, double l2) {
        int d = examples.get(0).x().length + 1;
        double[][] w = new double[3][d];
        double[][] m = new double[3][d];
        double[][] v = new double[3][d];
        double totalWeight = examples.stream().mapToDouble(Example::weight).sum();
        double rate = 0.05;
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            double[][] g = new double[3][d];
            for (Example e : examples) {
                double[] p = predict(w, e.x());
                for (int c = 0; c < 3; c++) {
                    double err = (p[c] - (c == e.y() ? 1 : 0)) * e.weight() / totalWeight;
                    g[c][0] += err;
                    for (int i = 0; i < e.x().length; i++) {
                        g[c][i + 1] += err * e.x()[i];
                    }
                }
            }
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < d; i++) {
                    double gi = g[c][i] + (i == 0 ? 0 : l2 * w[c][i]);
                    m[c][i] = 0.9 * m[c][i] + 0.1 * gi;
                    v[c][i] = 0.999 * v[c][i] + 0.001 * gi * gi;
                    double mh = m[c][i] / (1 - Math.pow(0.9, epoch));
                    double vh = v[c][i] / (1 - Math.pow(0.999, epoch));
                    w[c][i] -= rate * mh / (Math.sqrt(vh) + 1e-8);
                }
            }
        }
        return w;
    }
}
