package io.omnicase.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.OmnicaseApplication;
import io.omnicase.insight.Coaching;
import io.omnicase.insight.HistoryGenerator;
import io.omnicase.insight.Spike;
import io.omnicase.insight.SpikeWatch;
import io.omnicase.embeddings.TextEmbeddings;
import io.omnicase.localservers.ManagedElasticsearchNode;
import io.omnicase.search.TaggedInteraction;
import io.omnicase.routing.MessageFacts;
import io.omnicase.search.EarlierContact;
import io.omnicase.search.InsightQueries;
import io.omnicase.search.InsightRequests;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Insight benchmark (bench/insight): starts the default run in a scratch directory, fills it through the bulk API with
 * a generated 90-day history (seed 42; ~1 million interactions unless {@code -Dbench.interactions} says otherwise)
 * with planted repeats and spikes, then prints (1) repeat detection recall and precision against the planted truth,
 * (2) whether each planted spike is found within one window and the false alerts per simulated day over two weeks of
 * the same history before any spike, (3) p50 and p95 of each dashboard and coaching query, through the API and raw
 * (the same request body posted to Elasticsearch), with their ratio.
 */
public final class InsightBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) {
        BenchMain.run(InsightBenchmark::run);
    }

    private static void run() throws Exception {
        long interactions = Long.getLong("bench.interactions", 1_080_000L);
        long seed = Long.getLong("bench.seed", 42L);
        int samples = Integer.getInteger("bench.samples", 200);
        Path home = BenchServers.home("bench-insight-");
        Map<String, Object> properties = BenchServers.properties(home, 3358, 9258, Map.of(
                "omnicase.platform.elasticsearch.heap", System.getProperty("bench.elasticsearch.heap", "1g"),
                "omnicase.insight.spike.check-every", "PT24H",
                "spring.elasticsearch.socket-timeout", "300s"));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OmnicaseApplication.class)
                .run(BenchServers.arguments(properties))) {
            app.getBean(ManagedElasticsearchNode.class).awaitReady(Duration.ofMinutes(3));
            DemoSettled.await(app.getBean(DataSource.class)::getConnection, Duration.ofMinutes(5));
            int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
            String es = "http://127.0.0.1:" + properties.get("omnicase.platform.elasticsearch.port");
            InsightQueries queries = app.getBean(InsightQueries.class);
            SpikeWatch spikes = app.getBean(SpikeWatch.class);

            // The history ends at the hour the run starts, or at -Dbench.end (an ISO instant): the same seed and end give
            // the same history, so two versions of detection can be compared on one history.
            Instant end = Instant.parse(System.getProperty("bench.end", Instant.now().toString())).truncatedTo(ChronoUnit.HOURS);
            List<HistoryGenerator.PlantedSpike> planted = List.of(
                    new HistoryGenerator.PlantedSpike("crash-after-update", "CHAT",
                            end.minus(Duration.ofDays(6)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(10)), 3, 40),
                    new HistoryGenerator.PlantedSpike("price-change-charge", "EMAIL",
                            end.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(14)), 2, 25),
                    new HistoryGenerator.PlantedSpike("crash-after-update", "WHATSAPP",
                            end.minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(20)), 2, 20));
            HistoryGenerator.Plan plan = new HistoryGenerator.Plan(seed, end, 90, interactions,
                    Integer.getInteger("bench.repeats", 2000), planted, 10_000_000L);
            System.out.printf("Omnicase insight benchmark: seed %d, %,d interactions planned over 90 days to %s, %d cores, data in %s%n",
                    seed, interactions, end, Runtime.getRuntime().availableProcessors(), home);
            long started = System.nanoTime();
            // Which customers' messages get vectors (bench.vectors): "needed" (default) embeds the messages of every
            // customer whose case is scored or timed below. Repeat detection compares a customer's own messages only
            // (customer filter inside the kNN), so their answers are exactly those with every message embedded;
            // "all" embeds every customer message (~40 min at 1M on this machine), "none" none.
            String vectors = System.getProperty("bench.vectors", "needed");
            java.util.function.LongPredicate embedded = switch (vectors) {
                case "all" -> customer -> true;
                case "none" -> customer -> false;
                default -> {
                    // The same seed gives the same history: a dry run (nothing written) tells whose cases are used.
                    HistoryGenerator.Generated dry = HistoryGenerator.generate(plan, (i, o) -> { }, 2000);
                    Set<Long> needed = new HashSet<>();
                    evaluatedCases(dry, seed).forEach(c -> needed.add(c.customerId()));
                    otherCustomersCases(dry).forEach(c -> needed.add(c.customerId()));
                    latencyPicks(dry, seed, samples).forEach(c -> needed.add(c.customerId()));
                    System.out.printf("vectors for the messages of %,d customers (of the scored and timed cases)%n", needed.size());
                    yield needed::contains;
                }
            };
            VectorSink sink = new VectorSink(HistoryGenerator.into(queries), app.getBean(TextEmbeddings.class),
                    embedded, Integer.getInteger("bench.embedThreads", Runtime.getRuntime().availableProcessors()));
            HistoryGenerator.Generated history = HistoryGenerator.generate(plan, sink, 2000);
            sink.close();
            queries.refresh();
            // One session for the HTTP calls, as the coaching page has one: signed in once through the login form,
            // then every request carries the session cookie only (the password is checked once, not per request).
            HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
            forceMerge(http, es);
            System.out.printf("generated and bulk-indexed %,d interactions of %,d cases in %.0f s; %s%n",
                    history.interactions(), history.cases().size(), (System.nanoTime() - started) / 1e9, sink.summary());

            repeatDetection(queries, history, seed, app.getBean(TextEmbeddings.class), home);
            if (Boolean.getBoolean("bench.repeatsOnly")) {
                return;
            }
            spikeDetection(spikes, planted, end);
            latencies(app, queries, spikes, history, end, port, es, http, samples, seed);
        }
    }

    // ---------------------------------------------------------------------------------------------------- repeats

    private static void repeatDetection(InsightQueries queries, HistoryGenerator.Generated history, long seed,
                                        TextEmbeddings embeddings, Path home) throws java.io.IOException {
        Map<Long, List<Long>> truth = history.repeatsWithin(Duration.ofDays(90));
        List<HistoryGenerator.GeneratedCase> evaluated = evaluatedCases(history, seed);
        Map<Long, HistoryGenerator.GeneratedCase> byId = new HashMap<>();
        Map<Long, List<HistoryGenerator.GeneratedCase>> byCustomer = new HashMap<>();
        for (HistoryGenerator.GeneratedCase c : history.cases()) {
            byId.put(c.caseId(), c);
            byCustomer.computeIfAbsent(c.customerId(), k -> new ArrayList<>()).add(c);
        }
        long truePositives = 0;
        long predicted = 0;
        long actual = 0;
        long plantedTp = 0;
        long plantedActual = 0;
        long otherPredicted = 0;
        long otherFalse = 0;
        long otherActual = 0;
        long otherTp = 0;
        long otherPairs = 0;
        StringBuilder pairs = new StringBuilder("case\tearlier\tplanted\tsame\tfound\tissue\tearlierIssue\ttopic\t"
                + "earlierTopic\tchannel\tearlierChannel\tgapDays\tcosine\ttext\tearlierText\n");
        for (HistoryGenerator.GeneratedCase c : evaluated) {
            List<EarlierContact> found = queries.earlierContacts(c.customerId(), c.caseId(),
                    MessageFacts.topicOf(c.firstText()).name(), c.firstText(), c.openedAt().minus(Duration.ofDays(90)),
                    c.openedAt(), 50);
            Set<Long> expected = new HashSet<>(truth.get(c.caseId()));
            Set<Long> got = new HashSet<>();
            found.forEach(f -> got.add(f.caseId()));
            long hit = got.stream().filter(expected::contains).count();
            truePositives += hit;
            predicted += got.size();
            actual += expected.size();
            if (c.planted()) {
                plantedTp += hit;
                plantedActual += expected.size();
            } else {
                otherTp += hit;
                otherActual += expected.size();
                otherPredicted += got.size();
                otherFalse += got.size() - hit;
            }
            // Every earlier case of the customer in the window, same issue or not: what the decision was made over.
            float[] vector = embeddings.embed(c.firstText());
            for (HistoryGenerator.GeneratedCase e : byCustomer.get(c.customerId())) {
                if (e.caseId() == c.caseId() || !e.openedAt().isBefore(c.openedAt())
                        || e.openedAt().isBefore(c.openedAt().minus(Duration.ofDays(90)))) {
                    continue;
                }
                if (!c.planted()) {
                    otherPairs++;
                }
                pairs.append(c.caseId()).append('\t').append(e.caseId()).append('\t').append(c.planted()).append('\t')
                        .append(expected.contains(e.caseId())).append('\t').append(got.contains(e.caseId())).append('\t')
                        .append(c.issue()).append('\t').append(e.issue()).append('\t')
                        .append(MessageFacts.topicOf(c.firstText())).append('\t').append(MessageFacts.topicOf(e.firstText()))
                        .append('\t').append(c.channel()).append('\t').append(e.channel()).append('\t')
                        .append(Duration.between(e.openedAt(), c.openedAt()).toDays()).append('\t')
                        .append(String.format(java.util.Locale.ROOT, "%.3f",
                                TextEmbeddings.cosine(vector, embeddings.embed(e.firstText()))))
                        .append('\t').append(c.firstText()).append('\t').append(e.firstText()).append('\n');
            }
        }
        System.out.printf("(1) repeat detection over %,d cases (%,d earlier same-issue cases in truth): recall %.3f, "
                        + "precision %.3f (planted repeats alone: recall %.3f over %,d pairs)  [target >= 0.95 / >= 0.9]%n",
                evaluated.size(), actual, actual == 0 ? 1.0 : (double) truePositives / actual,
                predicted == 0 ? 1.0 : (double) truePositives / predicted,
                plantedActual == 0 ? 1.0 : (double) plantedTp / plantedActual, plantedActual);
        System.out.printf("(1) non-planted cases: %,d earlier cases of the same customer looked at, %,d the same issue; "
                        + "found %,d of them (recall %.3f), %,d false repeats (precision %.3f)%n",
                otherPairs, otherActual, otherTp, otherActual == 0 ? 1.0 : (double) otherTp / otherActual, otherFalse,
                otherPredicted == 0 ? 1.0 : (double) otherTp / otherPredicted);
        // Precision where it can fail: planted customers write about one issue only, so every earlier case found for
        // them is right. Every case of the other customers with several cases (several issues, drawn at random).
        long otherCases = 0;
        long otherFound = 0;
        long otherRight = 0;
        long otherTruth = 0;
        for (HistoryGenerator.GeneratedCase c : otherCustomersCases(history)) {
            Set<Long> expected = new HashSet<>(truth.get(c.caseId()));
            List<EarlierContact> found = queries.earlierContacts(c.customerId(), c.caseId(),
                    MessageFacts.topicOf(c.firstText()).name(), c.firstText(), c.openedAt().minus(Duration.ofDays(90)),
                    c.openedAt(), 50);
            otherCases++;
            otherTruth += expected.size();
            otherFound += found.size();
            otherRight += found.stream().filter(f -> expected.contains(f.caseId())).count();
        }
        System.out.printf("(1) every case of the other customers with several cases (%,d cases, %,d earlier same-issue cases "
                        + "in truth): %,d earlier cases found, %,d right, %,d false repeats (%.3f per case): recall %.3f, "
                        + "precision %.3f%n", otherCases, otherTruth, otherFound, otherRight, otherFound - otherRight,
                otherCases == 0 ? 0.0 : (double) (otherFound - otherRight) / otherCases,
                otherTruth == 0 ? 1.0 : (double) otherRight / otherTruth,
                otherFound == 0 ? 1.0 : (double) otherRight / otherFound);
        Path dump = home.resolve("repeat-pairs.tsv");
        Files.writeString(dump, pairs);
        System.out.println("(1) every (case, earlier case of the customer) pair with truth, answer, topics and cosine: " + dump);
    }

    /** The cases repeat detection is scored on: every planted repeat, and 1 in 20 cases of other customers with several. */
    static List<HistoryGenerator.GeneratedCase> evaluatedCases(HistoryGenerator.Generated history, long seed) {
        Map<Long, Integer> casesPerCustomer = new HashMap<>();
        history.cases().forEach(c -> casesPerCustomer.merge(c.customerId(), 1, Integer::sum));
        SplittableRandom random = new SplittableRandom(seed);
        List<HistoryGenerator.GeneratedCase> evaluated = new ArrayList<>();
        for (HistoryGenerator.GeneratedCase c : history.cases()) {
            boolean plantedRepeat = c.planted() && !c.issue().equals("crash-after-update")
                    && !c.issue().equals("price-change-charge");
            boolean otherCustomerCase = !c.planted() && casesPerCustomer.get(c.customerId()) >= 2 && random.nextInt(20) == 0;
            if (plantedRepeat || otherCustomerCase) {
                evaluated.add(c);
            }
        }
        return evaluated;
    }

    /** Every case of a customer with several cases who is not a planted repeat: where false repeats can happen. */
    static List<HistoryGenerator.GeneratedCase> otherCustomersCases(HistoryGenerator.Generated history) {
        Map<Long, Integer> casesPerCustomer = new HashMap<>();
        history.cases().forEach(c -> casesPerCustomer.merge(c.customerId(), 1, Integer::sum));
        return history.cases().stream().filter(c -> !c.planted() && casesPerCustomer.get(c.customerId()) >= 2).toList();
    }

    /** The random cases whose repeats are timed. */
    static List<HistoryGenerator.GeneratedCase> latencyPicks(HistoryGenerator.Generated history, long seed, int samples) {
        SplittableRandom random = new SplittableRandom(seed);
        List<HistoryGenerator.GeneratedCase> cases = history.cases();
        List<HistoryGenerator.GeneratedCase> picks = new ArrayList<>();
        for (int i = 0; i < samples + 20; i++) {
            picks.add(cases.get(random.nextInt(cases.size())));
        }
        return picks;
    }

    // ---------------------------------------------------------------------------------------------------- spikes

    private static void spikeDetection(SpikeWatch watch, List<HistoryGenerator.PlantedSpike> planted, Instant end) {
        Duration window = watch.window();
        int found = 0;
        for (HistoryGenerator.PlantedSpike spike : planted) {
            String topic = MessageFacts.topicOf(HistoryGenerator.ISSUES_BY_NAME.get(spike.issue()).phrasings().get(0)).name();
            Instant firstEnd = watch.lastWindowEnd(spike.start()).plus(window);
            Spike hit = null;
            int windows = 0;
            for (Instant at = firstEnd; windows < 2 && hit == null; at = at.plus(window), windows++) {
                hit = watch.spikesAt(at).stream()
                        .filter(s -> s.channel().equals(spike.channel()) && s.topic().equals(topic)).findFirst().orElse(null);
            }
            if (hit != null) {
                found++;
            }
            System.out.printf("(2) planted spike %s on %s (%d/h for %d h from %s): %s%n", spike.issue(), spike.channel(),
                    spike.perHour(), spike.hours(), spike.start(), hit == null ? "NOT found within one window"
                            : "found at the end of window " + windows + " (" + hit.messages() + " messages against "
                            + hit.baselineMean() + " per window), rising terms " + hit.risingTerms() + ", "
                            + hit.caseIds().size() + " cases");
        }
        // False alerts: every hourly window of two weeks of the same history before any spike was planted.
        Instant quietEnd = planted.stream().map(HistoryGenerator.PlantedSpike::start).min(Instant::compareTo).orElse(end)
                .truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        Instant quietStart = quietEnd.minus(Duration.ofDays(14));
        int alerts = 0;
        int checks = 0;
        long started = System.nanoTime();
        for (Instant at = quietStart.plus(window); !at.isAfter(quietEnd); at = at.plus(window)) {
            List<Spike> false_ = watch.spikesAt(at);
            alerts += false_.size();
            checks++;
            for (Spike s : false_) {
                System.out.printf("    false alert %s on %s at %s: %d against %.2f, terms %s%n", s.topic(), s.channel(),
                        s.at(), s.messages(), s.baselineMean(), s.risingTerms());
            }
        }
        System.out.printf("(2) spikes found within one window: %d of %d; false alerts on a history without spikes: %d in "
                        + "%d hourly checks over 14 days = %.2f per simulated day [target <= 1]; %.0f ms per check%n",
                found, planted.size(), alerts, checks, alerts / 14.0, (System.nanoTime() - started) / 1e6 / checks);
    }

    // ---------------------------------------------------------------------------------------------------- latency

    private static void latencies(ConfigurableApplicationContext app, InsightQueries queries, SpikeWatch watch,
                                  HistoryGenerator.Generated history, Instant end, int port, String es, HttpClient http,
                                  int samples, long seed) throws Exception {
        Coaching coaching = app.getBean(Coaching.class);
        String basic = "Basic " + Base64.getEncoder().encodeToString("supervisor:demo".getBytes(StandardCharsets.UTF_8));
        signIn(http, port, "supervisor", "demo");
        String auth = null; // the session cookie only, as the coaching page sends it
        Instant from = end.minus(Duration.ofDays(30));
        URI coachingUri = URI.create("http://127.0.0.1:" + port + "/api/insight/coaching?from=" + from + "&to=" + end);
        URI coachingQueueUri = URI.create("http://127.0.0.1:" + port + "/api/insight/coaching?from=" + from + "&to=" + end
                + "&queue=billing");
        InsightRequests.Raw coachingRaw = InsightRequests.coaching(queries, from, end, null, 10);
        InsightRequests.Raw coachingQueueRaw = InsightRequests.coaching(queries, from, end, "billing", 10);
        HttpResponse<String> check = http.send(HttpRequest.newBuilder(coachingUri).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode report = JSON.readTree(check.body());
        System.out.printf("    coaching over 30 days: HTTP %d, team %s, %d agent x topic rows, %d moments%n",
                check.statusCode(), report.get("team"), report.get("agents").size(), report.get("moments").size());

        measure("coaching report, GET /api/insight/coaching (30 days)", samples,
                () -> httpGet(http, coachingUri, auth), () -> raw(http, es, coachingRaw));
        // Where the time over the raw query goes: the same request with HTTP Basic and no session (the password
        // checked on every request), and the cheapest authenticated request with the session (servlet + security).
        HttpClient noSession = HttpClient.newHttpClient();
        measure("coaching report, HTTP Basic per request, no session", samples,
                () -> httpGet(noSession, coachingUri, basic), () -> raw(http, es, coachingRaw));
        URI me = URI.create("http://127.0.0.1:" + port + "/api/me");
        measure("GET /api/me with the session (HTTP + security alone)", samples,
                () -> httpGet(http, me, auth), () -> raw(http, es, coachingRaw));
        measure("coaching report, one queue (30 days)", samples,
                () -> httpGet(http, coachingQueueUri, auth), () -> raw(http, es, coachingQueueRaw));
        measure("coaching report, Java API (30 days)", samples,
                () -> coaching.report(from, end, null), () -> raw(http, es, coachingRaw));

        List<HistoryGenerator.GeneratedCase> picks = latencyPicks(history, seed, samples);
        int[] next = {0};
        int[] nextRaw = {0};
        measure("repeats of a case (earlier cases, 90 days)", samples, () -> {
            HistoryGenerator.GeneratedCase c = picks.get(next[0]++ % picks.size());
            return queries.earlierContacts(c.customerId(), c.caseId(), MessageFacts.topicOf(c.firstText()).name(),
                    c.firstText(), c.openedAt().minus(Duration.ofDays(90)), c.openedAt(), 50);
        }, () -> {
            HistoryGenerator.GeneratedCase c = picks.get(nextRaw[0]++ % picks.size());
            return raw(http, es, InsightRequests.repeats(queries, c.customerId(), c.caseId(),
                    MessageFacts.topicOf(c.firstText()).name(), c.firstText(), c.openedAt().minus(Duration.ofDays(90)),
                    c.openedAt(), 50));
        });

        Instant windowEnd = watch.lastWindowEnd(end.minus(Duration.ofDays(1)));
        InsightRequests.Raw volumesRaw = InsightRequests.volumes(queries, windowEnd, watch.window(), 168);
        measure("spike check: volumes per topic x channel (1 h vs 7 days)", samples,
                () -> queries.volumes(windowEnd, watch.window(), 168), () -> raw(http, es, volumesRaw));
        Instant spikeEnd = history.spikes().get(0).start().plus(watch.window());
        Instant baselineStart = spikeEnd.minus(watch.window().multipliedBy(169));
        InsightRequests.Raw risingRaw = InsightRequests.risingTerms(queries, "TECHNICAL", "CHAT",
                spikeEnd.minus(watch.window()), spikeEnd, baselineStart, 6);
        measure("spike naming: significant text of a window", samples,
                () -> queries.risingTerms("TECHNICAL", "CHAT", spikeEnd.minus(watch.window()), spikeEnd, baselineStart, 6, 100),
                () -> raw(http, es, risingRaw));
    }

    private static Object httpGet(HttpClient http, URI uri, String auth) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri);
            if (auth != null) {
                request.header("Authorization", auth);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object raw(HttpClient http, String es, InsightRequests.Raw request) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(es + request.path()))
                    .header("Content-Type", request.multi() ? "application/x-ndjson" : "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request.body())).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Elasticsearch answered " + response.statusCode() + ": " + response.body());
            }
            if (request.multi() && response.body().contains("\"error\":")) {
                throw new IllegalStateException("A search of the multi-search failed: " + response.body());
            }
            return response.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs in through the login form as a browser does (the CSRF cookie of the sign-in page sent back). */
    private static void signIn(HttpClient http, int port, String user, String password) throws Exception {
        java.net.CookieManager cookies = (java.net.CookieManager) http.cookieHandler().orElseThrow();
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.discarding());
        String csrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no CSRF cookie from /login")).getValue();
        String form = "username=" + user + "&password=" + password + "&_csrf="
                + java.net.URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("sign-in failed: " + response.statusCode() + " " + location);
        }
    }

    /**
     * Gives customer messages (of the customers {@code embedded} accepts) the embedding of their text before the bulk
     * write, as intake does for a real message (its vector is what repeat detection's kNN compares). Only customer messages: the kNN filters by
     * {@code kind = INBOUND}, so the vectors of replies and status lines would not change one answer and only slow
     * the index down. Each distinct text is embedded once (the model's cache; the generator's follow-ups repeat).
     */
    static final class VectorSink implements HistoryGenerator.Sink {
        private final HistoryGenerator.Sink next;
        private final TextEmbeddings embeddings;
        private final java.util.function.LongPredicate embedded;
        private final java.util.concurrent.ForkJoinPool pool;
        private final Set<String> distinct = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private long messages;
        private long nanos;

        VectorSink(HistoryGenerator.Sink next, TextEmbeddings embeddings, java.util.function.LongPredicate embedded,
                   int threads) {
            this.next = next;
            this.embeddings = embeddings;
            this.embedded = embedded;
            this.pool = new java.util.concurrent.ForkJoinPool(Math.max(1, threads));
        }

        @Override
        public void write(List<TaggedInteraction> interactions, List<io.omnicase.search.CaseOutcome> outcomes) {
            long t0 = System.nanoTime();
            List<TaggedInteraction> withVectors;
            try {
                withVectors = pool.submit(() -> interactions.parallelStream().map(i -> {
                    if (!"INBOUND".equals(i.document().kind()) || i.document().text() == null
                            || !embedded.test(i.document().customerId())) {
                        return i;
                    }
                    distinct.add(i.document().text());
                    return new TaggedInteraction(i.document(), i.tags(), embeddings.embed(i.document().text()));
                }).toList()).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            nanos += System.nanoTime() - t0;
            messages += withVectors.stream().filter(i -> i.vector() != null).count();
            next.write(withVectors, outcomes);
        }

        void close() {
            pool.shutdown();
        }

        String summary() {
            return String.format("%,d customer messages given vectors (%,d distinct texts) in %.0f s of embedding",
                    messages, distinct.size(), nanos / 1e9);
        }
    }

    private static void forceMerge(HttpClient http, String es) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(es + "/_forcemerge?max_num_segments=5"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Alternates API and raw calls (warmed up first) so both see the same node state; prints p50, p95 and the ratio. */
    private static void measure(String name, int samples, Supplier<Object> api, Supplier<Object> raw) {
        for (int i = 0; i < 20; i++) {
            api.get();
            raw.get();
        }
        long[] apiTimes = new long[samples];
        long[] rawTimes = new long[samples];
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            api.get();
            long t1 = System.nanoTime();
            raw.get();
            long t2 = System.nanoTime();
            apiTimes[i] = t1 - t0;
            rawTimes[i] = t2 - t1;
        }
        java.util.Arrays.sort(apiTimes);
        java.util.Arrays.sort(rawTimes);
        double apiP50 = apiTimes[samples / 2] / 1e6;
        double apiP95 = apiTimes[(int) (samples * 0.95)] / 1e6;
        double rawP50 = rawTimes[samples / 2] / 1e6;
        double rawP95 = rawTimes[(int) (samples * 0.95)] / 1e6;
        System.out.printf("(3) %-58s API p50 %7.1f ms p95 %7.1f ms | raw ES p50 %7.1f ms p95 %7.1f ms | p95 ratio %.2f"
                + "  [target p95 < 500 ms, <= 1.3x raw]%n", name, apiP50, apiP95, rawP50, rawP95, apiP95 / rawP95);
    }
}
