package io.omnicase.assistant;

import io.omnicase.embeddings.Embeddings;
import io.omnicase.embeddings.KnowledgeEmbeddings;
import io.omnicase.embeddings.TextEmbeddings;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The assistant's benchmark (not a test: {@code bench/assistant}): embeddings per second on one thread and on two, of
 * both models (messages' and the assistant's),
 * the assistant's end-to-end latency (embedding, BM25 and kNN searches on the real Elasticsearch node, fusion,
 * decision) over the full Banking77 training set, and memory. Prints its figures; the floors asserted are far below
 * them, to catch an order-of-magnitude regression only.
 */
@RunningOmnicase
class AssistantBenchmark {

    @Autowired
    Assistant assistant;

    @Test
    void embeddingsLatencyAndMemory() throws Exception {
        Path dir = Path.of(System.getProperty("omnicase.shared.data", "../shared/data"), "banking77");
        assumeTrue(Files.isDirectory(dir), "banking77 not found under " + dir + "; set -Domnicase.shared.data");
        List<AssistantEvaluation.Labelled> train = AssistantEvaluation.csv(dir.resolve("train.csv"));
        List<String> questions = AssistantEvaluation.csv(dir.resolve("test.csv")).stream()
                .map(AssistantEvaluation.Labelled::text).distinct().toList();
        System.out.printf(Locale.ROOT, "%n[bench] machine: %d cores, load average %.1f, JVM max heap %d MB%n",
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().maxMemory() >> 20);

        double oneThread = Double.MAX_VALUE;
        for (Embeddings fresh : List.<Embeddings>of(new TextEmbeddings(), new KnowledgeEmbeddings())) {
            oneThread = Math.min(oneThread, embeddingRates(fresh, questions.subList(0, 1_000)));
        }

        String origin = "benchmark";
        assistant.forget(origin);
        long t0 = System.nanoTime();
        assistant.learnAll(train.stream().map(l -> new Example(l.text(), "answer for " + l.topic(), l.topic())).toList(),
                origin);
        double learnSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "[bench] learned %d examples (stored, embedded, indexed) in %.1f s: %.0f per second%n",
                train.size(), learnSeconds, train.size() / learnSeconds);
        List<String> asked = questions.subList(1_000, 2_000);
        for (String q : asked.subList(0, 50)) {
            assistant.ask(q + " please");
        }
        long[] nanos = new long[asked.size()];
        for (int i = 0; i < asked.size(); i++) {
            long start = System.nanoTime();
            assistant.ask(asked.get(i));
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "[bench] assistant latency over %d examples, %d new questions, one thread: "
                        + "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms%n", train.size(), nanos.length,
                nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.9)] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6);
        assistant.forget(origin);
        System.gc();
        System.out.printf(Locale.ROOT, "[bench] memory: heap used after GC %d MB, application process RSS %d MB "
                + "(with the test servers' clients; Elasticsearch and MariaDB run in their own processes)%n",
                usedHeap() >> 20, rss() >> 20);

        assertThat(oneThread).isGreaterThan(20);
        assertThat(nanos[(int) (nanos.length * 0.99)] / 1e6).isLessThan(1_000);
    }

    /**
     * Loads a fresh model (so no text is cached) and prints what it took, then embeds 500 texts on one thread and 500
     * on two; answers the one-thread rate.
     */
    private static double embeddingRates(Embeddings fresh, List<String> texts) throws Exception {
        long heapBefore = usedHeap();
        long rssBefore = rss();
        fresh.embed("warm up the model");
        System.out.printf(Locale.ROOT, "[bench] %s loaded: heap +%d MB, process RSS +%d MB%n", fresh.model(),
                (usedHeap() - heapBefore) >> 20, (rss() - rssBefore) >> 20);
        for (String t : texts.subList(0, 50)) {
            fresh.embed(t + " (warm-up)");
        }
        long[] nanos = new long[500];
        long t0 = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            long start = System.nanoTime();
            fresh.embed(texts.get(i));
            nanos[i] = System.nanoTime() - start;
        }
        double oneThread = 500 / ((System.nanoTime() - t0) / 1e9);
        Arrays.sort(nanos);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        t0 = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (String t : texts.subList(500, 1_000)) {
            done.add(pool.submit(() -> fresh.embed(t)));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double twoThreads = 500 / ((System.nanoTime() - t0) / 1e9);
        pool.shutdown();
        System.out.printf(Locale.ROOT, "[bench] %s: %.0f per second on one thread (p50 %.1f ms, p99 %.1f ms), %.0f per "
                + "second on two threads%n", fresh.model(), oneThread, nanos[250] / 1e6, nanos[495] / 1e6, twoThreads);
        return oneThread;
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** Resident set size of this process, from /proc (0 where there is none). */
    private static long rss() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return 0;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).findFirst().orElse(0L);
    }
}
