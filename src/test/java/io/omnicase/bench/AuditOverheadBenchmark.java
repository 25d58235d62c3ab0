package io.omnicase.bench;

import io.omnicase.OmnicaseApplication;
import io.omnicase.localservers.ManagedElasticsearchNode;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the audit trail costs intake (run by bench/audit): starts the default run (embedded MariaDB, managed
 * Elasticsearch) in a scratch directory, then runs the same POST /api/messages load as the ingest benchmark's phase (b)
 * several times, with the trail on and off in turn ({@code omnicase.audit.trail.enabled}, switched at runtime),
 * in the order on, off, off, on, on, off, ... so that a drift of the machine or of the data over the runs falls on both
 * sides, after a warm-up run that is not counted. Before each run the after-commit work of the previous one is drained,
 * so every run starts from the same state.
 * Prints each run (throughput, p50, p99, audit entries written, the time to prepare and park each entry), the mean of each
 * setting, their difference, and the noise band: the largest difference between two runs of the same setting.
 */
public final class AuditOverheadBenchmark {

    private static final String SWITCH = "omnicase.audit.trail.enabled";
    private static final boolean SEALING = !"off".equals(System.getenv("BENCH_SEALING"));

    public static void main(String[] args) {
        BenchMain.run(AuditOverheadBenchmark::run);
    }

