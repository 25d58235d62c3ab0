package io.omnicase.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseIntake;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseStatus;
import io.omnicase.cases.InteractionKind;
import io.omnicase.cases.TimelineEntry;
import io.omnicase.cases.InboundMessage;
import io.omnicase.customers.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Cases that the demo agents worked from the first message to the resolution, so that a first look at coaching, the
 * quality scores, the audit trail and a resolved case's timeline has something to show. Played through the product
 * itself: the customers' messages through case intake, the routing by the real rules, the agents' replies and
 * resolutions through the REST API as those agents (their queues checked as for anyone). Each step waits, bounded,
 * for the case to reach the state it needs; a case that does not get there is left where it is, with a warning.
 */
@Component
@ConditionalOnProperty(name = "omnicase.demo-data", havingValue = "true")
class DemoHistory {

    private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);
    private static final Duration STEP_LIMIT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(500);

    /** One worked case: who writes, what, where the rules send it, and how its agent handles it. */
    record Scenario(String agent, String queue, Channel channel, String from, String name, String subject,
                    String opening, String reply, String answer, String topic, String resolution, int hoursAgo) {
    }

    /** A played scenario: its case and the status it was left in. */
    record Played(long caseId, String agent, String queue, String status) {
    }

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("agent", "billing", Channel.EMAIL, "ben.ortiz@example.com", "Ben Ortiz", "Charged twice in November",
                    "Hello, I was charged twice for my subscription in November. Could you refund the second payment?",
                    "I'm sorry to hear that, Ben. I will make sure the second payment is refunded today; you will see it "
                            + "on your statement within three working days.",
                    "Thank you, that worked! The refund is already showing in my bank app.",
                    "BILLING", "Refunded the duplicate November payment.", 5),
            new Scenario("tech", "technical", Channel.EMAIL, "priya.nair@example.com", "Priya Nair", "App crashes since the update",
                    "The app crashes at every start since yesterday's update. I want to speak to a real person.",
                    "Please read the FAQ and reinstall the app.",
                    "I already reinstalled it twice, it still crashes. This is really disappointing.",
                    "TECHNICAL", "Known crash of version 4.2 on older phones; the customer was moved to the 4.2.1 beta.", 3),
            new Scenario("senior", "general", Channel.EMAIL, "c.dubois@example.com", "Camille Dubois", "Contract renewal",
                    "I want to speak to a real person about my contract renewal next month.",
                    "Thanks for reaching out, Camille. I understand you want certainty before the renewal: I'll make sure "
                            + "your contract renews at the current price, and I have sent you the confirmation.",
                    "Great, thanks a lot for the quick help.",
                    "OTHER", "Renewal at the current price confirmed in writing.", 2));

    private final CaseIntake intake;
    /** The demo watches its cases from inside: a read through the API is a person's, and the audit trail says so. */
    private final CaseManagement cases;
    private final Environment environment;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DemoHistory(CaseIntake intake, CaseManagement cases, Environment environment, ObjectMapper json) {
        this.intake = intake;
        this.cases = cases;
        this.environment = environment;
        this.json = json;
    }

    /** Plays the scenarios on a thread of its own; the start of the application does not wait for them. */
    void playInBackground() {
        Thread thread = new Thread(() -> {
            List<Played> played = play(SCENARIOS, "");
            log.info("Demo history: {}", played);
        }, "demo-history");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Plays the scenarios one after the other; {@code tag} makes their senders unique (empty for the demo). Answers
     * each case and the status it reached.
     */
    List<Played> play(List<Scenario> scenarios, String tag) {
        List<Played> played = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            played.add(play(scenario, tag));
        }
        return played;
    }

    private Played play(Scenario s, String tag) {
        Instant now = Instant.now();
        String from = tag.isEmpty() ? s.from() : tag + "-" + s.from();
        long caseId = intake.receive(new InboundMessage(s.channel(), from, s.name(), s.opening(),
                "demo-history-" + from, null, s.subject(), now.minus(s.hoursAgo(), ChronoUnit.HOURS), null, true))
                .caseId().value();
        try {
            await(caseId, () -> cases.find(new CaseId(caseId))
                    .filter(c -> c.status() == CaseStatus.ESCALATED && s.queue().equals(c.queue())).isPresent());
            expect(post(s.agent(), "/api/cases/" + caseId + "/replies", Map.of("text", s.reply())), 201, caseId);
            intake.receive(new InboundMessage(s.channel(), from, s.name(), s.answer(), "demo-history-answer-" + from,
                    null, s.subject() == null ? null : "Re: " + s.subject(), Instant.now(), caseId, false));
            // The answer is assessed again (a routing decision after it); resolved before that, the answer would
            // come to a resolved case and reopen it.
            await(caseId, () -> decidedAfter(caseId, s.answer()));
            // 409 while the case is between steps: tried again; anything else but 200 ends the scenario.
            await(caseId, () -> {
                HttpResponse<String> resolved = post(s.agent(), "/api/cases/" + caseId + "/resolve",
                        Map.of("topic", s.topic(), "resolution", s.resolution()));
                if (resolved.statusCode() != 409) {
                    expect(resolved, 200, caseId);
                }
                return resolved.statusCode() == 200;
            });
        } catch (RuntimeException e) {
            log.warn("Demo history: case {} ({}) left unfinished: {}", caseId, s.name(), e.getMessage());
        }
        return new Played(caseId, s.agent(), s.queue(), status(caseId));
    }

    /** Whether the case's timeline has a routing decision after the customer's message with this text. */
    private boolean decidedAfter(long caseId, String text) {
        boolean answered = false;
        for (TimelineEntry entry : cases.timeline(new CaseId(caseId))) {
            answered |= entry.kind() == InteractionKind.INBOUND && text.equals(entry.text());
            // A routing entry: a decision the case is placed by, or a re-assessment that kept it where it is.
            if (answered && entry.kind() == InteractionKind.DECISION) {
                return true;
            }
        }
        return false;
    }

    private String status(long caseId) {
        return cases.find(new CaseId(caseId)).map(c -> c.status().name()).orElse("");
    }

    /** Polls the condition until it holds, for at most {@link #STEP_LIMIT}. */
    private void await(long caseId, BooleanSupplier condition) {
        Instant until = Instant.now().plus(STEP_LIMIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("the case did not get where the demo needs it within " + STEP_LIMIT
                        + ": " + status(caseId));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static void expect(HttpResponse<String> response, int status, long caseId) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("case " + caseId + ": " + response.request().uri().getPath() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }

    private HttpResponse<String> post(String user, String path, Map<String, String> body) {
        try {
            return send(user, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(String user, HttpRequest.Builder request) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + DemoData.PASSWORD).getBytes(StandardCharsets.UTF_8));
        try {
            return http.send(request.header("Authorization", "Basic " + credentials).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the API did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port", "8080")
                + environment.getProperty("server.servlet.context-path", "") + path);
    }
}
