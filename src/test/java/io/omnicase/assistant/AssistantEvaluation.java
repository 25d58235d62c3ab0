package io.omnicase.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The evaluation command (not a test: run it with {@code mvn -B verify -Pevaluate} or {@code bench/evaluate-assistant}).
 * Teaches the running assistant (real MariaDB, real Elasticsearch: hybrid retrieval, calibrated confidence) the
 * training questions of the known topics of a labelled set, asks test questions of known topics (in scope) and of
 * unknown ones (out of scope), and prints in-scope accuracy (answered with the right topic, over all in-scope
 * questions) and out-of-scope decline rate along the operating curve.
 * <ul>
 *   <li>Banking77 is the tuning set: a quarter of the topics held out as unknown, with 10 and with all examples per
 *   known topic. It prints the sweep and the lowest threshold at which the mean out-of-scope decline rate reaches
 *   0.85 (siblings only; the configured threshold is chosen in {@code bench/assistant-calibration/run} over more
 *   splits, with out-of-domain tuning texts as half of the unknowns, so this split's rule gives a higher one).</li>
 *   <li>CLINC150 is the report set, never tuned on: (1) 10 examples for each of 50 known intents, (2) all training
 *   examples of 112 known intents; the other intents and CLINC's out-of-scope questions are out of scope.</li>
 * </ul>
 * The floors asserted sit below the measured figures (docs/assistant.md): a change that loses ground fails the run.
 * Data is read from {@code omnicase.shared.data}, never copied.
 */
@RunningOmnicase
class AssistantEvaluation {

    private static final long SEED = 20261125L;
    private static final double[] SWEEP = {0.30, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.90};
    /** The threshold rule, stated before any run: the lowest threshold that declines this share of unknown questions. */
    private static final double DECLINE_TARGET = 0.85;
    /** Questions per part, sampled with the seed, so one run stays within minutes on a busy 2-core machine. */
    private static final int IN_SCOPE_SAMPLE = 1_500;
    private static final int OUT_OF_SCOPE_SAMPLE = 1_500;

    @Autowired
    Assistant assistant;
    @Autowired
    io.omnicase.search.KnowledgeIndex index;
    @Autowired
    KnowledgeArticles knowledgeArticles;

    record Labelled(String text, String topic) {
    }

    @Test
    void banking77() throws IOException {
        Path dir = data().resolve("banking77");
        assumeTrue(Files.isDirectory(dir), "banking77 not found under " + dir + "; set -Domnicase.shared.data");
        List<Labelled> train = csv(dir.resolve("train.csv"));
        List<Labelled> test = csv(dir.resolve("test.csv"));
        List<String> topics = topics(train);
        Set<String> known = new LinkedHashSet<>(topics.subList(0, (int) Math.round(topics.size() * 0.75)));
        Result few = run("banking77, 10 examples per known topic", shots(train, known, 10), known, test, List.of());
        Result all = run("banking77, all examples of the known topics", shots(train, known, Integer.MAX_VALUE), known,
                test, List.of());

        System.out.println("\n[evaluation] banking77 (tuning set), mean of both protocols:");
        double chosen = Double.NaN;
        for (double t : sweep(assistant.minConfidence())) {
            double in = (few.inScopeAccuracy(t) + all.inScopeAccuracy(t)) / 2;
            double out = (few.declined(t) + all.declined(t)) / 2;
            System.out.printf(Locale.ROOT, "[evaluation]   threshold %.2f: in-scope accuracy %.3f, out-of-scope declined %.3f%n",
                    t, in, out);
            if (Double.isNaN(chosen) && out >= DECLINE_TARGET) {
                chosen = t;
            }
        }
        System.out.printf(Locale.ROOT, "[evaluation] banking77: lowest threshold declining %.2f: %.2f; configured %.2f%n",
                DECLINE_TARGET, chosen,
                assistant.minConfidence());
        few.printCurve("banking77, 10 examples", assistant.minConfidence());
        few.printCalibration("banking77, 10 examples");
        all.printCurve("banking77, all examples", assistant.minConfidence());
        all.printCalibration("banking77, all examples");

        // Floors below the figures measured on 2026-12-03 with the standardised confidence at 0.41 (docs/assistant.md:
        // 0.854 / 0.409 and 0.888 / 0.634; this split holds a quarter of the topics out, all of them siblings of known
        // ones, so it declines less than the calibration protocol's mix of siblings and out-of-domain texts).
        // The confidence separates right from wrong: answers above the desk's "high" are right far more often.
        few.assertAtLeast(assistant.minConfidence(), 0.82, 0.37, 0.82, 0.2);
        all.assertAtLeast(assistant.minConfidence(), 0.86, 0.60, 0.88, 0.1);
    }

    @Test
    void clinc150() throws IOException {
        Path file = data().resolve("clinc150/clinc150.json");
        assumeTrue(Files.isRegularFile(file), "clinc150 not found at " + file + "; set -Domnicase.shared.data");
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        List<Labelled> train = pairs(json.get("train"));
        List<Labelled> test = pairs(json.get("test"));
        List<Labelled> oos = pairs(json.get("oos_test"));
        List<String> intents = topics(train);

        Set<String> fifty = new LinkedHashSet<>(intents.subList(0, 50));
        Result few = run("clinc150 protocol 1: 10 examples for each of 50 known intents", shots(train, fifty, 10), fifty,
                test, oos);
        Set<String> most = new LinkedHashSet<>(intents.subList(0, 112));
        Result full = run("clinc150 protocol 2: all examples of 112 known intents", shots(train, most, Integer.MAX_VALUE),
                most, test, oos);
        few.printCurve("clinc150 protocol 1 (report set, not tuned)", assistant.minConfidence());
        few.printCalibration("clinc150 protocol 1");
        full.printCurve("clinc150 protocol 2 (report set, not tuned)", assistant.minConfidence());
        full.printCalibration("clinc150 protocol 2");

        // Floors below the figures measured on 2026-12-03 with the standardised confidence (docs/assistant.md; at 0.41:
        // 0.855 / 0.873 and 0.745 / 0.890). Protocol 1 meets the target (in-scope 0.85 with out-of-scope
        // declined 0.80); protocol 2 does not: see there.
        few.assertAtLeast(assistant.minConfidence(), 0.83, 0.85, 0.94, 0.3);
        full.assertAtLeast(assistant.minConfidence(), 0.72, 0.87, 0.92, 0.2);
    }

    /**
     * A knowledge of articles alone, through the running product: each half of the written articles-only set
     * ({@code src/test/resources/assistant/articles}; tuning data, its test half held out) is written to the knowledge
     * index as articles, without the demo's, and asked in the shared scope (what customers are answered from). Right is
     * the right article as the answer's first source. {@code ArticleKnowledgeEvaluation} measures the same without
     * Elasticsearch. The demo's articles are written back afterwards.
     */
    @Test
    void articles() throws Exception {
        String origin = "evaluation-articles";
        // The demo's articles are imported at start, or by a retry once the index answers (seen: a minute into this
        // run): wait until they are in, so that they are removed for good.
        int folder = new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                .getResources("classpath*:knowledge/*.md").length;
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(5)).until(() ->
                knowledgeArticles.all().stream().filter(a -> KnowledgeArticles.FOLDER.equals(a.origin())).count() >= folder
                        && index.retrieve("Reset your password", io.omnicase.search.KnowledgeScope.shared(), 30).stream()
                        .anyMatch(m -> KnowledgeArticles.FOLDER.equals(m.entry().origin())));
        index.removeOrigin(KnowledgeArticles.FOLDER);
        try {
            for (String half : List.of("tune", "test")) {
                index.removeOrigin(origin);
                io.omnicase.assistant.internal.ArticleSet.Half set = io.omnicase.assistant.internal.ArticleSet.half(half);
                index.putAll(set.articles().stream().map(a -> io.omnicase.assistant.internal.KnowledgeEntries.article(
                        new Article(a.slug(), a.title(), a.topic(), a.body(), origin, "evaluation", null))).toList());
                index.refresh();
                List<Outcome> outcomes = new ArrayList<>();
                int elsewhere = 0;
                for (var q : set.questions()) {
                    // In what a customer's conversation is answered from (shared, reviewed knowledge).
                    AssistantAnswer answer = assistant.ask(q.text(), io.omnicase.search.KnowledgeScope.shared().forCustomers());
                    if (!answer.sources().isEmpty() && !origin.equals(answer.sources().get(0).origin())) {
                        elsewhere++;
                    }
                    boolean right = q.slug() != null && !answer.sources().isEmpty()
                            && "ARTICLE".equals(answer.sources().get(0).kind()) && q.slug().equals(answer.sources().get(0).id());
                    outcomes.add(new Outcome(q.slug() != null, answer.topic() != null, right, answer.confidence()));
                }
                Result result = new Result(outcomes);
                System.out.printf(Locale.ROOT, "%n[evaluation] articles alone, %s half: %d articles, %d questions; right "
                        + "article first (no threshold) %.3f%n", half, set.articles().size(), outcomes.size(),
                        result.inScopeAccuracy(0));
                System.out.printf(Locale.ROOT, "[evaluation]   answers drawn from a source other than the set's articles: %d%n",
                        elsewhere);
                result.printCurve("articles alone, " + half + " half", assistant.minConfidence());
                result.printCalibration("articles alone, " + half + " half");
            }
        } finally {
            index.removeOrigin(origin);
            assistant.reindex();
        }
    }

    /** The topics in a seeded random order (the first ones are the known ones). */
    private static List<String> topics(List<Labelled> train) {
        List<String> topics = new ArrayList<>(new TreeSet<>(train.stream().map(Labelled::topic).toList()));
        topics.remove("oos");
        Collections.shuffle(topics, new Random(SEED));
        return topics;
    }

    /** Up to {@code n} training examples of each known topic, sampled with the seed. */
    private static List<Labelled> shots(List<Labelled> train, Set<String> known, int n) {
        List<Labelled> shuffled = new ArrayList<>(train);
        Collections.shuffle(shuffled, new Random(SEED + 1));
        java.util.Map<String, Integer> taken = new java.util.HashMap<>();
        List<Labelled> chosen = new ArrayList<>();
        for (Labelled l : shuffled) {
            if (known.contains(l.topic()) && taken.merge(l.topic(), 1, Integer::sum) <= n) {
                chosen.add(l);
            }
        }
        return chosen;
    }

    private static List<Labelled> sample(List<Labelled> list, int n, long seed) {
        List<Labelled> shuffled = new ArrayList<>(list);
        Collections.shuffle(shuffled, new Random(seed));
        return shuffled.subList(0, Math.min(n, shuffled.size()));
    }

    private Result run(String name, List<Labelled> examples, Set<String> known, List<Labelled> test,
                       List<Labelled> outOfScope) {
        String origin = "evaluation";
        assistant.forget(origin);
        long start = System.nanoTime();
        assistant.learnAll(examples.stream().map(l -> new Example(l.text(), "answer for " + l.topic(), l.topic())).toList(),
                origin);
        double learnSeconds = (System.nanoTime() - start) / 1e9;
        List<Labelled> unknown = new ArrayList<>(outOfScope);
        unknown.addAll(test.stream().filter(l -> !known.contains(l.topic()) && !"oos".equals(l.topic())).toList());
        List<Labelled> inScope = sample(test.stream().filter(l -> known.contains(l.topic())).toList(), IN_SCOPE_SAMPLE, SEED + 2);
        List<Labelled> questions = new ArrayList<>(inScope);
        questions.addAll(sample(unknown, OUT_OF_SCOPE_SAMPLE, SEED + 3));
        List<Outcome> outcomes = new ArrayList<>();
        long[] nanos = new long[questions.size()];
        for (int i = 0; i < questions.size(); i++) {
            Labelled q = questions.get(i);
            long t0 = System.nanoTime();
            AssistantAnswer answer = assistant.ask(q.text(), 0.0);
            nanos[i] = System.nanoTime() - t0;
            outcomes.add(new Outcome(known.contains(q.topic()), answer.topic() != null,
                    q.topic().equals(answer.topic()), answer.confidence()));
        }
        assistant.forget(origin);
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%n[evaluation] %s: %d known topics, %d examples learned in %.1f s, %d questions "
                        + "(%d in scope, %d out of scope); ask latency p50 %.1f ms, p99 %.1f ms (one thread)%n",
                name, known.size(), examples.size(), learnSeconds, outcomes.size(),
                outcomes.stream().filter(Outcome::inScope).count(), outcomes.stream().filter(o -> !o.inScope()).count(),
                nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6);
        Result result = new Result(outcomes);
        System.out.printf(Locale.ROOT, "[evaluation]   right topic on top (no threshold): %.3f of in-scope questions%n",
                result.inScopeAccuracy(0));
        return result;
    }

    record Outcome(boolean inScope, boolean retrieved, boolean rightTopic, double confidence) {
    }

    record Result(List<Outcome> outcomes) {

        double inScopeAccuracy(double threshold) {
            long inScope = outcomes.stream().filter(Outcome::inScope).count();
            return (double) outcomes.stream().filter(o -> o.inScope() && answered(o, threshold) && o.rightTopic()).count()
                    / inScope;
        }

        double declined(double threshold) {
            long outOfScope = outcomes.stream().filter(o -> !o.inScope()).count();
            return (double) outcomes.stream().filter(o -> !o.inScope() && !answered(o, threshold)).count() / outOfScope;
        }

        /** Share of right answers among all answers given with at least this confidence. */
        /**
         * In-scope accuracy and out-of-scope decline rate at the threshold above their floors, and the precision of
         * answers from confidence 0.75 (the desk's "high") above its floor and above answering everything by a gain.
         */
        void assertAtLeast(double threshold, double inScope, double declined, double highPrecision, double gain) {
            assertThat(inScopeAccuracy(threshold)).isGreaterThan(inScope);
            assertThat(declined(threshold)).isGreaterThan(declined);
            assertThat(precisionFrom(0.75)).isGreaterThan(highPrecision).isGreaterThan(precisionFrom(0) + gain);
        }

        double precisionFrom(double threshold) {
            long answered = outcomes.stream().filter(o -> answered(o, threshold)).count();
            long right = outcomes.stream().filter(o -> answered(o, threshold) && o.inScope() && o.rightTopic()).count();
            return answered == 0 ? 1 : (double) right / answered;
        }

        void printCurve(String name, double configured) {
            System.out.println("[evaluation] " + name + ", operating curve:");
            for (double t : sweep(configured)) {
                System.out.printf(Locale.ROOT, "[evaluation]   threshold %.2f: in-scope accuracy %.3f, out-of-scope "
                        + "declined %.3f, precision of answers %.3f%n", t, inScopeAccuracy(t), declined(t), precisionFrom(t));
            }
        }

        /** How often answers of each confidence band were right: a calibrated confidence matches its band. */
        void printCalibration(String name) {
            StringBuilder line = new StringBuilder("[evaluation] " + name + ", right answers per confidence band:");
            for (int band = 0; band < 10; band += 2) {
                double lo = band / 10.0;
                double hi = lo + 0.2;
                List<Outcome> in = outcomes.stream()
                        .filter(o -> o.retrieved() && o.confidence() >= lo && (o.confidence() < hi || hi >= 1)).toList();
                long right = in.stream().filter(o -> o.inScope() && o.rightTopic()).count();
                line.append(String.format(Locale.ROOT, " [%.1f,%.1f) %s (n=%d)", lo, hi,
                        in.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f", (double) right / in.size()), in.size()));
            }
            System.out.println(line);
        }

        private static boolean answered(Outcome o, double threshold) {
            return o.retrieved() && o.confidence() >= threshold;
        }
    }

    /** The sweep's thresholds and the configured one, in order. */
    private static double[] sweep(double configured) {
        return java.util.stream.DoubleStream.concat(Arrays.stream(SWEEP), java.util.stream.DoubleStream.of(configured))
                .distinct().sorted().toArray();
    }

    private static Path data() {
        return Path.of(System.getProperty("omnicase.shared.data", "../shared/data"));
    }

    private static List<Labelled> pairs(JsonNode array) {
        List<Labelled> list = new ArrayList<>();
        array.forEach(p -> list.add(new Labelled(p.get(0).asText(), p.get(1).asText())));
        return list;
    }

    /** The two-column CSV of Banking77 ({@code text,category}; quoted text may hold commas, quotes and newlines). */
    static List<Labelled> csv(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < content.length() && content.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\n' && (!fields.isEmpty() || field.length() > 0)) {
                    fields.add(field.toString());
                    records.add(fields);
                    fields = new ArrayList<>();
                    field.setLength(0);
                }
            } else {
                field.append(c);
            }
        }
        if (!fields.isEmpty() || field.length() > 0) {
            fields.add(field.toString());
            records.add(fields);
        }
        return records.subList(1, records.size()).stream().filter(r -> r.size() == 2)
                .map(r -> new Labelled(r.get(0).strip(), r.get(1).strip())).toList();
    }
}