    private static void run() throws Exception {
        int clients = Integer.getInteger("bench.clients", 16);
        Duration duration = Duration.ofSeconds(Long.getLong("bench.seconds", 15));
        // From the environment (bench/audit sets it): the bench profile passes only clients and seconds to this JVM.
        int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", System.getProperty("bench.rounds", "2")));
        // Rounds of whole runs may be 0 (only the paired slices).
        Path home = BenchServers.home("bench-audit-");
        // BENCH_SEALING=off: the sealer is held back for the whole benchmark (its linger set to hours), so the slices
        // measure what recording entries alone costs intake, apart from sealing.
        Map<String, Object> properties = BenchServers.properties(home, 3369, 9269, Map.of());
        if (!SEALING) {
            properties.put("omnicase.audit.seal-linger", "PT10H");
        }
        System.out.printf("Omnicase audit trail overhead: %d clients, %d s per run after %d s warm-up, %d rounds (%d runs), "
                        + "%d cores, data in %s%n", clients, duration.toSeconds(), duration.toSeconds() / 3, rounds, 2 * rounds,
                Runtime.getRuntime().availableProcessors(), home);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OmnicaseApplication.class)
                .run(BenchServers.arguments(properties))) {
            app.getBean(ManagedElasticsearchNode.class).awaitReady(Duration.ofMinutes(3));
            DemoSettled.await(app.getBean(DataSource.class)::getConnection, Duration.ofMinutes(5));
            int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
            JdbcClient jdbc = JdbcClient.create(app.getBean(DataSource.class));
            var meters = app.getBean(io.micrometer.core.instrument.MeterRegistry.class);
            // The switch, first among the property sources; only its value changes between runs.
            Map<String, Object> trail = new HashMap<>(Map.of(SWITCH, "true"));
            app.getEnvironment().getPropertySources().addFirst(new MapPropertySource("audit-benchmark", trail));

            // A first run warms the JVM, the pools and the caches up; it is printed, not counted.
            drain(jdbc);
            Result warmUp = ingest(port, clients, duration);
            System.out.printf("warm-up run, trail on (not counted): %,6.1f messages/s  p50 %8.2f ms  p99 %8.2f ms%n",
                    warmUp.rate(), warmUp.p50(), warmUp.p99());
            // First the paired slices: one continuous load, the switch flipped every few seconds, so both settings
            // see the same background (other processes on the machine come and go over minutes).
            int sliceSeconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_SLICE_SECONDS", "5"));
            int pairs = Integer.parseInt(System.getenv().getOrDefault("BENCH_PAIRS", "12"));
            // BENCH_PAUSED=true: intake alone, as the issue measures intake (the after-commit work held back for the
            // slices, as in bench/ingest's phase (b)); otherwise the after-commit work runs beside intake.
            boolean paused = Boolean.parseBoolean(System.getenv().getOrDefault("BENCH_PAUSED", "false"));
            if (pairs > 0) {
                drain(jdbc);
                System.out.printf("paired slices with the after-commit work %s%n", paused ? "paused (intake alone)" : "running");
                trail.put("omnicase.events.paused", Boolean.toString(paused));
                try {
                    slices(port, clients, Duration.ofSeconds(sliceSeconds), pairs, trail);
                } finally {
                    trail.put("omnicase.events.paused", "false");
                }
            }
            List<Run> runs = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                for (boolean on : round % 2 == 0 ? new boolean[]{true, false} : new boolean[]{false, true}) {
                    drain(jdbc);
                    trail.put(SWITCH, Boolean.toString(on));
                    long entriesBefore = jdbc.sql("SELECT COUNT(*) FROM audit_entries").query(Long.class).single();
                    var staging = meters.find("omnicase.audit.append").timer();
                    long stagedBefore = staging == null ? 0 : staging.count();
                    double stagingBefore = staging == null ? 0 : staging.totalTime(TimeUnit.MILLISECONDS);
                    var stagingCpu = meters.find("omnicase.audit.append-cpu").timer();
                    double cpuBefore = stagingCpu == null ? 0 : stagingCpu.totalTime(TimeUnit.MILLISECONDS);
                    String load = loadAverage();
                    RoundTrips probe = new RoundTrips(app.getBean(DataSource.class));
                    Result result;
                    try {
                        result = ingest(port, clients, duration);
                    } finally {
                        probe.stop();
                    }
                    long entries = jdbc.sql("SELECT COUNT(*) FROM audit_entries").query(Long.class).single() - entriesBefore;
                    long transactions = staging == null ? 0 : staging.count() - stagedBefore;
                    double stagingMs = transactions == 0 ? Double.NaN
                            : (staging.totalTime(TimeUnit.MILLISECONDS) - stagingBefore) / transactions;
                    double cpuMs = transactions == 0 || stagingCpu == null ? Double.NaN
                            : (stagingCpu.totalTime(TimeUnit.MILLISECONDS) - cpuBefore) / transactions;
                    Run run = new Run(on, result, load, entries, transactions, stagingMs);
                    runs.add(run);
                    System.out.printf("run %d, trail %-3s: %,6.1f messages/s  p50 %8.2f ms  p99 %8.2f ms  (%d errors)  "
                                    + "audit entries written %,d; prepared and parked %,d entries, mean %.2f ms (of which CPU %.3f ms); "
                                    + "a SELECT 1 round trip meanwhile: mean %.2f ms  [load before: %s]%n",
                            runs.size(), on ? "on" : "off", result.rate(), result.p50(), result.p99(), result.errors(),
                            entries, transactions, stagingMs, cpuMs, probe.mean(), load);
                }
            }
            trail.put(SWITCH, "true");
            if (!runs.isEmpty()) {
                summary(runs);
            }
            var staging = meters.find("omnicase.audit.append").timer();
            if (staging != null) {
                var snapshot = staging.takeSnapshot();
                System.out.printf("preparing and parking entries over the whole benchmark: %,d entries, mean %.3f ms, max %.3f ms; "
                                + "recent p50/p99: %s%n", staging.count(), staging.mean(TimeUnit.MILLISECONDS),
                        staging.max(TimeUnit.MILLISECONDS), java.util.Arrays.stream(snapshot.percentileValues())
                                .map(v -> String.format("%.3f ms", v.value(TimeUnit.MILLISECONDS))).toList());
            }
            var headWait = meters.find("omnicase.audit.head-wait").timer();
            if (headWait != null) {
                System.out.printf("sealer's head-lock wait: %,d times, mean %.3f ms, max %.3f ms%n", headWait.count(),
                        headWait.mean(TimeUnit.MILLISECONDS), headWait.max(TimeUnit.MILLISECONDS));
            }
            System.out.printf("load average at the end: %s%n", loadAverage());
        }
    }

    /**
     * What one statement's round trip to the database costs under the load: a probe runs SELECT 1 every 20 ms on a
     * connection of its own. Each statement inside an intake transaction costs about one such round trip (the trail adds none).
     */
    private static final class RoundTrips {
        private final Thread thread;
        private final List<Long> took = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean stopped;

        RoundTrips(DataSource dataSource) {
            thread = new Thread(() -> {
                try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
                    while (!stopped) {
                        long start = System.nanoTime();
                        statement.executeQuery("SELECT 1").close();
                        took.add(System.nanoTime() - start);
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    System.out.println("round-trip probe stopped: " + e);
                }
            }, "round-trip-probe");
            thread.start();
        }

        void stop() throws InterruptedException {
            stopped = true;
            thread.join();
        }

        double mean() {
            synchronized (took) {
                return took.stream().mapToLong(Long::longValue).average().orElse(Double.NaN) / 1e6;
            }
        }
    }

    private record Run(boolean on, Result result, String load, long entries, long transactions, double stagingMs) {
    }

    private static void summary(List<Run> runs) {
        System.out.println("metric          trail on (mean)   trail off (mean)   on - off   noise band (largest gap between two runs of one setting)");
        line("messages/s", runs, r -> r.result().rate());
        line("p50 ms", runs, r -> r.result().p50());
        line("p99 ms", runs, r -> r.result().p99());
        System.out.println("A difference inside its noise band is not a measurable cost.");
    }

    private static void line(String metric, List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
        double[] on = runs.stream().filter(Run::on).mapToDouble(value).toArray();
        double[] off = runs.stream().filter(r -> !r.on()).mapToDouble(value).toArray();
        double meanOn = java.util.Arrays.stream(on).average().orElse(Double.NaN);
        double meanOff = java.util.Arrays.stream(off).average().orElse(Double.NaN);
        double noise = Math.max(range(on), range(off));
        double diff = meanOn - meanOff;
        System.out.printf("%-15s %15.2f %18.2f %10.2f   %.2f (%s)%n", metric, meanOn, meanOff, diff, noise,
                Math.abs(diff) <= noise ? "inside the noise" : String.format("outside the noise: %+.1f %%", 100 * diff / meanOff));
    }

    private static double range(double[] values) {
        return java.util.Arrays.stream(values).max().orElse(0) - java.util.Arrays.stream(values).min().orElse(0);
    }

    /**
     * One continuous load of {@code 2 * pairs} slices; the switch is on in the first slice of even pairs and in the
     * second of odd ones (on off, off on, ...). A request counts for the slice it started in. Per pair the difference
     * on - off of throughput, p50 and p99; printed: the mean difference and its 95 % band (2 standard errors of the
     * pairs' differences), which says whether the trail's cost stands out of the noise.
     */
    private static void slices(int port, int clients, Duration slice, int pairs, Map<String, Object> trail) throws Exception {
        int count = 2 * pairs;
        long sliceNanos = slice.toNanos();
        String auth = "Basic " + Base64.getEncoder().encodeToString("gateway:demo".getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/messages");
        long runId = System.nanoTime();
        boolean[] on = new boolean[count];
        for (int k = 0; k < count; k++) {
            on[k] = (k / 2) % 2 == 0 ? k % 2 == 0 : k % 2 == 1;
        }
        // a warm-up slice with the trail on, then the slices
        long start = System.nanoTime() + sliceNanos;
        long end = start + count * sliceNanos;
        trail.put(SWITCH, "true");
        // The CPU the app, its MariaDB and Elasticsearch (and the load clients, the same in every slice) used by each
        // slice's end: CPU per message is a steadier measure of the trail's cost than throughput on saturated cores.
        long[] cpuAt = new long[count + 1];
        Thread flipper = new Thread(() -> {
            try {
                for (int k = 0; k <= count; k++) {
                    long at = start + k * sliceNanos;
                    while (System.nanoTime() < at) {
                        Thread.sleep(Math.max(1, (at - System.nanoTime()) / 1_000_000));
                    }
                    cpuAt[k] = cpuTicks();
                    if (k < count) {
                        trail.put(SWITCH, Boolean.toString(on[k]));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "audit-switch");
        flipper.start();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<List<long[]>>> futures = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
                List<long[]> samples = new ArrayList<>();
                for (long n = 0; System.nanoTime() < end; n++) {
                    String body = """
                            {"channel":"EMAIL","from":"audit-slice-%d-%d-%d@example.com","text":"Where is my parcel number %d? It was due yesterday.","providerMessageId":"audit-slice-%d-%d-%d"}"""
                            .formatted(runId, client, n % 50, n, runId, client, n);
                    long begin = System.nanoTime();
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", auth)
                                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (begin >= start) {
                        samples.add(new long[]{begin - start, System.nanoTime() - begin});
                        if (response.statusCode() != 202) {
                            errors.incrementAndGet();
                        }
                    }
                }
                return samples;
            }));
        }
        List<List<Long>> bySlice = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            bySlice.add(new ArrayList<>());
        }
        for (Future<List<long[]>> f : futures) {
            for (long[] sample : f.get()) {
                int k = (int) (sample[0] / sliceNanos);
                if (k < count) {
                    bySlice.get(k).add(sample[1]);
                }
            }
        }
        pool.shutdown();
        flipper.join();
        trail.put(SWITCH, "true");
        double seconds = slice.toNanos() / 1e9;
        double[][] diffs = new double[4][pairs];
        double[][] sums = new double[2][4];
        for (int p = 0; p < pairs; p++) {
            double[][] m = new double[2][];
            for (int k = 2 * p; k < 2 * p + 2; k++) {
                List<Long> latencies = bySlice.get(k);
                Collections.sort(latencies);
                double cpuMsPerMessage = (cpuAt[k + 1] - cpuAt[k]) * 1000.0 / TICKS_PER_SECOND / Math.max(1, latencies.size());
                double[] metrics = {latencies.size() / seconds, percentile(latencies, 0.5), percentile(latencies, 0.99),
                        cpuMsPerMessage};
                m[on[k] ? 0 : 1] = metrics;
                for (int i = 0; i < 4; i++) {
                    sums[on[k] ? 0 : 1][i] += metrics[i] / pairs;
                }
            }
            for (int i = 0; i < 4; i++) {
                diffs[i][p] = m[0][i] - m[1][i];
            }
            System.out.printf("  pair %2d: on %6.1f msg/s p50 %7.1f ms p99 %7.1f ms CPU %5.2f ms/msg | off %6.1f msg/s p50 %7.1f ms "
                            + "p99 %7.1f ms CPU %5.2f ms/msg%n",
                    p + 1, m[0][0], m[0][1], m[0][2], m[0][3], m[1][0], m[1][1], m[1][2], m[1][3]);
        }
        System.out.printf("paired slices (%d pairs of %d s, trail switched at runtime, %d errors):%n", pairs,
                slice.toSeconds(), errors.get());
        System.out.println("metric          trail on (mean)   trail off (mean)   on - off   95 % band of the difference");
        String[] names = {"messages/s", "p50 ms", "p99 ms", "CPU ms/message"};
        for (int i = 0; i < 4; i++) {
            double mean = java.util.Arrays.stream(diffs[i]).average().orElse(Double.NaN);
            double sd = Math.sqrt(java.util.Arrays.stream(diffs[i]).map(d -> (d - mean) * (d - mean)).sum() / Math.max(1, pairs - 1));
            double band = 2 * sd / Math.sqrt(pairs);
            System.out.printf("%-15s %15.2f %18.2f %10.2f   +/- %.2f (%s)%n", names[i], sums[0][i], sums[1][i], mean, band,
                    Math.abs(mean) <= band ? "inside the noise" : String.format("outside the noise: %+.1f %%", 100 * mean / sums[1][i]));
        }
    }

    /** Waits until the after-commit work of the previous run (process starts, index writes, sealing) is done. */
    private static void drain(JdbcClient jdbc) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < Duration.ofMinutes(10).toNanos()
                && (jdbc.sql("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE COMPLETION_DATE IS NULL").query(Long.class).single() > 0
                || SEALING && jdbc.sql("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE COMPLETION_DATE IS NOT NULL").query(Long.class).single() > 0)) {
            Thread.sleep(500);
        }
        double took = (System.nanoTime() - start) / 1e9;
        if (took > 1) {
            System.out.printf("  (the previous run's after-commit work drained in %.1f s)%n", took);
        }
    }

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    /** CPU ticks (user + system) of this JVM and every process it started (MariaDB, Elasticsearch). */
    private static long cpuTicks() {
        long ticks = ticksOf(ProcessHandle.current().pid());
        for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
            ticks += ticksOf(child.pid());
        }
        return ticks;
    }

    private static long ticksOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().replaceAll("^(\\S+ \\S+ \\S+).*", "$1");
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** The ingest benchmark's phase (b): POST /api/messages from every client, new senders and repeat senders. */
    private static Result ingest(int port, int clients, Duration duration) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("gateway:demo".getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/messages");
        long runId = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long warmUpEnd = System.nanoTime() + duration.toNanos() / 3;
        long end = warmUpEnd + duration.toNanos();
        AtomicLong errors = new AtomicLong();
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
                List<Long> latencies = new ArrayList<>();
                for (long n = 0; System.nanoTime() < end; n++) {
                    String body = """
                            {"channel":"EMAIL","from":"audit-bench-%d-%d-%d@example.com","text":"Where is my parcel number %d? It was due yesterday.","providerMessageId":"audit-bench-%d-%d-%d"}"""
                            .formatted(runId, client, n % 50, n, runId, client, n);
                    long start = System.nanoTime();
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", auth)
                                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    long took = System.nanoTime() - start;
                    if (start >= warmUpEnd) {
                        latencies.add(took);
                        if (response.statusCode() != 202) {
                            errors.incrementAndGet();
                        }
                    }
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();
        Collections.sort(all);
        return new Result(all.size() / (double) duration.toSeconds(), percentile(all, 0.50), percentile(all, 0.99), errors.get());
    }

    private record Result(double rate, double p50, double p99, long errors) {
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
