package io.omnicase.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The fault suite (run by bench/faults): starts the real default run (the packaged classes on the runtime class path,
 * embedded MariaDB, managed Elasticsearch) as a child process in a scratch directory, so that it can be killed with
 * SIGKILL, puts customer messages on it through POST /api/messages (127.0.0.1 only) and injects one fault per scenario:
 * <ul>
 *   <li>{@code kill9}: SIGKILL of the app half-way through a 10,000-message ingest sent as fast as it is taken, a
 *   restart on the same data, the rest of the ingest and a resend of every request that got no answer;</li>
 *   <li>{@code kill9-paced}: the same with the ingest offered at the rate of the other scenarios; each client holds a
 *   message that got no answer and tries it again every second until it is taken, as a gateway does, so what fell due
 *   while the app was down arrives as soon as it answers;</li>
 *   <li>{@code es-hung}: the Elasticsearch processes stopped (SIGSTOP) for the outage, then continued;</li>
 *   <li>{@code es-killed}: Elasticsearch killed (SIGKILL), and killed again each time the watchdog restarts it, for the
 *   outage; then left to the watchdog;</li>
 *   <li>{@code db-killed}: the MariaDB server killed (SIGKILL); the watchdog restarts it;</li>
 *   <li>{@code two-nodes}: a second app node against the same MariaDB and Elasticsearch, load on both, SIGKILL of the
 *   second: the first completes its publications (after the redelivery staleness) and its Camunda jobs (after the
 *   lock expires).</li>
 * </ul>
 * A client that gets no 2xx keeps the message and sends it again after the fault (honouring Retry-After), as a
 * channel gateway would. Then it waits for consistency (every acknowledged message stored once, indexed, routed once,
 * no publication left incomplete) and prints one table.
 */
public final class FaultSuite {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String GATEWAY = "Basic " + Base64.getEncoder().encodeToString("gateway:demo".getBytes(StandardCharsets.UTF_8));

    private final Path home;
    private final Path classpath;
    private final Duration outage;
    private final int messages;
    private final double rate;
    private final int clients;
    private final Duration consistencyLimit;
    private final int appPort = Integer.getInteger("faults.app.port", 18480);
    private final int secondPort = appPort + 1;
    private final int dbPort = Integer.getInteger("faults.mariadb.port", 3367);
    private final int esPort = Integer.getInteger("faults.elasticsearch.port", 9267);
    private final List<Row> rows = new ArrayList<>();
    private Node first;
    private Node second;

    private FaultSuite(Path home, Path classpath, Duration outage, int messages, double rate, int clients, Duration consistencyLimit) {
        this.home = home;
        this.classpath = classpath;
        this.outage = outage;
        this.messages = messages;
        this.rate = rate;
        this.clients = clients;
        this.consistencyLimit = consistencyLimit;
    }

    public static void main(String[] args) throws Exception {
        Duration outage = Duration.parse("PT" + System.getProperty("faults.outage", "5m").toUpperCase(Locale.ROOT));
        int messages = Integer.getInteger("faults.messages", 10_000);
        double rate = Double.parseDouble(System.getProperty("faults.rate", "20"));
        int clients = Integer.getInteger("faults.clients", 8);
        List<String> scenarios = List.of(System.getProperty("faults.scenarios", "es-hung,es-killed,db-killed,kill9,kill9-paced,two-nodes").split(","));
        // --home DIR: the data of an earlier run (its MariaDB installed, its migrations done) saves minutes of start.
        Path home = System.getProperty("faults.home", "").isBlank()
                ? Files.createDirectories(Path.of(System.getProperty("faults.dir", "target"), "faults-" + System.currentTimeMillis())).toAbsolutePath()
                : Path.of(System.getProperty("faults.home")).toAbsolutePath();
        FaultSuite suite = new FaultSuite(home, Path.of(System.getProperty("faults.classpath")), outage, messages, rate, clients,
                Duration.parse("PT" + System.getProperty("faults.consistency-limit", "8m").toUpperCase(Locale.ROOT)));
        System.out.printf("Omnicase fault suite: outage %s, %,d messages in the kill -9 ingest, %.0f msg/s offered around the "
                + "other faults, %d clients, %d cores; data and logs in %s%n", outage, messages, rate, clients,
                Runtime.getRuntime().availableProcessors(), home);
        int status = 0;
        try {
            suite.run(scenarios);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        } finally {
            suite.stopAll();
            suite.print();
        }
        System.exit(status);
    }

