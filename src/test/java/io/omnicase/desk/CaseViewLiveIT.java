package io.omnicase.desk;

import io.omnicase.support.Timelines;
import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.support.Api;
import io.omnicase.support.QueueCases;
import io.omnicase.support.QueueCases.QueueCase;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The case view never goes stale: the case stream sends the case's header on every change, the timeline shows moves
 * between queues, the handover counts every message, search shows the current status, the header's queue is the
 * task's queue, and the customer shows by name.
 */
@RunningOmnicase
class CaseViewLiveIT {

    @LocalServerPort
    int port;

    @Test
    void theCaseStreamSendsTheCaseAsResolvedAfterTheAgentResolvesIt() throws Exception {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        try (EventStream stream = EventStream.open(port, "agent", "/api/desk/cases/" + billing.caseId() + "/events")) {
            Api.Response claim = Api.as(port, "agent").post("/api/desk/tasks/" + billing.taskId() + "/claim", "application/json", "");
            assertThat(claim.status()).as(claim.toString()).isEqualTo(200);
            JsonNode claimed = stream.waitFor("case", c -> "agent".equals(c.path("assignee").asText(null))).data();
            assertThat(claimed.get("caseId").asLong()).isEqualTo(billing.caseId());
            assertThat(claimed.get("status").asText()).isEqualTo("ESCALATED");
            assertThat(claimed.get("queue").asText()).isEqualTo("billing");
            assertThat(claimed.get("priority").asInt()).isPositive();
            assertThat(claimed.get("sentiment").get("trend").asText()).isIn("FALLING", "STEADY", "RISING");
            assertThat(caseView(billing.caseId()).get("assignee").asText()).as("the case details agree").isEqualTo("agent");

            Api.Response resolve = Api.as(port, "agent").postJson("/api/cases/" + billing.caseId() + "/resolve",
                    Map.of("resolution", "Refunded the second charge", "topic", "BILLING"));
            assertThat(resolve.status()).as(resolve.toString()).isEqualTo(200);

            JsonNode resolved = stream.waitFor("case", c -> "RESOLVED".equals(c.get("status").asText())).data();
            assertThat(resolved.path("assignee").isNull()).as("nobody holds a resolved case's task").isTrue();
        }
    }

    /** The agent who opens a case its customer waits on gets guidance for the waiting message, not only for new ones. */
    @Test
    void openingACaseWhoseCustomerWaitsGivesGuidanceForTheWaitingMessage() throws Exception {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        try (EventStream stream = EventStream.open(port, "agent", "/api/desk/cases/" + billing.caseId() + "/events")) {
            JsonNode guidance = stream.waitFor("guidance", g -> true).data();
            assertThat(guidance.get("question").asText()).isEqualTo(billing.text());
            assertThat(guidance.get("entryId").asLong()).isPositive();
            assertThat(guidance.has("suggestion")).isTrue();
        }
    }

