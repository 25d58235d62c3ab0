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

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The evaluation command (not a test: run it with {@code mvn -B verify -Pevaluate} or {@code bench/evaluate-assistant}).
 * Teaches the running assistant the training questions of a labelled set, holds a quarter of the topics out as
 * unknown, asks the test questions and prints in-scope accuracy (answered with the right topic) and out-of-scope
 * decline rate. Banking77 is the tuning set (it prints a threshold sweep); CLINC150 is the report set (it prints the
 * figures at the configured threshold only). Data is read from {@code omnicase.shared.data}, never copied.
 */
@RunningOmnicase
class AssistantEvaluation {

    private static final double HOLD_OUT = 0.25;
    private static final long SEED = 20261125L;

    @Autowired
    Assistant assistant;

    record Labelled(String text, String topic) {
    }

    @Test
    void banking77() throws IOException {
        Path dir = data().resolve("banking77");
        assumeTrue(Files.isDirectory(dir), "banking77 not found under " + dir + "; set -Domnicase.shared.data");
        Result result = run("banking77", csv(dir.resolve("train.csv")), csv(dir.resolve("test.csv")), List.of());
        System.out.println("\n[evaluation] banking77 (tuning set) threshold sweep:");
        for (double t = 0.10; t <= 0.701; t += 0.05) {
            System.out.println(result.at(t));
        }
        System.out.println("[evaluation] banking77 at configured threshold: " + result.at(assistant.minConfidence()));
    }

    @Test
    void clinc150() throws IOException {
        Path file = data().resolve("clinc150/clinc150.json");
        assumeTrue(Files.isRegularFile(file), "clinc150 not found at " + file + "; set -Domnicase.shared.data");
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        Result result = run("clinc150", pairs(json.get("train")), pairs(json.get("test")), pairs(json.get("oos_test")));
        System.out.println("\n[evaluation] clinc150 (report set, not tuned) at configured threshold: "
                + result.at(assistant.minConfidence()));
    }

    private Result run(String name, List<Labelled> train, List<Labelled> test, List<Labelled> outOfScope) {
        List<String> topics = new ArrayList<>(new TreeSet<>(train.stream().map(Labelled::topic).toList()));
        Collections.shuffle(topics, new Random(SEED));
        Set<String> heldOut = new LinkedHashSet<>(topics.subList(0, (int) Math.round(topics.size() * HOLD_OUT)));
        String origin = "evaluation-" + name;
        assistant.forget(origin);
        long start = System.nanoTime();
        assistant.learnAll(train.stream().filter(l -> !heldOut.contains(l.topic()))
                .map(l -> new Example(l.text(), "answer for " + l.topic(), l.topic())).toList(), origin);
        double learnSeconds = (System.nanoTime() - start) / 1e9;
        List<Outcome> outcomes = new ArrayList<>();
        List<Labelled> questions = new ArrayList<>(test);
        questions.addAll(outOfScope);
        long[] nanos = new long[questions.size()];
        for (int i = 0; i < questions.size(); i++) {
            Labelled q = questions.get(i);
            long t0 = System.nanoTime();
            AssistantAnswer answer = assistant.ask(q.text(), 0.0);
            nanos[i] = System.nanoTime() - t0;
            boolean inScope = !heldOut.contains(q.topic()) && !"oos".equals(q.topic());
            outcomes.add(new Outcome(inScope, answer.answered(), q.topic().equals(answer.topic()), answer.confidence()));
        }
        assistant.forget(origin);
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%n[evaluation] %s: %d topics, %d held out as unknown, %d examples learned in %.1f s, "
                        + "%d questions (%d in scope, %d out of scope); ask latency p50 %.1f ms, p95 %.1f ms (one thread)%n",
                name, topics.size(), heldOut.size(), train.stream().filter(l -> !heldOut.contains(l.topic())).count(),
                learnSeconds, outcomes.size(), outcomes.stream().filter(Outcome::inScope).count(),
                outcomes.stream().filter(o -> !o.inScope()).count(),
                nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.95)] / 1e6);
        return new Result(outcomes);
    }

    record Outcome(boolean inScope, boolean retrieved, boolean rightTopic, double confidence) {
    }

    record Result(List<Outcome> outcomes) {
        String at(double threshold) {
            long inScope = outcomes.stream().filter(Outcome::inScope).count();
            long right = outcomes.stream().filter(o -> o.inScope() && answered(o, threshold) && o.rightTopic()).count();
            long answeredIn = outcomes.stream().filter(o -> o.inScope() && answered(o, threshold)).count();
            long outOfScope = outcomes.size() - inScope;
            long declined = outcomes.stream().filter(o -> !o.inScope() && !answered(o, threshold)).count();
            return String.format(Locale.ROOT, "threshold %.2f: in-scope accuracy %.1f%% (answered %.1f%%, "
                            + "precision of answers %.1f%%), out-of-scope decline rate %.1f%%",
                    threshold, 100.0 * right / inScope, 100.0 * answeredIn / inScope,
                    answeredIn == 0 ? 0 : 100.0 * right / answeredIn, 100.0 * declined / outOfScope);
        }

        private static boolean answered(Outcome o, double threshold) {
            return o.retrieved() && o.confidence() >= threshold;
        }
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
