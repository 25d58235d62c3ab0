package io.omnicase.desk;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.support.Api;
import io.omnicase.support.CustomerMessages;
import io.omnicase.support.QueueCases;
import io.omnicase.support.QueueCases.QueueCase;
import io.omnicase.support.RunningOmnicase;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The desk's queue list as an agent scans it ({@code GET /api/desk/queue}) and its live feed
 * ({@code GET /api/desk/events}), against the real servers, with cases routed by the real rules.
 */
@RunningOmnicase
class DeskQueueIT {

    @LocalServerPort
    int port;

    @Autowired
    TaskService camundaTasks;

    @Test
    void aRowTellsSubjectCustomerChannelWaitingTimeSlaMoodAndTheLatestMessage() {
        String marker = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Instant before = Instant.now().minusSeconds(1);
        long caseId = CustomerMessages.write(port, "EMAIL", "ruth-" + marker + "@example.com",
                "I was charged twice for my subscription and I am really angry about it (" + marker + ")", null);
        JsonNode item = await().atMost(Duration.ofSeconds(30)).until(() -> itemOf(queue("agent", ""), caseId), Optional::isPresent)
                .orElseThrow();

        assertThat(item.get("subject").asText()).contains(marker).contains("charged twice");
        assertThat(item.get("customerName").asText()).isEqualTo("ruth-" + marker + "@example.com");
        assertThat(item.get("channel").asText()).isEqualTo("EMAIL");
        assertThat(item.get("queue").asText()).isEqualTo("billing");
        assertThat(item.get("status").asText()).isEqualTo("ESCALATED");
        assertThat(item.path("assignee").isNull()).isTrue();
        Instant waiting = Instant.parse(item.get("waitingSince").asText());
        // The engine keeps a task's creation to the second.
        assertThat(waiting).as("the customer's message, before the task").isAfter(before)
                .isBefore(Instant.parse(item.get("created").asText()).plusSeconds(1));
        assertThat(Instant.parse(item.get("slaDue").asText())).isAfter(Instant.now());
        assertThat(item.get("slaState").asText()).isEqualTo("ok");
        assertThat(item.get("sentiment").get("label").asText()).isEqualTo("NEGATIVE");
        assertThat(item.get("sentiment").get("score").asDouble()).isLessThan(0);
        assertThat(item.get("sentiment").get("trend").asText()).isEqualTo("STEADY");
        assertThat(item.get("lastMessage").asText()).startsWith("I was charged twice").contains(marker);
        assertThat(item.get("taskId").asText()).isNotBlank();
    }

    @Test
    void aMessageTheChannelDatesAYearBackWaitsFromWhenItsCaseWasOpenedNotForAYear() {
        String marker = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Map<String, Object> message = io.omnicase.support.CustomerMessages.message("EMAIL", "old-" + marker + "@example.com",
                "I was charged twice and I am angry (" + marker + ")", null);
        message.put("timestamp", Instant.now().minus(Duration.ofDays(365)).toString());
        Instant before = Instant.now().minusSeconds(1);
        long caseId = Api.as(port, "gateway").postJson("/api/messages", message).json().get("caseId").asLong();

        JsonNode item = await().atMost(Duration.ofSeconds(30)).until(() -> itemOf(queue("agent", ""), caseId), Optional::isPresent)
                .orElseThrow();
        assertThat(Instant.parse(item.get("waitingSince").asText())).isAfter(before);
    }

    @Test
    void aLongLatestMessageIsCutTo140CharactersAndAnAnswerByAPersonEndsTheWait() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        String longText = "Still waiting for the refund. " + "x".repeat(300);
        QueueCases.customerWrites(port, billing, longText);
        JsonNode item = await().atMost(Duration.ofSeconds(30)).until(() -> itemOf(queue("agent", ""), billing.caseId()),
                found -> found.isPresent() && found.get().get("lastMessage").asText().startsWith("Still waiting")).orElseThrow();
        assertThat(item.get("lastMessage").asText()).hasSize(140);
        Instant firstWait = Instant.parse(item.get("waitingSince").asText());

