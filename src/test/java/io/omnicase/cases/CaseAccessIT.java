package io.omnicase.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.channels.MailServer;
import io.omnicase.support.Api;
import io.omnicase.support.QueueCases;
import io.omnicase.support.QueueCases.QueueCase;
import io.omnicase.support.RunningOmnicase;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Access follows the queue: {@code tech} (technical queue) is refused every read and every change of a billing case
 * that {@code agent} (general, billing) works; supervisors take over claimed tasks, other agents do not; auditors read
 * and change nothing; an agent who handled a case keeps it when it moves to another queue. Refusals are 403 problem
 * details that tell nothing the case holds; each refused change is followed by a check that nothing changed.
 */
@RunningOmnicase
class CaseAccessIT {

    @LocalServerPort
    int port;

    @Autowired
    TaskService camundaTasks;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void anAgentOfAnotherQueueCannotReadABillingCaseInAnyWayWhileAnAgentOfTheQueueCan() throws Exception {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        String id = "/api/cases/" + billing.caseId();

        for (String path : List.of(id, id + "/timeline", id + "/handover", "/api/customers/" + billing.customerId(),
                "/api/customers/" + billing.customerId() + "/merges")) {
            assertRefused(as("tech").get(path), billing);
        }
        assertRefused(as("designer").get(id), billing);
        Sse refusedFeed = follow("tech", billing.caseId());
        assertThat(refusedFeed.status()).isEqualTo(403);
        assertThat(refusedFeed.contentType()).startsWith("application/problem+json");
        assertThat(refusedFeed.firstEvent()).doesNotContain(billing.marker());

        assertThat(as("agent").get(id).json().get("queue").asText()).isEqualTo("billing");
        assertThat(texts(as("agent").get(id + "/timeline").json())).contains(billing.text());
        assertThat(as("agent").get(id + "/handover").json().get("summary").asText()).contains(billing.marker());
        assertThat(caseIds(as("agent").get("/api/customers/" + billing.customerId()).json().get("cases")))
                .containsExactly(billing.caseId());
        Sse feed = follow("agent", billing.caseId());
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.firstEvent()).contains("ready").contains(String.valueOf(billing.caseId()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(caseIds(as("agent").get("/api/search?q=" + billing.marker()).json().get("hits")))
                        .containsExactly(billing.caseId()));
        JsonNode techSearch = as("tech").get("/api/search?q=" + billing.marker()).json();
        assertThat(techSearch.get("total").asLong()).isZero();
        assertThat(techSearch.get("hits")).isEmpty();
        assertThat(as("tech").get("/api/search?case=" + billing.caseId()).json().get("total").asLong()).isZero();
    }

    @Test
    void anAgentOfAnotherQueueCannotReplyClaimResolveOrCloseABillingCaseAndNothingChanges() throws Exception {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        String id = "/api/cases/" + billing.caseId();
        String techReply = "Tech was here " + billing.marker();

        assertRefused(as("tech").postJson(id + "/replies", Map.of("text", techReply)), billing);
        // A task outside one's queues is answered as one that does not exist (probe 46, L4).
        assertUnknownTask(as("tech").post("/api/desk/tasks/" + billing.taskId() + "/claim", "application/json", ""), billing);
        assertThat(assignee(billing.taskId())).isNull();
        assertThat(as("agent").post("/api/desk/tasks/" + billing.taskId() + "/claim", "application/json", "").status())
                .isEqualTo(200);
        assertUnknownTask(as("tech").post("/api/desk/tasks/" + billing.taskId() + "/claim", "application/json", ""), billing);
        assertThat(assignee(billing.taskId())).isEqualTo("agent");
        assertRefused(as("tech").postJson(id + "/resolve", Map.of("resolution", "Done by tech", "topic", "BILLING")), billing);
        assertThat(status(billing)).isEqualTo("ESCALATED");
        assertThat(assignee(billing.taskId())).isEqualTo("agent");

        String agentReply = "Your refund is on its way " + billing.marker();
        assertThat(as("agent").postJson(id + "/replies", Map.of("text", agentReply)).status()).isEqualTo(201);
        Api.Response resolved = as("agent").postJson(id + "/resolve", Map.of("resolution", "Refunded", "topic", "BILLING"));
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.json().get("status").asText()).isEqualTo("RESOLVED");