    private void run(List<String> scenarios) throws Exception {
        first = new Node("node-1", appPort, true);
        first.start();
        first.awaitUp(Duration.ofMinutes(15));
        awaitElasticsearch(Duration.ofMinutes(3));
        DemoSettled.await(() -> DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + dbPort + "/omnicase", "root", ""),
                Duration.ofMinutes(5));
        for (String scenario : scenarios) {
            log("scenario %s", scenario);
            Row row = switch (scenario.trim()) {
                case "kill9" -> kill9(0);
                case "kill9-paced" -> kill9(rate);
                case "es-hung" -> elasticsearchHung();
                case "es-killed" -> elasticsearchKilled();
                case "db-killed" -> databaseKilled();
                case "two-nodes" -> twoNodes();
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            };
            rows.add(row);
            log("%s", row.line());
        }
    }

    // ---- scenarios ----

    /**
     * @param offered messages a second, or 0 for as fast as the clients get answers: then most of the time to consistency
     *                is the backlog the flood built before the kill (the after-commit work is slower than intake), not
     *                the fault; at a rate the node keeps up with, it is what the kill and the restart cost
     */
    private Row kill9(double offered) throws Exception {
        Load load = new Load("k9", messages, offered, () -> List.of(appPort), offered > 0);
        load.start();
        load.awaitSent(messages / 2);
        log("SIGKILL app (pid %d) after %,d messages sent", first.pid(), load.next.get());
        first.kill9();
        first.start();
        first.awaitUp(Duration.ofMinutes(15));
        Instant recovered = Instant.now();
        log("app up again");
        load.awaitOffered();
        load.resend(Duration.ofMinutes(5));
        return load.settle("kill -9 of the app in a " + String.format("%,d", messages) + "-message ingest"
                + (offered > 0 ? String.format(" at %.0f/s", offered) : ""), recovered);
    }

    private Row elasticsearchHung() throws Exception {
        Load load = new Load("eh", Integer.MAX_VALUE, rate, () -> List.of(appPort));
        load.start();
        pause(Duration.ofSeconds(15));
        List<Long> es = processesMatching("org.elasticsearch");
        log("SIGSTOP Elasticsearch %s for %s", es, outage);
        signal("STOP", es);
        pause(outage);
        signal("CONT", es);
        Instant recovered = Instant.now();
        log("SIGCONT Elasticsearch");
        pause(Duration.ofSeconds(15));
        load.stopOffering();
        load.resend(Duration.ofMinutes(5));
        return load.settle("Elasticsearch hung (SIGSTOP) " + human(outage), recovered);
    }

    private Row elasticsearchKilled() throws Exception {
        Load load = new Load("ek", Integer.MAX_VALUE, rate, () -> List.of(appPort));
        load.start();
        pause(Duration.ofSeconds(15));
        Instant end = Instant.now().plus(outage);
        int kills = 0;
        while (Instant.now().isBefore(end)) {
            List<Long> es = processesMatching("org.elasticsearch");
            if (!es.isEmpty()) {
                signal("KILL", es);
                kills++;
            }
            pause(Duration.ofSeconds(1));
        }
        log("Elasticsearch killed %d times in %s; now left to the watchdog", kills, outage);
        awaitElasticsearch(Duration.ofMinutes(5));
        Instant recovered = Instant.now();
        log("Elasticsearch answers again");
        pause(Duration.ofSeconds(15));
        load.stopOffering();
        load.resend(Duration.ofMinutes(5));
        return load.settle("Elasticsearch killed " + human(outage) + " (watchdog restart)", recovered);
    }

    private Row databaseKilled() throws Exception {
        Load load = new Load("dk", Integer.MAX_VALUE, rate, () -> List.of(appPort));
        load.start();
        pause(Duration.ofSeconds(15));
        List<Long> db = processesMatching("mariadbd", "mysqld");
        log("SIGKILL MariaDB %s", db);
        signal("KILL", db);
        Instant killed = Instant.now();
        pause(Duration.ofSeconds(2));
        awaitDatabase(Duration.ofMinutes(5));
        Instant recovered = Instant.now();
        log("MariaDB answers again after %.1f s", Duration.between(killed, recovered).toMillis() / 1e3);
        pause(Duration.ofSeconds(30));
        load.stopOffering();
        load.resend(Duration.ofMinutes(5));
        return load.settle("MariaDB killed (watchdog restart in " + Duration.between(killed, recovered).toSeconds() + " s)", recovered);
    }

    private Row twoNodes() throws Exception {
        second = new Node("node-2", secondPort, false);
        second.start();
        second.awaitUp(Duration.ofMinutes(15));
        int total = Math.min(3_000, Math.max(1_000, messages / 2));
        AtomicBoolean secondAlive = new AtomicBoolean(true);
        Load load = new Load("tn", total, 0, () -> secondAlive.get() ? List.of(appPort, secondPort) : List.of(appPort));
        load.start();
        load.awaitSent(total / 2);
        log("SIGKILL node-2 (pid %d) after %,d messages sent; %d publications incomplete", second.pid(), load.next.get(),
                incompletePublications());
        second.kill9();
        secondAlive.set(false);
        Instant killed = Instant.now();
        load.awaitOffered();
        load.resend(Duration.ofMinutes(5));
        return load.settle("two nodes, SIGKILL of one under load (time from the kill)", killed);
    }

    // ---- load ----

    /** Messages "<marker>-<n>", each from its own sender, every fourth a follow-up of the sender of the one two before. */
    private final class Load {
        final String marker;
        final int total;
        final double rate;
        final Supplier<List<Integer>> ports;
        /** A client holds a message that got no answer and tries it again until it is taken, as a gateway does. */
        final boolean holding;
        final AtomicInteger next = new AtomicInteger();
        final AtomicBoolean offering = new AtomicBoolean(true);
        final Set<Integer> acked = ConcurrentHashMap.newKeySet();
        final Set<Integer> pending = ConcurrentHashMap.newKeySet();
        final AtomicLong errors500 = new AtomicLong();
        final AtomicLong refused503 = new AtomicLong();
        final AtomicLong unanswered = new AtomicLong();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        long started;
        /** When the last message was taken (a 2xx): an ingest that runs on after the recovery is consistent after it. */
        volatile Instant lastTaken = Instant.EPOCH;

        Load(String marker, int total, double rate, Supplier<List<Integer>> ports) {
            this(marker, total, rate, ports, false);
        }

        Load(String marker, int total, double rate, Supplier<List<Integer>> ports, boolean holding) {
            this.marker = "fz" + marker + Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
            this.total = total;
            this.rate = rate;
            this.ports = ports;
            this.holding = holding;
        }

        void start() {
            started = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                Thread t = new Thread(() -> {
                    while (offering.get()) {
                        int n = next.getAndIncrement();
                        if (n >= total) {
                            break;
                        }
                        if (rate > 0) {
                            long due = started + (long) (n * 1e9 / rate);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                sleep(Duration.ofNanos(wait));
                            }
                        }
                        Outcome outcome = send(n);
                        long giveUp = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                        while (holding && outcome != Outcome.ACKED && offering.get() && System.nanoTime() < giveUp) {
                            sleep(Duration.ofSeconds(outcome == Outcome.REFUSED ? 5 : 1));
                            outcome = send(n);
                        }
                        if (outcome == Outcome.UNANSWERED) {
                            sleep(Duration.ofSeconds(1));
                        }
                    }
                }, "client-" + c);
                t.start();
                threads.add(t);
            }
        }

        void awaitSent(int n) {
            while (next.get() < n) {
                sleep(Duration.ofMillis(100));
            }
        }

        void stopOffering() throws InterruptedException {
            offering.set(false);
            awaitOffered();
        }

        void awaitOffered() throws InterruptedException {
            for (Thread t : threads) {
                t.join();
            }
        }

        int sent() {
            return Math.min(next.get(), total);
        }

        /** Sends every message that got no 2xx again, until each has one or the time is up. */
        void resend(Duration limit) {
            Instant end = Instant.now().plus(limit);
            while (!pending.isEmpty() && Instant.now().isBefore(end)) {
                log("resending %,d unanswered or refused messages", pending.size());
                for (Integer n : List.copyOf(pending)) {
                    Outcome outcome = send(n);
                    if (outcome != Outcome.ACKED) {
                        sleep(Duration.ofSeconds(outcome == Outcome.REFUSED ? 5 : 1));
                    }
                }
            }
        }

        Outcome send(int n) {
            List<Integer> available = ports.get();
            int port = available.get(Math.floorMod(n, available.size()));
            int sender = n % 4 == 3 ? n - 2 : n;
            String body = """
                    {"channel":"EMAIL","from":"%s-%d@example.com","text":"My invoice %s-%d is wrong, I want to talk to a person","providerMessageId":"%s-%d"}"""
                    .formatted(marker, sender, marker, n, marker, n);
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages"))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", GATEWAY).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    acked.add(n);
                    pending.remove(n);
                    lastTaken = Instant.now();
                    return Outcome.ACKED;
                }
                pending.add(n);
                if (status == 503) {
                    refused503.incrementAndGet();
                    return Outcome.REFUSED;
                }
                if (status >= 500) {
                    errors500.incrementAndGet();
                }
                return Outcome.REFUSED;
            } catch (IOException e) {
                unanswered.incrementAndGet();
                pending.add(n);
                return Outcome.UNANSWERED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.add(n);
                return Outcome.UNANSWERED;
            }
        }

        /** Waits until every acknowledged message is stored, indexed and routed and no publication is left. */
        Row settle(String name, Instant recovered) throws Exception {
            Instant limit = Instant.now().plus(consistencyLimit);
            Counts counts = null;
            Duration toConsistency = null;
            Duration afterLastTaken = null;
            Instant nextReport = Instant.now();
            while (Instant.now().isBefore(limit)) {
                try {
                    counts = counts(marker, acked);
                    if (counts.consistent()) {
                        Instant now = Instant.now();
                        toConsistency = Duration.between(recovered, now);
                        if (lastTaken.isAfter(recovered)) {
                            afterLastTaken = Duration.between(lastTaken, now);
                        }
                        break;
                    }
                    if (Instant.now().isAfter(nextReport)) {
                        log("waiting for consistency: %s", counts);
                        nextReport = Instant.now().plusSeconds(15);
                    }
                } catch (Exception e) {
                    if (Instant.now().isAfter(nextReport)) {
                        String problem = e.toString();
                        log("not measurable yet: %s", problem.substring(0, Math.min(160, problem.length())));
                        nextReport = Instant.now().plusSeconds(15);
                    }
                }
                sleep(Duration.ofSeconds(1));
            }
            if (counts == null) {
                counts = counts(marker, acked);
            }
            return new Row(name, sent(), acked.size(), counts, errors500.get(), refused503.get(), unanswered.get(), toConsistency,
                    afterLastTaken);
        }
    }

    private enum Outcome { ACKED, REFUSED, UNANSWERED }

    // ---- measurement ----

    record Counts(int stored, int messagesStored, int indexed, int decisions, int extraDecisions, int unrouted, int duplicates,
                  int lost, int incomplete) {
        boolean consistent() {
            return lost == 0 && indexed == stored && unrouted == 0 && incomplete == 0;
        }
    }

    private Counts counts(String marker, Set<Integer> acked) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + dbPort + "/omnicase", "root", "")) {
            Map<Long, Long> interactionToCase = new HashMap<>();
            Map<String, Integer> rowsPerMessage = new HashMap<>();
            Map<String, Set<Long>> casesPerSender = new HashMap<>();
            try (PreparedStatement q = db.prepareStatement("SELECT id, case_id, provider_message_id, author FROM interactions "
                    + "WHERE channel = 'EMAIL' AND provider_message_id LIKE ? AND kind = 'INBOUND'")) {
                q.setString(1, marker + "-%");
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        interactionToCase.put(rs.getLong(1), rs.getLong(2));
                        rowsPerMessage.merge(rs.getString(3), 1, Integer::sum);
                        casesPerSender.computeIfAbsent(rs.getString(4), a -> ConcurrentHashMap.newKeySet()).add(rs.getLong(2));
                    }
                }
            }
            // Routing: a case's messages are taken by its process; one assessment may cover several messages that came
            // close together (it reads the case), so a case is routed when a decision follows its latest message; each
            // message is taken at most once, so a case with more decisions than messages had a message taken twice.
            int decisions = 0;
            int extra = 0;
            int unrouted = 0;
            try (PreparedStatement q = db.prepareStatement("SELECT d.case_id, d.kind FROM interactions d JOIN (SELECT DISTINCT case_id FROM "
                    + "interactions WHERE channel = 'EMAIL' AND provider_message_id LIKE ?) c ON d.case_id = c.case_id "
                    + "WHERE d.kind IN ('INBOUND', 'DECISION') ORDER BY d.case_id, d.id")) {
                q.setString(1, marker + "-%");
                try (ResultSet rs = q.executeQuery()) {
                    long currentCase = -1;
                    boolean newMessage = false;
                    int messagesOfCase = 0;
                    int decisionsOfCase = 0;
                    while (rs.next()) {
                        if (rs.getLong(1) != currentCase) {
                            unrouted += newMessage ? 1 : 0;
                            extra += Math.max(0, decisionsOfCase - messagesOfCase);
                            currentCase = rs.getLong(1);
                            newMessage = false;
                            messagesOfCase = 0;
                            decisionsOfCase = 0;
                        }
                        if ("INBOUND".equals(rs.getString(2))) {
                            newMessage = true;
                            messagesOfCase++;
                        } else {
                            decisions++;
                            decisionsOfCase++;
                            newMessage = false;
                        }
                    }
                    unrouted += newMessage ? 1 : 0;
                    extra += Math.max(0, decisionsOfCase - messagesOfCase);
                }
            }
            int incomplete;
            try (ResultSet rs = db.createStatement().executeQuery("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE COMPLETION_DATE IS NULL")) {
                rs.next();
                incomplete = rs.getInt(1);
            }
            int duplicates = rowsPerMessage.values().stream().mapToInt(v -> v - 1).sum()
                    + casesPerSender.values().stream().mapToInt(s -> s.size() - 1).sum();
            Set<Integer> storedNumbers = rowsPerMessage.keySet().stream()
                    .map(id -> Integer.parseInt(id.substring(id.lastIndexOf('-') + 1))).collect(Collectors.toSet());
            int lost = (int) acked.stream().filter(n -> !storedNumbers.contains(n)).count();
            int indexed = indexed(interactionToCase.keySet());
            return new Counts(interactionToCase.size(), rowsPerMessage.size(), indexed, decisions, extra, unrouted, duplicates, lost, incomplete);
        }
    }

    private int indexed(Set<Long> interactionIds) throws Exception {
        if (interactionIds.isEmpty()) {
            return 0;
        }
        int total = 0;
        List<Long> ids = new ArrayList<>(interactionIds);
        for (int from = 0; from < ids.size(); from += 10_000) {
            String terms = ids.subList(from, Math.min(ids.size(), from + 10_000)).stream().map(String::valueOf).collect(Collectors.joining(","));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + esPort + "/interactions/_count"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":{\"terms\":{\"interactionId\":[" + terms + "]}}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("Elasticsearch count answered " + response.statusCode() + ": " + response.body());
            }
            total += Integer.parseInt(response.body().replaceAll(".*\"count\":([0-9]+).*", "$1"));
        }
        return total;
    }

    private int incompletePublications() {
        try (Connection db = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + dbPort + "/omnicase", "root", "");
             ResultSet rs = db.createStatement().executeQuery("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE COMPLETION_DATE IS NULL")) {
            rs.next();
            return rs.getInt(1);
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * @param afterLastTaken when the ingest ran on after the recovery (a paced one ends when it was due to, whenever the
     *                       node came back): the time from the last message taken to consistency, else null
     */
    record Row(String scenario, int sent, int acknowledged, Counts counts, long errors500, long refused503, long unanswered,
               Duration toConsistency, Duration afterLastTaken) {
        String line() {
            int extraCorrelations = counts.extraDecisions();
            return String.format("| %s | %,d | %,d | %,d | %,d | %,d (%d extra) | %d | %d | %d | %,d / %,d | %s |", scenario, sent,
                    acknowledged, counts.messagesStored(), counts.indexed(), counts.decisions(), extraCorrelations,
                    counts.duplicates(), counts.lost(), errors500, refused503, unanswered,
                    toConsistency == null ? "not within the limit (" + counts.unrouted() + " cases unrouted, " + counts.incomplete()
                            + " publications incomplete)"
                            : String.format("%.0f s", toConsistency.toMillis() / 1e3) + (afterLastTaken == null ? ""
                            : String.format(" (%.0f s after the last message was taken)", afterLastTaken.toMillis() / 1e3)));
        }
    }

    private void print() {
        System.out.println();
        System.out.println("| scenario | sent | acknowledged | stored | indexed | correlations (routing decisions) | duplicates | lost "
                + "| 500s | 503s / unanswered (resent) | time to consistency after recovery |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(r -> System.out.println(r.line()));
        System.out.println("Target: 0 lost, 0 duplicates, 0 extra correlations, no 500s, consistent within 60 s of recovery.");
    }

    // ---- the app nodes and their servers ----

    private final class Node {
        final String name;
        final int port;
        final boolean platform;
        Process process;

        Node(String name, int port, boolean platform) {
            this.name = name;
            this.port = port;
            this.platform = platform;
        }

        void start() throws IOException {
            Path tmp = Files.createDirectories(home.resolve("tmp"));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // As the default run's mvn spring-boot:run launches it (the first JIT tier only): on two cores it starts
                    // in 11 s rather than 18 and works a backlog at least as cheaply in its first minutes (5 December).
                    "-Xmx768m", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp, "-cp", Files.readString(classpath).trim(), "io.omnicase.OmnicaseApplication",
                    "--server.port=" + port,
                    "--logging.level.root=warn",
                    "--logging.level.io.omnicase=info",
                    "--omnicase.channels.chat.token-secret=fault-suite-chat-token-secret-0123456789"));
            if (platform) {
                command.addAll(List.of(
                        "--omnicase.platform.home=" + home.resolve("platform"),
                        "--omnicase.platform.mariadb.port=" + dbPort,
                        "--omnicase.platform.elasticsearch.port=" + esPort,
                        "--omnicase.platform.elasticsearch.distribution=" + System.getProperty("faults.es-distribution"),
                        "--omnicase.channels.email.demo-smtp-port=" + (port + 100),
                        "--omnicase.channels.email.demo-imap-port=" + (port + 101)));
            } else {
                command.addAll(List.of(
                        "--omnicase.platform.enabled=false",
                        "--spring.datasource.url=jdbc:mariadb://127.0.0.1:" + dbPort + "/omnicase",
                        "--spring.datasource.username=root",
                        "--spring.datasource.password=",
                        "--spring.elasticsearch.uris=http://127.0.0.1:" + esPort,
                        "--omnicase.demo-data=false",
                        "--omnicase.channels.email.enabled=false",
                        "--omnicase.channels.email.demo-server=false",
                        "--spring.mail.port=" + (appPort + 100)));
            }
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve(name + ".log").toFile())).start();
            log("%s started (pid %d, port %d)", name, process.pid(), port);
        }

        long pid() {
            return process.pid();
        }

        /** Up when it answers a malformed message with 400: web, security (users from the database) and routing are there. */
        void awaitUp(Duration limit) {
            Instant end = Instant.now().plus(limit);
            while (Instant.now().isBefore(end)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited; see " + home.resolve(name + ".log"));
                }
                try {
                    HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages"))
                            .timeout(Duration.ofSeconds(5)).header("Authorization", GATEWAY).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 400) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                sleep(Duration.ofSeconds(1));
            }
            throw new IllegalStateException(name + " did not come up within " + limit);
        }

        void kill9() {
            process.destroyForcibly();
            process.onExit().join();
        }

        void stop() {
            if (process == null || !process.isAlive()) {
                return;
            }
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            try {
                process.onExit().get(90, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private void stopAll() {
        if (second != null) {
            second.stop();
        }
        if (first != null) {
            first.stop();
        }
        // Servers left behind by a killed node (their parent died first).
        processesMatching("org.elasticsearch", "mariadbd").forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** Processes whose command line names this suite's data directory and one of the words (the servers of this run only). */
    private List<Long> processesMatching(String... words) {
        List<Long> found = new ArrayList<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    if (cmd.contains(home.toString()) && List.of(words).stream().anyMatch(cmd::contains)) {
                        found.add(Long.parseLong(dir.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private static void signal(String signal, List<Long> pids) throws Exception {
        if (pids.isEmpty()) {
            throw new IllegalStateException("no process to signal");
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(p -> command.add(Long.toString(p)));
        new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private void awaitElasticsearch(Duration limit) {
        Instant end = Instant.now().plus(limit);
        while (Instant.now().isBefore(end)) {
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + esPort + "/_cluster/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (Exception e) {
                // not yet
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("Elasticsearch did not answer within " + limit);
    }

    private void awaitDatabase(Duration limit) {
        Instant end = Instant.now().plus(limit);
        while (Instant.now().isBefore(end)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", dbPort), 500);
                try (Connection db = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + dbPort + "/omnicase", "root", "")) {
                    db.createStatement().execute("SELECT 1");
                    return;
                }
            } catch (Exception e) {
                sleep(Duration.ofMillis(250));
            }
        }
        throw new IllegalStateException("MariaDB did not answer within " + limit);
    }

    private static void pause(Duration d) {
        sleep(d);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String human(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private static void log(String format, Object... args) {
        System.out.printf("%tT  %s%n", Instant.now().atZone(java.time.ZoneOffset.UTC), String.format(format, args));
    }
}
