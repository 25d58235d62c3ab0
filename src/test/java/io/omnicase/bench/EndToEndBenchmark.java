package io.omnicase.bench;

import io.omnicase.OmnicaseApplication;
import io.omnicase.localservers.ManagedElasticsearchNode;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phases (c) and (d) of bench/ingest: the whole after-commit pipeline on one node. (c) offers a fixed rate of messages
 * (open loop: each message is due at its own moment, and its ack latency counts from that moment, so a slow server is
 * not hidden by fewer sends) and follows every acknowledged message until it is searchable in the history index: its
 * lag is the time from its ack to the first search that finds it (the index refreshes every second, so searchable
 * includes up to a second of refresh). It prints ack p50/p99, lag p50/p99, how long the backlog took to drain, and the
 * routing decisions made. (d) generates one million closed cases directly in SQL (reproducible from
 * {@code bench.seed}) and runs (c) again. Runs inside {@link IngestBenchmark} after its phases, or alone through
 * {@link #main} ({@code -Dbench.main=io.omnicase.bench.EndToEndBenchmark}).
 */
public final class EndToEndBenchmark {

    private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\"\\s*:\\s*(\\d+)");
    private static final Pattern HIT_ID = Pattern.compile("\"_id\"\\s*:\\s*\"(\\d+)\"");

    private EndToEndBenchmark() {
    }

    /** Phase (c) result. */
    record Figures(double offered, double acknowledgedRate, double ackP50, double ackP99, double lagP50, double lagP99,
                   long acknowledged, long errors, long unseen, double drainSeconds, long decisions, long openPublications) {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            Path home = BenchServers.home("bench-");
            Map<String, Object> properties = BenchServers.properties(home, 3357, 9257, Map.of());
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OmnicaseApplication.class)
                    .run(BenchServers.arguments(properties))) {
                app.getBean(ManagedElasticsearchNode.class).awaitReady(Duration.ofMinutes(3));
                DemoSettled.await(app.getBean(DataSource.class)::getConnection, Duration.ofMinutes(5));
                phases(app);
            }
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    /** Runs (c), and (d) when {@code bench.million} is true; prints both and their ratio. */
    static void phases(ConfigurableApplicationContext app) throws Exception {
        int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
        DataSource dataSource = app.getBean(DataSource.class);
        int rate = Integer.getInteger("bench.rate", 200);
        Duration duration = Duration.ofSeconds(Long.getLong("bench.e2e.seconds", 60));
        int elasticPort = Integer.parseInt(app.getEnvironment().getProperty("omnicase.platform.elasticsearch.port", "9201"));
        String index = app.getEnvironment().getProperty("omnicase.history.index", "interactions");
        URI search = URI.create("http://127.0.0.1:" + elasticPort + "/" + index + "/_search");

        Figures empty = endToEnd("c", port, dataSource, search, rate, duration);
        print("(c) end to end, empty database", empty);
        if (Boolean.getBoolean("bench.million")) {
            long seed = Long.getLong("bench.seed", 18L);
            int count = Integer.getInteger("bench.closed-cases", 1_000_000);
            long started = System.nanoTime();
            ClosedCases.generate(dataSource, count, seed);
            System.out.printf("(d) generated %,d closed cases (seed %d) in %.0f s%n", count, seed,
                    (System.nanoTime() - started) / 1e9);
            Figures full = endToEnd("d", port, dataSource, search, rate, duration);
            print("(d) end to end, " + count + " closed cases", full);
            System.out.printf("(d)/(c): %.0f %% of the empty-database rate (target >= 80 %%)%n",
                    100 * sustained(full) / Math.max(1e-9, sustained(empty)));
        }
    }

    /** The rate that was acknowledged and also drained in time: zero when the backlog did not drain. */
    private static double sustained(Figures f) {
        return f.unseen() == 0 ? f.acknowledgedRate() : f.acknowledgedRate() * (f.acknowledged() - f.unseen()) / Math.max(1, f.acknowledged());
    }

    private static void print(String title, Figures f) {
        System.out.printf("%s: offered %.0f msg/s, acknowledged %.0f msg/s (%,d, %d errors); ack p50 %.1f ms p99 %.1f ms "
                        + "(target < 100 ms); ack -> searchable lag p50 %.0f ms p99 %.0f ms (target <= 1500 ms); %d never "
                        + "searchable; backlog drained %.1f s after the last ack; %,d routing decisions; %d publications "
                        + "left; load %s%n",
                title, f.offered(), f.acknowledgedRate(), f.acknowledged(), f.errors(), f.ackP50(), f.ackP99(), f.lagP50(),
                f.lagP99(), f.unseen(), f.drainSeconds(), f.decisions(), f.openPublications(), load());
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    private static Figures endToEnd(String phase, int port, DataSource dataSource, URI search, int rate,
                                    Duration duration) throws Exception {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        long firstInteraction = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM interactions").query(Long.class).single();
        String auth = "Basic " + Base64.getEncoder().encodeToString("gateway:demo".getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/messages");
        // One session for all senders (as a gateway keeps its connection): the password is checked once, not per message.
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8))
                .cookieHandler(new java.net.CookieManager()).build();
        // message id -> ack time (ns); message id -> first time seen by a search (ns)
        Map<Long, Long> acked = new ConcurrentHashMap<>();
        Map<Long, Long> seen = new ConcurrentHashMap<>();
        List<Long> ackLatencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        long total = rate * duration.toSeconds();
        long start = System.nanoTime() + 200_000_000L;
        long run = System.currentTimeMillis();
        ExecutorService senders = Executors.newFixedThreadPool(Math.max(16, rate / 4));
        Tracker tracker = new Tracker(search, acked, seen, firstInteraction);
        Thread tracking = new Thread(tracker, "bench-tracker");
        tracking.setDaemon(true);
        tracking.start();
        for (long n = 0; n < total; n++) {
            long due = start + n * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long message = n;
            senders.execute(() -> {
                // 2,000 customers: most messages join an open case (correlation), about one in ten opens one.
                long customer = message % 2000;
                String body = """
                        {"channel":"EMAIL","from":"e2e-%s-%d@example.com","text":"Where is my parcel number %d? It was due yesterday.","providerMessageId":"e2e-%s-%d-%d"}"""
                        .formatted(phase, customer, message, phase, run, message);
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", auth)
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    long now = System.nanoTime();
                    ackLatencies.add(now - due);
                    Matcher id = MESSAGE_ID.matcher(response.body());
                    if (response.statusCode() == 202 && id.find()) {
                        acked.put(Long.parseLong(id.group(1)), now);
                    } else {
                        errors.incrementAndGet();
                    }
                } catch (Exception e) {
                    ackLatencies.add(System.nanoTime() - due);
                    errors.incrementAndGet();
                }
            });
        }
        senders.shutdown();
        senders.awaitTermination(2, TimeUnit.MINUTES);
        long sendEnd = System.nanoTime();
        double sendSeconds = (sendEnd - start) / 1e9;
        long lastAck = acked.values().stream().mapToLong(Long::longValue).max().orElse(sendEnd);
        long drainLimit = System.nanoTime() + Duration.ofSeconds(Long.getLong("bench.drain-seconds", 180)).toNanos();
        while (System.nanoTime() < drainLimit && (seen.keySet().containsAll(acked.keySet()) ? openWork(jdbc) > 0 : true)) {
            Thread.sleep(100);
        }
        long drained = System.nanoTime();
        tracker.stop();
        tracking.join(5000);
        tracker.lastLook(acked.keySet().stream().filter(id -> !seen.containsKey(id)).toList(), drained);
        List<Long> lags = new ArrayList<>();
        long unseen = 0;
        for (var entry : acked.entrySet()) {
            Long found = seen.get(entry.getKey());
            if (found == null) {
                unseen++;
            } else {
                lags.add(Math.max(0, found - entry.getValue()));
            }
        }
        List<Long> acks = new ArrayList<>(ackLatencies);
        Collections.sort(acks);
        Collections.sort(lags);
        long decisions = jdbc.sql("SELECT COUNT(*) FROM interactions WHERE id > ? AND kind = 'DECISION'")
                .param(firstInteraction).query(Long.class).single();
        long open = jdbc.sql("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE COMPLETION_DATE IS NULL").query(Long.class).single();
        return new Figures(rate, acked.size() / sendSeconds, ms(acks, 0.5), ms(acks, 0.99), ms(lags, 0.5), ms(lags, 0.99),
                acked.size(), errors.get(), unseen, (drained - lastAck) / 1e9, decisions, open);
    }

    /** After-commit work not done yet: incomplete publications and process jobs that are due. */
    private static long openWork(JdbcClient jdbc) {
        return jdbc.sql("SELECT (SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE COMPLETION_DATE IS NULL) "
                + "+ (SELECT COUNT(*) FROM ACT_RU_JOB WHERE (DUEDATE_ IS NULL OR DUEDATE_ <= NOW()) AND RETRIES_ > 0)")
                .query(Long.class).single();
    }

    private static double ms(List<Long> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN
                : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    /**
     * Polls the index every 50 ms for entries above the lowest message not yet seen, and notes when each acknowledged
     * message was first found by a search. Only ids are fetched.
     */
    private static final class Tracker implements Runnable {
        private final URI search;
        private final Map<Long, Long> acked;
        private final Map<Long, Long> seen;
        private final HttpClient http = HttpClient.newHttpClient();
        private volatile boolean running = true;
        private long floor;

        Tracker(URI search, Map<Long, Long> acked, Map<Long, Long> seen, long floor) {
            this.search = search;
            this.acked = acked;
            this.seen = seen;
            this.floor = floor;
        }

        void stop() {
            running = false;
        }

        /** Finds the stragglers the window may have passed over, by id; they count as seen when the drain ended. */
        void lastLook(List<Long> unseen, long at) throws Exception {
            for (int from = 0; from < unseen.size(); from += 1000) {
                String ids = unseen.subList(from, Math.min(unseen.size(), from + 1000)).stream()
                        .map(id -> "\"" + id + "\"").collect(java.util.stream.Collectors.joining(","));
                String query = "{\"size\":1000,\"_source\":false,\"query\":{\"ids\":{\"values\":[" + ids + "]}}}";
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(search)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(query)).build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher hit = HIT_ID.matcher(response.body());
                while (hit.find()) {
                    seen.putIfAbsent(Long.parseLong(hit.group(1)), at);
                }
            }
        }

        @Override
        public void run() {
            while (running) {
                try {
                    String query = """
                            {"size":10000,"_source":false,"sort":[{"interactionId":"asc"}],
                             "query":{"bool":{"filter":[{"range":{"interactionId":{"gt":%d}}},{"term":{"kind":"INBOUND"}}]}}}"""
                            .formatted(floor);
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(search)
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
                            .POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofString());
                    long now = System.nanoTime();
                    Matcher hit = HIT_ID.matcher(response.body());
                    while (hit.find()) {
                        seen.putIfAbsent(Long.parseLong(hit.group(1)), now);
                    }
                    // Raise the floor below the lowest acknowledged message not seen yet.
                    long lowestUnseen = acked.keySet().stream().filter(id -> !seen.containsKey(id))
                            .mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
                    long highestSeen = seen.keySet().stream().mapToLong(Long::longValue).max().orElse(floor);
                    // (ids are taken before commit, so a lower id may still commit later: keep a window below)
                    floor = Math.max(floor, Math.min(lowestUnseen, highestSeen - 4000) - 1);
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // the index may not exist yet, or be busy: poll again
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }
}