        assertRefused(as("tech").post(id + "/close", "application/json", ""), billing);
        assertThat(status(billing)).isEqualTo("RESOLVED");
        assertThat(as("agent").post(id + "/close", "application/json", "").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(status(billing)));

        List<String> timeline = texts(as("supervisor").get(id + "/timeline").json());
        assertThat(timeline).contains(agentReply).noneMatch(t -> t.contains("Tech was here") || t.contains("by tech"))
                .anyMatch(t -> t.startsWith("Resolved by Alex Agent")).anyMatch(t -> t.startsWith("Closed: closed by Alex Agent"));
        // The agent's reply reached the customer by mail; the refused one was never sent.
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(billing.address()).stream().anyMatch(m -> m.contains(agentReply)));
        assertThat(mailsTo(billing.address())).noneMatch(m -> m.contains("Tech was here"));
    }

    @Test
    void onlyASupervisorTakesOverATaskAnotherAgentHasClaimed() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        String claim = "/api/desk/tasks/" + billing.taskId() + "/claim";
        assertThat(as("agent").post(claim, "application/json", "").status()).isEqualTo(200);

        Api.Response byColleague = as("senior").post(claim, "application/json", "");
        assertThat(byColleague.status()).isEqualTo(409);
        assertThat(byColleague.contentType()).startsWith("application/problem+json");
        assertThat(assignee(billing.taskId())).isEqualTo("agent");

        Api.Response bySupervisor = as("supervisor").post(claim, "application/json", "");
        assertThat(bySupervisor.status()).isEqualTo(200);
        assertThat(bySupervisor.json().get("assignee").asText()).isEqualTo("supervisor");
        assertThat(assignee(billing.taskId())).isEqualTo("supervisor");
        assertThat(taskIds(as("agent").get("/api/desk/tasks").json())).doesNotContain(billing.taskId());

        // Resolving completes the task: the agent who lost it cannot do that behind the supervisor's back.
        Api.Response resolve = as("agent").postJson("/api/cases/" + billing.caseId() + "/resolve",
                Map.of("resolution", "Mine after all", "topic", "BILLING"));
        assertThat(resolve.status()).isEqualTo(409);
        assertThat(status(billing)).isEqualTo("ESCALATED");
        assertThat(assignee(billing.taskId())).isEqualTo("supervisor");
    }

    @Test
    void anAuditorReadsEveryCaseButEveryChangeIsRefused() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        String id = "/api/cases/" + billing.caseId();
        Api auditor = as("auditor");

        assertThat(auditor.get(id).status()).isEqualTo(200);
        assertThat(texts(auditor.get(id + "/timeline").json())).contains(billing.text());
        assertThat(auditor.get(id + "/handover").status()).isEqualTo(200);
        assertThat(auditor.get("/api/customers/" + billing.customerId()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(caseIds(auditor.get("/api/search?q=" + billing.marker()).json().get("hits")))
                        .containsExactly(billing.caseId()));

        assertRefused(auditor.postJson(id + "/replies", Map.of("text", "Auditor note " + billing.marker())), billing);
        assertRefused(auditor.postJson(id + "/resolve", Map.of("resolution", "Audited", "topic", "BILLING")), billing);
        assertRefused(auditor.post(id + "/close", "application/json", ""), billing);
        assertRefused(auditor.post("/api/desk/tasks/" + billing.taskId() + "/claim", "application/json", ""), billing);

        assertThat(status(billing)).isEqualTo("ESCALATED");
        assertThat(assignee(billing.taskId())).isNull();
        assertThat(texts(as("supervisor").get(id + "/timeline").json())).noneMatch(t -> t.contains("Auditor note"));
    }

    @Test
    void anAgentWhoHandledACaseKeepsItAfterItMovesToAnotherQueue() {
        QueueCase technical = QueueCases.escalatedIn(port, "technical");
        String id = "/api/cases/" + technical.caseId();
        assertThat(as("tech").postJson(id + "/replies", Map.of("text", "Please reinstall the app")).status()).isEqualTo(201);
        assertRefused(as("agent").get(id), technical);

        // Tech holds it now (an agent's answer takes the case); the customer's billing matter goes to billing by the
        // supervisor's hand, as a held case is not moved by the rules.
        QueueCases.customerWrites(port, technical, "Reinstalled. And I was charged twice for my subscription this month!");
        assertThat(as("supervisor").postJson("/api/supervisor/cases/" + technical.caseId() + "/assignment",
                Map.of("queue", "billing", "reason", "A double charge: billing's")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "billing".equals(as("supervisor").get(id).json().path("queue").asText()));

        assertThat(as("agent").get(id).status()).isEqualTo(200);
        assertThat(as("tech").get(id).json().get("queue").asText()).isEqualTo("billing");
        assertThat(texts(as("tech").get(id + "/timeline").json())).contains("Please reinstall the app");
        assertThat(as("tech").postJson(id + "/replies", Map.of("text", "I passed it on to billing")).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(caseIds(as("tech").get("/api/search?q=" + technical.marker()).json().get("hits")))
                        .containsExactly(technical.caseId()));
    }

    @Test
    void whenACaseMovesToAnotherQueueItsTaskMovesWithItToTheAgentsOfThatQueue() {
        QueueCase technical = QueueCases.escalatedIn(port, "technical");
        assertThat(deskTaskIds("tech")).contains(technical.taskId());

        QueueCases.customerWrites(port, technical, "Never mind the app. I was charged twice for my subscription this month!");
        await().atMost(Duration.ofSeconds(30)).until(() -> deskTaskIds("agent").contains(technical.taskId()));

        assertThat(deskTaskIds("tech")).doesNotContain(technical.taskId());
        assertThat(as("agent").post("/api/desk/tasks/" + technical.taskId() + "/claim", "application/json", "").status())
                .isEqualTo(200);
        assertThat(as("supervisor").get("/api/cases/" + technical.caseId()).json().get("queue").asText()).isEqualTo("billing");
    }

    private List<String> deskTaskIds(String user) {
        List<String> ids = new java.util.ArrayList<>();
        as(user).get("/api/desk/tasks").json().forEach(task -> ids.add(task.get("taskId").asText()));
        return ids;
    }

    @Test
    void theLiveFeedStopsForAnAgentOnceTheCaseMovesOutOfTheirReach() throws Exception {
        QueueCase technical = QueueCases.escalatedIn(port, "technical");
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/desk/cases/" + technical.caseId() + "/events"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("tech:demo".getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        StringBuffer received = new StringBuffer();
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    received.append(line).append('\n');
                }
            } catch (Exception e) {
                received.append("closed: ").append(e.getMessage());
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> received.toString().contains("ready"));

        QueueCases.customerWrites(port, technical, "Also I was charged twice for my subscription this month!");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "billing".equals(as("supervisor").get("/api/cases/" + technical.caseId()).json().path("queue").asText()));

        await().atMost(Duration.ofSeconds(30)).until(stream::isDone);
        QueueCases.customerWrites(port, technical, "Here is my bank statement number 4711");
        await().atMost(Duration.ofSeconds(30)).until(() -> texts(as("supervisor").get("/api/cases/" + technical.caseId()
                + "/timeline").json()).contains("Here is my bank statement number 4711"));
        assertThat(received.toString()).doesNotContain("bank statement");
    }

    @Test
    void aTaskHandedByNameToAnAgentOfAnotherQueueStaysInItsQueueAndTheCaseOutOfTheirReach() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        String id = "/api/cases/" + billing.caseId();
        assertRefused(as("tech").get(id), billing);

        // Past every door that asks (the floor, Tasklist), straight through the engine, as a model's expression could.
        camundaTasks.setAssignee(billing.taskId(), "tech");

        assertThat(camundaTasks.createTaskQuery().taskId(billing.taskId()).singleResult().getAssignee()).isNull();
        assertRefused(as("tech").get(id), billing);
        assertThat(taskIds(as("tech").get("/api/desk/tasks").json())).doesNotContain(billing.taskId());
        assertThat(as("tech").postJson(id + "/replies", Map.of("text", "I am on it")).status()).isEqualTo(403);
        assertThat(taskIds(as("agent").get("/api/desk/tasks").json())).as("still billing's").contains(billing.taskId());
    }

    @Test
    void aCustomerAndAHandoverShowAnAgentOnlyTheCasesOfTheirQueues() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        String id = "/api/cases/" + billing.caseId();
        assertThat(as("agent").postJson(id + "/resolve", Map.of("resolution", "Refunded", "topic", "BILLING")).status())
                .isEqualTo(200);
        assertThat(as("agent").post(id + "/close", "application/json", "").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(status(billing)));
        long technical = io.omnicase.support.CustomerMessages.write(port, "EMAIL", billing.address(),
                "Now the app crashes at every start, I want to speak to a real person", null);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "technical".equals(as("supervisor").get("/api/cases/" + technical).json().path("queue").asText()));

        JsonNode customer = as("tech").get("/api/customers/" + billing.customerId()).json();
        assertThat(caseIds(customer.get("cases"))).containsExactly(technical);
        JsonNode handover = as("tech").get("/api/cases/" + technical + "/handover").json();
        assertThat(handover.get("earlierCases")).isEmpty();
        assertThat(handover.toString()).doesNotContain("charged twice");
        assertThat(caseIds(as("supervisor").get("/api/customers/" + billing.customerId()).json().get("cases")))
                .containsExactlyInAnyOrder(technical, billing.caseId());
    }

    @Test
    void aResolveWithATopicThatIsNoTopicIsRefusedNamingTheField() {
        QueueCase general = QueueCases.escalatedIn(port, "general");

        Api.Response response = as("agent").postJson("/api/cases/" + general.caseId() + "/resolve",
                Map.of("resolution", "Done", "topic", "NOT_A_TOPIC"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("topic");
        assertThat(response.json().get("detail").asText()).contains("BILLING, TECHNICAL, ACCOUNT, OTHER")
                .doesNotContain("io.omnicase");
        assertThat(status(general)).isEqualTo("ESCALATED");
        assertThat(assignee(general.taskId())).isNull();
    }

    @Test
    void aNewCaseBeforeItsFirstRoutingIsNobodysQueueUntilRoutingHasStalled() {
        // A technical case as it is in the moment before routing placed it: no queue yet, just opened. Counted in
        // general at once, an agent of general could answer it then and keep it, as "handled", after routing sent it
        // to technical (probe 42).
        QueueCase technical = QueueCases.escalatedIn(port, "technical");
        String id = "/api/cases/" + technical.caseId();
        jdbc.sql("UPDATE cases SET queue = NULL, opened_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(java.time.Instant.now()), technical.caseId()).update();

        assertRefused(as("agent").get(id), technical);
        assertRefused(as("agent").get(id + "/timeline"), technical);
        assertRefused(as("agent").postJson(id + "/replies", Map.of("text", "We are on it")), technical);
        assertThat(as("supervisor").get(id).status()).isEqualTo(200);

        // Routing placed it: the agent, who could not answer it, has no hold on it.
        jdbc.sql("UPDATE cases SET queue = 'technical' WHERE id = ?").param(technical.caseId()).update();
        assertRefused(as("agent").get(id), technical);
        assertThat(texts(as("tech").get(id + "/timeline").json())).doesNotContain("We are on it");

        // A case routing has not placed within its grace (a stalled assessment) is general's: nobody leaves it unseen.
        jdbc.sql("UPDATE cases SET queue = NULL, opened_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofMinutes(2))), technical.caseId())
                .update();
        assertThat(as("agent").get(id).status()).isEqualTo(200);
        assertThat(as("tech").get(id).status()).isEqualTo(403);
        jdbc.sql("UPDATE cases SET queue = 'technical' WHERE id = ?").param(technical.caseId()).update();
    }

    /**
     * The stalled-routing fallback lets general's agents answer a case routing has not placed; it gives them no hold on
     * the case once routing places it elsewhere (probe 46: the answer was recorded as "handled", and the general agent
     * kept reading and working the technical case for good).
     */
    @Test
    void answeringACaseWhoseRoutingStalledGivesNoHoldOnItOnceRoutingPlacesIt() {
        QueueCase technical = QueueCases.escalatedIn(port, "technical");
        String id = "/api/cases/" + technical.caseId();
        jdbc.sql("UPDATE cases SET queue = NULL, opened_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofMinutes(2))), technical.caseId())
                .update();
        try {
            assertThat(as("agent").postJson(id + "/replies", Map.of("text", "Probe 46: we are on it")).status())
                    .isEqualTo(201);
        } finally {
            jdbc.sql("UPDATE cases SET queue = 'technical' WHERE id = ?").param(technical.caseId()).update();
        }

        assertRefused(as("agent").get(id), technical);
        assertRefused(as("agent").get(id + "/timeline"), technical);
        assertRefused(as("agent").postJson(id + "/replies", Map.of("text", "Still here")), technical);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM case_handlers WHERE case_id = ? AND username = 'agent'")
                .param(technical.caseId()).query(Integer.class).single()).isZero();
        // The customer's answer stays on the case for the technical queue.
        assertThat(texts(as("tech").get(id + "/timeline").json())).contains("Probe 46: we are on it")
                .doesNotContain("Still here");
    }

    private void assertUnknownTask(Api.Response response, QueueCase queueCase) {
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain(queueCase.marker()).doesNotContain(queueCase.address())
                .doesNotContain("/cases/" + queueCase.caseId());
    }

    private void assertRefused(Api.Response response, QueueCase queueCase) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain(queueCase.marker()).doesNotContain(queueCase.address());
    }

    /**
     * An agent who answers a waiting case of their queue holds it from then on: left unheld, a colleague claimed it and
     * answered the customer a second time. A supervisor's answer takes no case from the team.
     */
    @Test
    void anAgentWhoAnswersAWaitingCaseOfTheirQueueHoldsIt() {
        QueueCases.QueueCase waiting = QueueCases.escalatedIn(port, "billing");
        assertThat(as("agent").get("/api/cases/" + waiting.caseId()).json().get("assignee").isNull()).isTrue();

        assertThat(as("agent").postJson("/api/cases/" + waiting.caseId() + "/replies", Map.of("text", "Looking into it now"))
                .status()).isEqualTo(201);

        assertThat(as("agent").get("/api/cases/" + waiting.caseId()).json().get("assignee").asText()).isEqualTo("agent");
        assertThat(as("senior").postJson("/api/cases/" + waiting.caseId() + "/replies", Map.of("text", "Me too")).status())
                .isEqualTo(409);

        QueueCases.QueueCase other = QueueCases.escalatedIn(port, "billing");
        assertThat(as("supervisor").postJson("/api/cases/" + other.caseId() + "/replies", Map.of("text", "A word from the lead"))
                .status()).isEqualTo(201);
        assertThat(as("supervisor").get("/api/cases/" + other.caseId()).json().get("assignee").isNull()).isTrue();
    }

    private Api as(String user) {
        return Api.as(port, user);
    }

    private String status(QueueCase queueCase) {
        return as("supervisor").get("/api/cases/" + queueCase.caseId()).json().get("status").asText();
    }

    private String assignee(String taskId) {
        Task task = camundaTasks.createTaskQuery().taskId(taskId).singleResult();
        assertThat(task).as("task " + taskId).isNotNull();
        return task.getAssignee();
    }

    /** Opens the case's live feed as the user; reads the first event of an open stream, or the error body. */
    private Sse follow(String user, long caseId) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/desk/cases/" + caseId + "/events"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            String first = CompletableFuture.supplyAsync(() -> {
                try {
                    BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
                    StringBuilder event = new StringBuilder();
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        if (line.isEmpty() && !event.isEmpty()) {
                            break;
                        }
                        event.append(line).append('\n');
                    }
                    return event.toString();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(20, TimeUnit.SECONDS);
            return new Sse(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), first);
        }
    }

    private record Sse(int status, String contentType, String firstEvent) {
    }

    private static List<String> texts(JsonNode timeline) {
        List<String> texts = new ArrayList<>();
        timeline.forEach(e -> texts.add(e.path("text").asText()));
        return texts;
    }

    private static List<Long> caseIds(JsonNode list) {
        List<Long> ids = new ArrayList<>();
        list.forEach(e -> ids.add(e.has("caseId") ? e.get("caseId").asLong() : e.get("id").asLong()));
        return ids;
    }

    private static List<String> taskIds(JsonNode tasks) {
        List<String> ids = new ArrayList<>();
        tasks.forEach(t -> ids.add(t.get("taskId").asText()));
        return ids;
    }

    private static List<String> mailsTo(String address) {
        List<String> mails = new ArrayList<>();
        for (MimeMessage mail : MailServer.get().greenMail().getReceivedMessages()) {
            try {
                if (Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(address))) {
                    mails.add(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail));
                }
            } catch (Exception e) {
                // a mail that cannot be read is not one of ours
            }
        }
        return mails;
    }
}
