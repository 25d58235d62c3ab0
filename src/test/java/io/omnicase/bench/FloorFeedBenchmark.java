package io.omnicase.bench;

import io.omnicase.OmnicaseApplication;
import io.omnicase.localservers.ManagedElasticsearchNode;
import io.omnicase.support.QueueCases;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The supervisor floor's feed under watchers (run by bench/supervisor-floor): starts the default run in a scratch
 * directory, escalates a few cases, then for 1 and for many open floors (SSE streams as the supervisor) posts customer
 * messages on those cases and measures, per watcher, the time from the message's 202 to the {@code conversation} event
 * that shows it; and the SELECT statements MariaDB ran per message in each phase (background work included), which
 * shows whether a watcher costs queries.
 */
public final class FloorFeedBenchmark {

    private static final Pattern MARK = Pattern.compile("fbm[0-9a-f]{12}");

    public static void main(String[] args) {
        BenchMain.run(FloorFeedBenchmark::run);
    }

    private static void run() throws Exception {
        int many = Integer.getInteger("bench.clients", 50);
        int messages = 40;
        Path home = BenchServers.home("bench-floor-");
        Map<String, Object> properties = BenchServers.properties(home, 3358, 9258, Map.of());
        System.out.printf("Omnicase supervisor floor benchmark: %d messages per phase, 1 and %d watchers, %d cores%n",
                messages, many, Runtime.getRuntime().availableProcessors());
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OmnicaseApplication.class)
                .run(BenchServers.arguments(properties))) {
            app.getBean(ManagedElasticsearchNode.class).awaitReady(Duration.ofMinutes(3));
            DemoSettled.await(app.getBean(DataSource.class)::getConnection, Duration.ofMinutes(5));
            int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
            String jdbcUrl = app.getBean(DataSource.class).unwrap(com.zaxxer.hikari.HikariDataSource.class).getJdbcUrl();
            List<QueueCases.QueueCase> cases = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                cases.add(QueueCases.escalatedIn(port, "billing"));
            }
            phase(port, jdbcUrl, cases, 1, messages);
            phase(port, jdbcUrl, cases, many, messages);
        }
    }

    private static void phase(int port, String jdbcUrl, List<QueueCases.QueueCase> cases, int watchers, int messages)
            throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        CountDownLatch ready = new CountDownLatch(watchers);
        List<Thread> readers = new ArrayList<>();
        List<java.io.InputStream> bodies = new ArrayList<>();
        String auth = "Basic " + Base64.getEncoder().encodeToString("supervisor:demo".getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int w = 0; w < watchers; w++) {
            HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/supervisor/events")).header("Authorization", auth)
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            bodies.add(stream.body());
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                    String event = null;
                    boolean counted = false;
                    // A row keeps its latest message until the next one: only its first arrival on this floor counts.
                    java.util.Set<String> seen = new java.util.HashSet<>();
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (line.startsWith("event:")) {
                            event = line.substring(6);
                        } else if (line.startsWith("data:")) {
                            if ("snapshot".equals(event) && !counted) {
                                counted = true;
                                ready.countDown();
                            } else if ("conversation".equals(event)) {
                                Matcher mark = MARK.matcher(line);
                                while (mark.find()) {
                                    Long sent = sentAt.get(mark.group());
                                    if (sent != null && seen.add(mark.group())) {
                                        latencies.add(System.nanoTime() - sent);
                                    }
                                }
                            }
                        }
                    }
                } catch (Exception e) {
                    // the phase closed the stream
                }
            });
            reader.setDaemon(true);
            reader.start();
            readers.add(reader);
        }
        ready.await(60, TimeUnit.SECONDS);
        long selectsBefore = selects(jdbcUrl);
        for (int m = 0; m < messages; m++) {
            QueueCases.QueueCase target = cases.get(m % cases.size());
            String mark = "fbm" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            long start = System.nanoTime();
            sentAt.put(mark, start);
            QueueCases.customerWrites(port, target, "Still nothing about my refund " + mark);
            // The 202 is the start: intake, process, the floor's read and the push come after it.
            sentAt.put(mark, System.nanoTime());
            Thread.sleep(300);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (latencies.size() < (long) watchers * messages && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        long selects = selects(jdbcUrl) - selectsBefore;
        for (java.io.InputStream body : bodies) {
            body.close();
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%3d watcher(s): %d of %d updates arrived; message 202 -> row on each floor: p50 %.0f ms, "
                        + "p95 %.0f ms, max %.0f ms; MariaDB SELECTs per message (all work) %.1f%n",
                watchers, sorted.length, watchers * messages, at(sorted, 0.5) / 1e6, at(sorted, 0.95) / 1e6,
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, (double) selects / messages);
        Thread.sleep(FLOOR_SETTLE_MS);
    }

    /** Long enough for the feed to notice the closed streams (its next send fails) before the next phase. */
    private static final long FLOOR_SETTLE_MS = 21_000;

    private static long selects(String jdbcUrl) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "root", "");
             ResultSet rs = connection.createStatement().executeQuery("SHOW GLOBAL STATUS LIKE 'Com_select'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    private static double at(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }
}