    /**
     * Walk 49: Greta mailed a change of billing address; the assistant answered "I am not sure I can answer this
     * correctly. I am passing your question to a person…" and the case went to billing. The agent who opened it read
     * "Suggestions for new customer messages appear here": the assistant's hand-over was taken for an answer.
     */
    @Test
    void aCaseTheAssistantHandedOverGivesGuidanceForTheMessageTheCustomerStillWaitsOn() throws Exception {
        String marker = "zq" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String text = "Hello, we moved offices. Please change the billing address on my account to Hafenstrasse 12, "
                + "20457 Hamburg, from the next invoice on. I would like someone to confirm it. Reference " + marker;
        long caseId = io.omnicase.support.CustomerMessages.write(port, "EMAIL", "handed-" + marker + "@example.com", text,
                "thread-" + marker);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode timeline = timeline(caseId);
            boolean assistantAnswered = false;
            for (JsonNode entry : timeline) {
                assistantAnswered |= "OUTBOUND".equals(entry.path("kind").asText())
                        && "assistant".equals(entry.path("author").asText());
            }
            return assistantAnswered && "ESCALATED".equals(Api.as(port, "supervisor").get("/api/cases/" + caseId)
                    .json().path("status").asText());
        });
        try (EventStream stream = EventStream.open(port, "agent", "/api/desk/cases/" + caseId + "/events")) {
            JsonNode guidance = stream.waitFor("guidance", g -> true).data();
            assertThat(guidance.get("question").asText()).isEqualTo(text);
        }
    }

    @Test
    void aCustomerMessageArrivesWithItsSentimentAndASuggestionInWords() throws Exception {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        try (EventStream stream = EventStream.open(port, "agent", "/api/desk/cases/" + billing.caseId() + "/events")) {
            QueueCases.customerWrites(port, billing, "This is terrible, I am furious, how do I get my refund?");

            JsonNode entry = stream.waitFor("entry", e -> "INBOUND".equals(e.get("kind").asText())).data();
            assertThat(entry.get("sentiment").get("label").asText()).isEqualTo("NEGATIVE");
            assertThat(entry.get("sentiment").get("score").asDouble()).isNegative();
            JsonNode suggestion = entry.get("suggestion");
            double confidence = suggestion.get("confidence").asDouble();
            assertThat(suggestion.get("confidenceLevel").asText())
                    .isEqualTo(confidence >= 0.75 ? "high" : confidence >= 0.5 ? "medium" : "low");
            List<String> articleIds = new ArrayList<>();
            suggestion.get("articles").forEach(a -> articleIds.add(a.get("id").asText()));
            assertThat(new HashSet<>(articleIds)).as("each article once").hasSameSizeAs(articleIds);

            JsonNode header = stream.waitFor("case", c -> c.get("sentiment").get("label").asText().equals("NEGATIVE")).data();
            assertThat(header.get("caseId").asLong()).isEqualTo(billing.caseId());
        }
    }

    /**
     * Walk of 5 December: the desk listed "Download an invoice" for a printer case and "Cancel your subscription" for a
     * double charge. An article is listed only when the assistant is sure enough of it (the demo knowledge's articles).
     */
    @Test
    void theDeskListsAnArticleOnlyWhenItMatchesTheCustomersQuestion() throws Exception {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        Api.Response claim = Api.as(port, "agent").post("/api/desk/tasks/" + billing.taskId() + "/claim", "application/json", "");
        assertThat(claim.status()).as(claim.toString()).isEqualTo(200);
        try (EventStream stream = EventStream.open(port, "agent", "/api/desk/cases/" + billing.caseId() + "/events")) {
            JsonNode charged = stream.waitFor("guidance", g -> true).data().get("suggestion");
            assertThat(articleIds(charged)).as("a double charge").doesNotContain("cancel-subscription", "download-invoice");

            QueueCases.customerWrites(port, billing, "My printer is not printing anymore, the paper jams every time");
            JsonNode printer = stream.waitFor("entry", e -> e.get("text").asText().contains("printer")).data();
            assertThat(articleIds(printer.get("suggestion"))).as("a printer case").isEmpty();

            QueueCases.customerWrites(port, billing, "How can I reset my password? I forgot it");
            JsonNode password = stream.waitFor("entry", e -> e.get("text").asText().contains("reset my password")).data();
            assertThat(articleIds(password.get("suggestion"))).containsExactly("reset-password");
        }
    }

    private static List<String> articleIds(JsonNode suggestion) {
        List<String> ids = new ArrayList<>();
        suggestion.get("articles").forEach(a -> ids.add(a.get("id").asText()));
        return ids;
    }

    @Test
    void aThirdMessageMakesTheHandoverSayThreeMessages() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        QueueCases.customerWrites(port, billing, "Hello? I am still waiting for the refund");
        assertThat(summary(billing)).contains("wrote 2 messages");

        QueueCases.customerWrites(port, billing, "Can I talk to a person please?");

        assertThat(summary(billing)).contains("wrote 3 messages").contains("latest: \"Can I talk to a person please?\"");
    }

    @Test
    void aMoveToAnotherQueueLeavesATimelineEntryAndTheCaseIsWhereItsTaskIs() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        QueueCases.customerWrites(port, billing, "Also the app crashes at every start, I want to speak to a real person");

        await().atMost(Duration.ofSeconds(30)).until(() -> Timelines.texts(timeline(billing.caseId()), "ROUTING").stream()
                .anyMatch(t -> t.startsWith("Queue billing → technical")));
        assertThat(Timelines.texts(timeline(billing.caseId()), "ROUTING")).anySatisfy(t -> assertThat(t).endsWith("by routing rules"));
        assertThat(caseView(billing.caseId()).get("queue").asText()).isEqualTo("technical");
        assertThat(taskQueue(billing)).isEqualTo("technical");
    }

    @Test
    void aMessageTheRulesWouldLeaveToTheAssistantDoesNotTakeTheCaseAwayFromItsTasksQueue() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        QueueCases.customerWrites(port, billing, "Ok thanks");

        // The rules decided self-service; the case stays in billing with its task, and the timeline, the routing panel
        // and the handover say so (not "self-service" for a case a person has).
        await().atMost(Duration.ofSeconds(30)).until(() -> Timelines.texts(timeline(billing.caseId()), "DECISION").size() >= 2);
        assertThat(Timelines.texts(timeline(billing.caseId()), "DECISION").get(1)).isEqualTo("Re-assessed: no change");
        JsonNode routing = Api.as(port, "agent").get("/api/cases/" + billing.caseId() + "/handover").json().get("routing");
        assertThat(routing.get("selfService").asBoolean()).isFalse();
        assertThat(routing.get("queue").asText()).isEqualTo("billing");
        assertThat(routing.get("reasons").toString()).as("the reasons of the decision that escalated the case")
                .isEqualTo(firstDecisionRules(billing.caseId()));
        assertThat(caseView(billing.caseId()).get("queue").asText()).isEqualTo("billing");
        assertThat(taskQueue(billing)).isEqualTo("billing");
        assertThat(Timelines.texts(timeline(billing.caseId()), "ROUTING")).noneMatch(t -> t.startsWith("Queue"));
    }

    @Test
    void aCaseSomeoneHoldsStaysWithThemWhenTheRulesWouldNowRouteItElsewhere() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        Api.Response claim = Api.as(port, "agent").post("/api/desk/tasks/" + billing.taskId() + "/claim", "application/json", "");
        assertThat(claim.status()).as(claim.toString()).isEqualTo(200);
        QueueCases.customerWrites(port, billing, "Also the app crashes at every start, I want to speak to a real person");

        await().atMost(Duration.ofSeconds(30)).until(() -> Timelines.texts(timeline(billing.caseId()), "DECISION").size() >= 2);
        assertThat(Timelines.texts(timeline(billing.caseId()), "DECISION").get(1)).startsWith(
                "Re-assessed: the latest message is for the technical queue; the case stays with Alex Agent in billing");
        JsonNode routing = Api.as(port, "agent").get("/api/cases/" + billing.caseId() + "/handover").json().get("routing");
        assertThat(routing.get("queue").asText()).isEqualTo("billing");
        assertThat(routing.get("reasons").toString()).as("no reason that sends the case elsewhere")
                .isEqualTo(firstDecisionRules(billing.caseId())).doesNotContain("technical");
        assertThat(caseView(billing.caseId()).get("queue").asText()).isEqualTo("billing");
        assertThat(caseView(billing.caseId()).get("assignee").asText()).isEqualTo("agent");
        assertThat(taskQueue(billing)).isEqualTo("billing");
        assertThat(Timelines.texts(timeline(billing.caseId()), "ROUTING")).noneMatch(t -> t.startsWith("Queue"));
    }

    @Test
    void searchShowsAResolvedCaseAsResolved() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        await().atMost(Duration.ofSeconds(30)).until(() -> statuses(billing).contains("ESCALATED"));

        Api.Response resolve = Api.as(port, "agent").postJson("/api/cases/" + billing.caseId() + "/resolve",
                Map.of("resolution", "Refunded", "topic", "BILLING"));
        assertThat(resolve.status()).as(resolve.toString()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(statuses(billing)).containsOnly("RESOLVED"));
    }

    @Test
    void theCaseAndItsHandoverShowTheCustomerByName() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        JsonNode view = caseView(billing.caseId());
        assertThat(view.get("customerName").asText()).isEqualTo(billing.address());
        assertThat(view.get("customerId").asLong()).isEqualTo(billing.customerId());
        assertThat(view.get("status").asText()).isEqualTo("ESCALATED");
        assertThat(view.get("assignee").isNull()).as("nobody claimed it yet").isTrue();
        JsonNode handover = Api.as(port, "agent").get("/api/cases/" + billing.caseId() + "/handover").json();
        assertThat(handover.get("customer").get("displayName").asText()).isEqualTo(billing.address());
        assertThat(handover.get("summary").asText()).startsWith(billing.address() + " (Standard) wrote 1 message");
    }

    private List<String> statuses(QueueCase queueCase) {
        List<String> statuses = new ArrayList<>();
        Api.as(port, "agent").get("/api/search?q=" + queueCase.marker()).json().get("hits")
                .forEach(hit -> statuses.add(hit.get("caseStatus").asText()));
        return statuses;
    }

    private String summary(QueueCase queueCase) {
        return Api.as(port, "agent").get("/api/cases/" + queueCase.caseId() + "/handover").json().get("summary").asText();
    }

    /** The rules that escalated the case, as its first decision entry names them. */
    private String firstDecisionRules(long caseId) {
        for (JsonNode entry : timeline(caseId)) {
            if ("DECISION".equals(entry.get("kind").asText())) {
                return entry.get("detail").get("rulesFired").toString();
            }
        }
        throw new AssertionError("case " + caseId + " has no decision");
    }

    private String taskQueue(QueueCase queueCase) {
        for (JsonNode item : Api.as(port, "supervisor").get("/api/desk/queue").json().get("items")) {
            if (item.get("caseId").asLong() == queueCase.caseId()) {
                return item.get("queue").asText();
            }
        }
        throw new AssertionError("Case " + queueCase.caseId() + " has no task in any queue");
    }

    private JsonNode caseView(long caseId) {
        return Api.as(port, "supervisor").get("/api/cases/" + caseId).json();
    }

    private JsonNode timeline(long caseId) {
        return Api.as(port, "supervisor").get("/api/cases/" + caseId + "/timeline").json();
    }

}