        Api.as(port, "agent").postJson("/api/cases/" + billing.caseId() + "/replies", java.util.Map.of("text", "Looking into it"));
        // Answered: nobody waits for an agent now (the row said "waiting 10 min" from the task's creation).
        await().atMost(Duration.ofSeconds(30)).until(() -> itemOf(queue("agent", ""), billing.caseId()),
                found -> found.isPresent() && found.get().get("waitingSince").isNull());
        QueueCases.customerWrites(port, billing, "Thank you, any news?");

        JsonNode later = await().atMost(Duration.ofSeconds(30)).until(() -> itemOf(queue("agent", ""), billing.caseId()),
                found -> found.isPresent() && found.get().get("lastMessage").asText().startsWith("Thank you")).orElseThrow();
        assertThat(Instant.parse(later.get("waitingSince").asText())).as("waits since the message after the reply")
                .isAfter(firstWait);
    }

    @Test
    void tabsSplitMineFromUnassignedAndCountEach() {
        QueueCase claimed = QueueCases.escalatedIn(port, "billing");
        QueueCase open = QueueCases.escalatedIn(port, "billing");
        Api agent = Api.as(port, "agent");

        JsonNode claim = agent.post("/api/desk/tasks/" + claimed.taskId() + "/claim", "application/json", "").json();
        assertThat(claim.get("taskId").asText()).isEqualTo(claimed.taskId());
        assertThat(claim.get("assignee").asText()).isEqualTo("agent");
        assertThat(claim.get("customerName").asText()).isEqualTo(claimed.address());
        assertThat(claim.get("subject").asText()).contains(claimed.marker());

        JsonNode mine = queue("agent", "tab=mine");
        JsonNode unassigned = queue("agent", "tab=unassigned");
        JsonNode all = queue("agent", "");
        assertThat(caseIds(mine)).contains(claimed.caseId()).doesNotContain(open.caseId());
        assertThat(caseIds(unassigned)).contains(open.caseId()).doesNotContain(claimed.caseId());
        assertThat(caseIds(all)).contains(claimed.caseId(), open.caseId());
        assertThat(mine.get("counts").get("mine").asInt()).isEqualTo(mine.get("items").size());
        assertThat(all.get("counts").get("queues").asInt()).isEqualTo(all.get("items").size());
        assertThat(all.get("counts").get("unassigned").asInt()).isEqualTo(unassigned.get("items").size());

        // A colleague of the same queue sees the claimed case in the queue tab, held by agent, not in their own tab.
        assertThat(itemOf(queue("senior", ""), claimed.caseId())).get()
                .satisfies(item -> assertThat(item.get("assignee").asText()).isEqualTo("agent"));
        assertThat(caseIds(queue("senior", "tab=mine"))).doesNotContain(claimed.caseId());
    }

    @Test
    void theHolderGivesACaseBackToItsQueueAndNobodyElseCan() {
        QueueCase held = QueueCases.escalatedIn(port, "billing");
        Api agent = Api.as(port, "agent");
        agent.post("/api/desk/tasks/" + held.taskId() + "/claim", "application/json", "").json();
        String release = "/api/desk/cases/" + held.caseId() + "/release";

        Api.Response colleague = Api.as(port, "senior").post(release, "application/json", "");
        assertThat(colleague.status()).as("a colleague's case is theirs to give back: %s", colleague).isEqualTo(409);
        assertThat(colleague.body()).contains("not by you");
        Api.Response outsider = Api.as(port, "tech").post(release, "application/json", "");
        assertThat(outsider.status()).as("another queue's case: %s", outsider).isIn(403, 404);
        assertThat(camundaTasks.createTaskQuery().taskId(held.taskId()).singleResult().getAssignee()).isEqualTo("agent");

        JsonNode released = agent.post(release, "application/json", "").json();
        assertThat(released.get("queue").asText()).isEqualTo("billing");
        assertThat(camundaTasks.createTaskQuery().taskId(held.taskId()).singleResult().getAssignee()).isNull();
        assertThat(caseIds(queue("agent", "tab=unassigned"))).contains(held.caseId());
        assertThat(caseIds(queue("agent", "tab=mine"))).doesNotContain(held.caseId());
        JsonNode timeline = agent.get("/api/cases/" + held.caseId() + "/timeline").json();
        assertThat(StreamSupport.stream(timeline.spliterator(), false).map(e -> e.path("text").asText()))
                .as("the timeline says who gave it back").anyMatch(text -> text.contains("gave the case back to queue billing"));

        Api.Response again = agent.post(release, "application/json", "");
        assertThat(again.status()).as("nobody holds it now: %s", again).isEqualTo(409);
        assertThat(again.body()).contains("nobody holds it");
    }

    @Test
    void wordsFindASubjectACustomerOrACaseNumberAndFiltersNarrowByChannelAndQueue() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        QueueCase general = QueueCases.escalatedIn(port, "general");

        assertThat(caseIds(queue("agent", "q=" + billing.marker()))).containsExactly(billing.caseId());
        assertThat(caseIds(queue("agent", "q=" + encode(billing.address().toUpperCase())))).containsExactly(billing.caseId());
        assertThat(caseIds(queue("agent", "q=" + encode("#" + general.caseId())))).containsExactly(general.caseId());
        assertThat(caseIds(queue("agent", "q=" + general.caseId()))).contains(general.caseId());
        assertThat(queue("agent", "q=" + billing.marker()).get("counts").get("queues").asInt()).isEqualTo(1);

        assertThat(caseIds(queue("agent", "queue=general"))).contains(general.caseId()).doesNotContain(billing.caseId());
        assertThat(caseIds(queue("agent", "queue=billing&channel=email"))).contains(billing.caseId());
        assertThat(caseIds(queue("agent", "channel=SMS&q=" + billing.marker()))).isEmpty();
    }

    @Test
    void theListComesBreachedFirstThenByPriorityThenBySlaDeadline() {
        QueueCases.escalatedIn(port, "billing");
        QueueCases.customerWrites(port, QueueCases.escalatedIn(port, "general"), "This is urgent, please hurry!");
        List<JsonNode> items = new ArrayList<>();
        queue("supervisor", "").get("items").forEach(items::add);
        assertThat(items).hasSizeGreaterThan(1);
        for (int i = 1; i < items.size(); i++) {
            JsonNode a = items.get(i - 1);
            JsonNode b = items.get(i);
            boolean aBreached = "breached".equals(a.get("slaState").asText());
            boolean bBreached = "breached".equals(b.get("slaState").asText());
            assertThat(!aBreached && bBreached).as("breached before the rest: %s, %s", a, b).isFalse();
            if (aBreached == bBreached) {
                assertThat(a.get("priority").asInt()).as("priority descending").isGreaterThanOrEqualTo(b.get("priority").asInt());
                if (a.get("priority").asInt() == b.get("priority").asInt() && !a.path("slaDue").isNull() && !b.path("slaDue").isNull()) {
                    assertThat(Instant.parse(a.get("slaDue").asText())).isBeforeOrEqualTo(Instant.parse(b.get("slaDue").asText()));
                }
            }
        }
    }

    @Test
    void anUnknownTabOrChannelIsAProblemAndAnAuditorIsRefused() {
        Api.Response tab = Api.as(port, "agent").get("/api/desk/queue?tab=everything");
        assertThat(tab.status()).isEqualTo(400);
        assertThat(tab.contentType()).startsWith("application/problem+json");
        assertThat(tab.body()).contains("tab");
        Api.Response channel = Api.as(port, "agent").get("/api/desk/queue?channel=FAX");
        assertThat(channel.status()).isEqualTo(400);
        assertThat(channel.contentType()).startsWith("application/problem+json");
        assertThat(channel.body()).contains("channel");

        Api.Response auditor = Api.as(port, "auditor").get("/api/desk/queue");
        assertThat(auditor.status()).isEqualTo(403);
        assertThat(auditor.contentType()).startsWith("application/problem+json");
        assertThat(Api.as(port, "designer").get("/api/desk/queue").status()).isEqualTo(403);
    }

    @Test
    void theDeskFeedTellsOfANewMessageInACaseOfMyQueueAndNotOfACaseOutsideThem() throws Exception {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        QueueCase technical = QueueCases.escalatedIn(port, "technical");
        try (EventStream desk = EventStream.open(port, "agent", "/api/desk/events")) {
            QueueCases.customerWrites(port, technical, "The app still crashes at start, nothing has changed");
            // The technical case has taken its message and been reassessed before the billing case gets one.
            await().atMost(Duration.ofSeconds(30)).until(() -> decisions(technical.caseId()) >= 2);
            QueueCases.customerWrites(port, billing, "Any news about my refund?");

            desk.waitFor("queue", n -> n.get("caseId").asLong() == billing.caseId() && "message".equals(n.get("reason").asText()));
            assertThat(desk.received("queue")).extracting(n -> n.get("caseId").asLong()).doesNotContain(technical.caseId());
        }
    }

    @Test
    void theDeskFeedTellsOfAClaim() throws Exception {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        try (EventStream desk = EventStream.open(port, "senior", "/api/desk/events")) {
            Api.as(port, "agent").post("/api/desk/tasks/" + billing.taskId() + "/claim", "application/json", "");
            desk.waitFor("queue", n -> n.get("caseId").asLong() == billing.caseId() && "claimed".equals(n.get("reason").asText()));
        }
    }

    @Test
    void aClaimOutsideTheDeskReachesTheDeskFeedAndTheCaseStreamToo() throws Exception {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        try (EventStream desk = EventStream.open(port, "senior", "/api/desk/events");
             EventStream caseStream = EventStream.open(port, "senior", "/api/desk/cases/" + billing.caseId() + "/events")) {
            // As Tasklist does it: through the engine, not the desk's API.
            camundaTasks.claim(billing.taskId(), "agent");

            desk.waitFor("queue", n -> n.get("caseId").asLong() == billing.caseId() && "claimed".equals(n.get("reason").asText()));
            caseStream.waitFor("case", c -> "agent".equals(c.path("assignee").asText(null)));
        }
    }

    @Test
    void oneUserHoldsAtMostSixteenLiveStreamsTheOldestEndsWhenAnotherOpens() throws Exception {
        List<EventStream> streams = new ArrayList<>();
        try {
            // Twice the limit: any stream this user still holds from an earlier test is older and ends first.
            for (int i = 0; i < 32; i++) {
                streams.add(EventStream.open(port, "tech", "/api/desk/events"));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> streams.subList(0, 16).stream().allMatch(EventStream::ended));
            assertThat(streams.subList(16, 32)).as("the newest sixteen stay open").noneMatch(EventStream::ended);
        } finally {
            for (EventStream stream : streams) {
                stream.close();
            }
        }
    }

    private int decisions(long caseId) {
        int count = 0;
        for (JsonNode entry : Api.as(port, "supervisor").get("/api/cases/" + caseId + "/timeline").json()) {
            if ("DECISION".equals(entry.get("kind").asText())) {
                count++;
            }
        }
        return count;
    }

    private JsonNode queue(String user, String query) {
        Api.Response response = Api.as(port, user).get("/api/desk/queue" + (query.isEmpty() ? "" : "?" + query));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static Optional<JsonNode> itemOf(JsonNode listing, long caseId) {
        return StreamSupport.stream(listing.get("items").spliterator(), false)
                .filter(item -> item.get("caseId").asLong() == caseId).findFirst();
    }

    private static List<Long> caseIds(JsonNode listing) {
        return StreamSupport.stream(listing.get("items").spliterator(), false).map(item -> item.get("caseId").asLong()).toList();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
