package io.omnicase.bench;

import io.omnicase.OmnicaseApplication;
import io.omnicase.localservers.ManagedElasticsearchNode;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest benchmark (run by bench/ingest): starts the default run (embedded MariaDB, managed Elasticsearch) in a
 * scratch directory, then in one run measures (a) single-row durable commits into that MariaDB and (b) POST
 * /api/messages with the same number of concurrent clients and the after-commit work paused ({@code
 * omnicase.events.paused}: intake alone, as on a node that only takes messages), prints both and their ratio, ends the
 * pause and times how long the paused work takes to be delivered, then the RSS of app + MariaDB + Elasticsearch.
 */
public final class IngestBenchmark {

    public static void main(String[] args) {
        BenchMain.run(IngestBenchmark::run);
    }

    private static void run() throws Exception {
        int clients = Integer.getInteger("bench.clients", 16);
        Duration duration = Duration.ofSeconds(Long.getLong("bench.seconds", 15));
        Path home = BenchServers.home("bench-");
        Map<String, Object> properties = BenchServers.properties(home, 3357, 9257, Map.of());
        System.out.printf("Omnicase ingest benchmark: %d clients, %d s per phase, %d cores, data in %s%n",
                clients, duration.toSeconds(), Runtime.getRuntime().availableProcessors(), home);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OmnicaseApplication.class)
                .run(BenchServers.arguments(properties))) {
            app.getBean(ManagedElasticsearchNode.class).awaitReady(Duration.ofMinutes(3));
            DemoSettled.await(app.getBean(DataSource.class)::getConnection, Duration.ofMinutes(5));
            int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
            String jdbcUrl = app.getBean(DataSource.class).unwrap(com.zaxxer.hikari.HikariDataSource.class).getJdbcUrl();


            // (b) intake alone: the after-commit work (process, index, ...) paused, as on a node that only takes
            // messages; the publications stay incomplete and are delivered when the pause ends (below).
            var sources = app.getEnvironment().getPropertySources();
            sources.addFirst(new org.springframework.core.env.MapPropertySource("bench-pause",
                    Map.of("omnicase.events.paused", "true")));
            if (Integer.getInteger("bench.messages", 0) > 0) {
                // A fixed set of held-back messages (-Dbench.messages=N, -Dbench.per-customer=M messages per sender):
                // the same work to drain in every run, whatever the machine's load made of the intake phase.
                fixedIngest(port, clients, Integer.getInteger("bench.messages"), Integer.getInteger("bench.per-customer", 2));
            } else {
                intakePhases(app, port, clients, duration);
            }
            sources.remove("bench-pause");
            drainAndRest(app);
        }
    }

    /** Sends exactly {@code total} messages from {@code clients} clients, {@code perCustomer} from each sender. */
    private static void fixedIngest(int port, int clients, int total, int perCustomer) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("gateway:demo".getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/messages");
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long run = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
                for (long n = next.getAndIncrement(); n < total; n = next.getAndIncrement()) {
                    // Message n goes to sender n / perCustomer... spread: sender (n % (total / perCustomer)).
                    long sender = n % Math.max(1, total / perCustomer);
                    String body = """
                            {"channel":"EMAIL","from":"fixed-%d-%d@example.com","text":"Where is my parcel number %d? It was due yesterday.","providerMessageId":"fixed-%d-%d"}"""
                            .formatted(run, sender, n, run, n);
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", auth)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 202) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("(b, fixed) %,d messages held back from %,d senders (%d errors)%n", total,
                Math.max(1, total / perCustomer), errors.get());
    }

    private static void intakePhases(ConfigurableApplicationContext app, int port, int clients, Duration duration) throws Exception {
        {
            String jdbcUrl = app.getBean(DataSource.class).unwrap(com.zaxxer.hikari.HikariDataSource.class).getJdbcUrl();
            Result raw = rawCommits(jdbcUrl, clients, duration);
            System.out.printf("(a) raw single-row durable commits: %,.0f commits/s  p50 %.2f ms  p99 %.2f ms%n",
                    raw.rate(), raw.p50(), raw.p99());
            Result single = ingest(port, 1, Duration.ofSeconds(Math.max(3, duration.toSeconds() / 3)));
            System.out.printf("(b1) POST /api/messages, 1 client, after-commit work paused: p50 %.2f ms  p99 %.2f ms  (%d errors)%n",
                    single.p50(), single.p99(), single.errors());
            long[] cpuBefore = {cpuMillis(ProcessHandle.current().pid()), childrenCpuMillis()};
            // -Dbench.jfr-intake=<file> records a profile of (b), as -Dbench.jfr does of the drain.
            jdk.jfr.Recording recording = null;
            if (System.getProperty("bench.jfr-intake") != null) {
                recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                recording.start();
            }
            Result ingest = ingest(port, clients, duration);
            if (recording != null) {
                recording.stop();
                recording.dump(Path.of(System.getProperty("bench.jfr-intake")));
                recording.close();
            }
            long[] cpuAfter = {cpuMillis(ProcessHandle.current().pid()), childrenCpuMillis()};
            // CPU per message (warm-up included: 4/3 of the measured duration's messages): what the machine's load
            // does not change, unlike the latencies on a shared 2-core machine.
            double messages = ingest.rate() * duration.toSeconds() * 4 / 3;
            System.out.printf("(b) CPU per message: app JVM %.2f ms + MariaDB and Elasticsearch %.2f ms (bench clients included in the JVM's)%n",
                    (cpuAfter[0] - cpuBefore[0]) / messages, (cpuAfter[1] - cpuBefore[1]) / messages);
            System.out.printf("(b) POST /api/messages, intake alone (after-commit work paused): %,.0f messages/s  p50 %.2f ms  p99 %.2f ms  (%d errors)%n",
                    ingest.rate(), ingest.p50(), ingest.p99(), ingest.errors());
            System.out.printf("ratio (b)/(a): %.1f %% of the raw commit rate (target >= 20 %%); p99 %.2f ms (target < 50 ms)%n",
                    100 * ingest.rate() / raw.rate(), ingest.p99());
            var sessions = app.getBean(io.micrometer.core.instrument.MeterRegistry.class).find("tomcat.sessions.created").functionCounter();
            if (sessions != null) {
                System.out.printf("HTTP sessions created so far: %,.0f%n", sessions.count());
            }
        }
    }

    /** Ends nothing itself: times the drain of the held-back work, prints the RSS, then (c) and (d). */
    private static void drainAndRest(ConfigurableApplicationContext app) throws Exception {
        {

            var meters = app.getBean(io.micrometer.core.instrument.MeterRegistry.class);
            for (String name : List.of("omnicase.audit.append", "omnicase.audit.head-wait")) {
                var timer = meters.find(name).timer();
                if (timer != null) {
                    System.out.printf("%s: %,d times, mean %.3f ms, max %.3f ms%n", name, timer.count(),
                            timer.mean(java.util.concurrent.TimeUnit.MILLISECONDS), timer.max(java.util.concurrent.TimeUnit.MILLISECONDS));
                }
            }

            JdbcClient jdbc = JdbcClient.create(app.getBean(DataSource.class));
            // The drain of the held-back work (every message of (b1) and (b)): its rate, and its CPU and SQL statements
            // per message, which the machine's load does not change. -Dbench.jfr=<file> records a profile of it.
            long heldBack = jdbc.sql("SELECT COUNT(*) FROM interactions WHERE kind = 'INBOUND'").query(Long.class).single();
            // Routing decisions made during the drain: one per message the process took (each message here is taken).
            long decisionsBefore = jdbc.sql("SELECT COUNT(*) FROM interactions WHERE kind = 'DECISION'").query(Long.class).single();
            Duration drainMax = Duration.parse(System.getProperty("bench.drain-max", "PT5M"));
            Map<String, Long> statusBefore = sqlStatus(jdbc);
            long[] drainCpuBefore = {cpuMillis(ProcessHandle.current().pid()), childrenCpuMillis(), mariadbCpuMillis()};
            jdk.jfr.Recording recording = null;
            if (System.getProperty("bench.jfr") != null) {
                recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                recording.start();
            }
            long drainStart = System.nanoTime();
            while (jdbc.sql("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE COMPLETION_DATE IS NULL")
                    .query(Long.class).single() > 0 && System.nanoTime() - drainStart < drainMax.toNanos()) {
                Thread.sleep(200);
            }
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            if (recording != null) {
                recording.stop();
                recording.dump(Path.of(System.getProperty("bench.jfr")));
                recording.close();
            }
            long[] drainCpuAfter = {cpuMillis(ProcessHandle.current().pid()), childrenCpuMillis(), mariadbCpuMillis()};
            Map<String, Long> statusAfter = sqlStatus(jdbc);
            long decisions = jdbc.sql("SELECT COUNT(*) FROM interactions WHERE kind = 'DECISION'").query(Long.class).single()
                    - decisionsBefore;
            System.out.printf("drain: %,d routing decisions in %.1f s = %.1f/s; per decision: app JVM CPU %.2f ms, MariaDB and "
                            + "Elasticsearch CPU %.2f ms (MariaDB %.2f ms), %.1f SQL statements (Questions)%n", decisions,
                    drainSeconds, decisions / drainSeconds,
                    (drainCpuAfter[0] - drainCpuBefore[0]) / (double) Math.max(1, decisions),
                    (drainCpuAfter[1] - drainCpuBefore[1]) / (double) Math.max(1, decisions),
                    (drainCpuAfter[2] - drainCpuBefore[2]) / (double) Math.max(1, decisions),
                    (statusAfter.get("Questions") - statusBefore.get("Questions")) / (double) Math.max(1, decisions));
            System.out.printf("after the load and the pause: process starts and index writes caught up in %.1f s%n", drainSeconds);
            System.out.printf("drain: %,d held-back messages in %.1f s = %.1f messages/s; CPU per message: app JVM %.2f ms + "
                            + "MariaDB and Elasticsearch %.2f ms (MariaDB %.2f ms); load %s%n", heldBack, drainSeconds,
                    heldBack / drainSeconds, (drainCpuAfter[0] - drainCpuBefore[0]) / (double) heldBack,
                    (drainCpuAfter[1] - drainCpuBefore[1]) / (double) heldBack,
                    (drainCpuAfter[2] - drainCpuBefore[2]) / (double) heldBack, EndToEndBenchmark.load());
            StringBuilder perMessage = new StringBuilder("drain: SQL statements per message:");
            for (String name : statusBefore.keySet()) {
                double delta = (statusAfter.getOrDefault(name, 0L) - statusBefore.get(name)) / (double) heldBack;
                if (delta >= 0.05) {
                    perMessage.append(String.format(" %s %.1f", name, delta));
                }
            }
            System.out.println(perMessage);
            System.out.printf("RSS of the default run: app JVM %s + MariaDB and Elasticsearch %s = %s (target <= 2.5 GB)%n",
                    mb(rss(ProcessHandle.current().pid())), mb(childrenRss()), mb(rss(ProcessHandle.current().pid()) + childrenRss()));
            // Phases (c) and (d), the whole after-commit pipeline (pipeline's part): EndToEndBenchmark.
            if (Boolean.parseBoolean(System.getProperty("bench.e2e", "true"))) {
                EndToEndBenchmark.phases(app);
            }
        }
    }

    /** MariaDB's global counters of statements and commits (the benchmark's own polling included, a few per second). */
    private static Map<String, Long> sqlStatus(JdbcClient jdbc) {
        Map<String, Long> status = new java.util.TreeMap<>();
        jdbc.sql("SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_select','Com_insert','Com_update','Com_delete',"
                        + "'Com_commit','Com_rollback','Com_insert_select','Com_stmt_execute','Questions','Innodb_deadlocks')")
                .query((rs, n) -> status.put(rs.getString(1), rs.getLong(2))).list();
        return status;
    }

    private static Result rawCommits(String jdbcUrl, int clients, Duration duration) throws Exception {
        try (Connection setup = DriverManager.getConnection(jdbcUrl, "root", "")) {
            setup.createStatement().execute("CREATE TABLE IF NOT EXISTS bench_raw (id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                    + "payload VARCHAR(200) NOT NULL, created_at TIMESTAMP(6) NOT NULL) ENGINE=InnoDB");
        }
        List<Connection> connections = Collections.synchronizedList(new ArrayList<>());
        try {
            return run(clients, duration, client -> {
                Connection connection = DriverManager.getConnection(jdbcUrl, "root", "");
                connections.add(connection);
                connection.setAutoCommit(true);
            PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO bench_raw (payload, created_at) VALUES (?, NOW(6))");
                return n -> {
                    insert.setString(1, "client " + client + " row " + n);
                    insert.executeUpdate();
                    return true;
                };
            });
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    private static Result ingest(int port, int clients, Duration duration) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("gateway:demo".getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/messages");
        return run(clients, duration, client -> {
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            return n -> {
                String body = """
                        {"channel":"EMAIL","from":"bench-%d-%d@example.com","text":"Where is my parcel number %d? It was due yesterday.","providerMessageId":"bench-%d-%d-%d"}"""
                        .formatted(client, n % 50, n, client, n, System.nanoTime());
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", auth)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return response.statusCode() == 202;
            };
        });
    }

    private interface ClientFactory {
        Operation create(int client) throws Exception;
    }

    private interface Operation {
        boolean run(long n) throws Exception;
    }

    private record Result(double rate, double p50, double p99, long errors) {
    }

    /** Runs the operation from every client: a warm-up of a third of the duration, then the measured duration. */
    private static Result run(int clients, Duration duration, ClientFactory factory) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long warmUpEnd = System.nanoTime() + duration.toNanos() / 3;
        long end = warmUpEnd + duration.toNanos();
        AtomicLong errors = new AtomicLong();
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                Operation operation = factory.create(client);
                List<Long> latencies = new ArrayList<>();
                for (long n = 0; System.nanoTime() < end; n++) {
                    long start = System.nanoTime();
                    boolean ok = operation.run(n);
                    long took = System.nanoTime() - start;
                    if (start >= warmUpEnd) {
                        latencies.add(took);
                        if (!ok) {
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

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    /** CPU time (user + system) a process has used, from /proc (clock ticks of 10 ms). */
    private static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long childrenCpuMillis() {
        return ProcessHandle.current().descendants().mapToLong(p -> cpuMillis(p.pid())).sum();
    }

    private static long mariadbCpuMillis() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd")).orElse(false))
                .mapToLong(p -> cpuMillis(p.pid())).sum();
    }

    private static long childrenRss() {
        return ProcessHandle.current().descendants().mapToLong(p -> rss(p.pid())).sum();
    }

    private static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    private static String mb(long bytes) {
        return String.format("%,d MB", bytes / (1024 * 1024));
    }
}
