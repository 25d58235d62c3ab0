package io.omnicase.supervision;

import io.omnicase.support.Timelines;
import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.support.Accessibility;
import io.omnicase.support.Api;
import io.omnicase.support.Browser;
import io.omnicase.support.QueueCases;
import io.omnicase.support.QueueCases.QueueCase;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The supervisor's live floor against the real servers: the page follows a case as its customer writes, without a
 * reload; reassigning and reprioritising from the floor lands on the case's timeline; only supervisors and admins get
 * the floor; bad input is answered as a problem.
 */
@RunningOmnicase
class SupervisorFloorIT {

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    io.omnicase.security.UserAccounts users;

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    @Test
    void aNewCustomerMessageChangesItsRowOnTheOpenFloorAndReassignAndPriorityGoOnTheTimeline() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        String row = "#conversations li[data-case='" + billing.caseId() + "']";
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.signIn(base(), "supervisor", "/supervisor.html");
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(45));
            wait.until(d -> "Live".equals(d.findElement(By.id("feed-state")).getText()));
            WebElement item = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(row)));
            assertThat(item.findElement(By.cssSelector(".last")).getText()).contains(billing.marker());
            // Survives only as long as the page is not loaded again.
            JavascriptExecutor js = (JavascriptExecutor) page;
            js.executeScript("window.floorMarker = 'same page';");

            String angry = "This is the third time I write and nobody answers, I am furious, this is terrible " + billing.marker();
            QueueCases.customerWrites(port, billing, angry);
            wait.until(d -> d.findElement(By.cssSelector(row + " .last")).getText().startsWith("This is the third time"));
            assertThat(js.executeScript("return window.floorMarker;")).as("the row changed without a reload").isEqualTo("same page");
            assertThat(page.findElement(By.cssSelector(row + " .mood")).getText()).contains("Negative");
            // The floor raises its own alert: the customer's mood fell and is still falling.
            wait.until(d -> d.findElements(By.cssSelector("#alerts li[data-kind='sentiment-falling'] a")).stream()
                    .anyMatch(link -> link.getText().equals("Case #" + billing.caseId())));
            assertThat(page.findElements(By.cssSelector("#queues tr[data-queue='billing']"))).hasSize(1);
            assertThat(page.findElements(By.cssSelector("#volume-chart"))).hasSize(1);
            assertThat((Long) js.executeScript("return document.getElementById('volume-chart').width;"))
                    .as("Chart.js drew the volume chart under the page's Content-Security-Policy").isGreaterThan(0L);
            js.executeScript("arguments[0].scrollIntoView({block: 'center'});", page.findElement(By.cssSelector(row)));
            browser.screenshot("supervisor-floor-1-1400");
            Accessibility.assertNoSeriousViolations(page, null);

            // Reassign from the row, with a reason.
            String reassignReason = "Sam knows this customer " + billing.marker();
            page.findElement(By.cssSelector(row + " button.reassign")).click();
            new Select(wait.until(d -> d.findElement(By.cssSelector(row + " .agent-choice")))).selectByValue("billing/senior");
            page.findElement(By.cssSelector(row + " textarea.reason")).sendKeys(reassignReason);
            page.findElement(By.cssSelector(row + " button.save")).click();
            wait.until(d -> "Sam Senior".equals(d.findElement(By.cssSelector(row + " .holder")).getText()));

            // Change its priority, with a reason.
            String priorityReason = "Third contact today " + billing.marker();
            page.findElement(By.cssSelector(row + " button.reprioritise")).click();
            new Select(wait.until(d -> d.findElement(By.cssSelector(row + " .priority-choice")))).selectByValue("URGENT");
            page.findElement(By.cssSelector(row + " textarea.reason")).sendKeys(priorityReason);
            page.findElement(By.cssSelector(row + " button.save")).click();
            wait.until(d -> "Urgent".equals(d.findElement(By.cssSelector(row + " .prio")).getText()));

            JsonNode timeline = Api.as(port, "supervisor").get("/api/cases/" + billing.caseId() + "/timeline").json();
            assertThat(Timelines.texts(timeline, "STATUS")).anySatisfy(text -> assertThat(text)
                    .contains("to Sam Senior by Sara Supervisor: " + reassignReason));
            assertThat(Timelines.texts(timeline, "ROUTING")).anySatisfy(text -> assertThat(text)
                    .contains("→ urgent, SLA due ").contains(" UTC by Sara Supervisor: " + priorityReason));
            // Sam, who takes it over, reads why in the handover.
            assertThat(Api.as(port, "senior").get("/api/cases/" + billing.caseId() + "/handover").json().get("handedOn").asText())
                    .contains("to Sam Senior by Sara Supervisor: " + reassignReason);
            JsonNode caseView = Api.as(port, "supervisor").get("/api/cases/" + billing.caseId()).json();
            assertThat(caseView.get("priority").asInt()).isEqualTo(90);
            assertThat(caseView.get("assignee").asText()).isEqualTo("senior");

            // The case moves to general: its mood alert, whose words say billing, says where the case is now.
            Api.Response moved = Api.as(port, "supervisor").postJson("/api/supervisor/cases/" + billing.caseId() + "/assignment",
                    Map.of("queue", "general", "reason", "Not a billing matter " + billing.marker()));
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
            wait.until(d -> d.findElements(By.cssSelector("#alerts li[data-kind='sentiment-falling'] .moved")).stream()
                    .anyMatch(p -> p.getText().equals("Raised in billing: case #" + billing.caseId() + " is now in general.")));

            // On a phone: one column, nothing wider than the screen.
            page.manage().window().setSize(new Dimension(360, 800));
            wait.until(d -> (Long) ((JavascriptExecutor) d).executeScript("return window.innerWidth;") <= 360L);
            assertThat((Long) js.executeScript("return document.documentElement.scrollWidth - window.innerWidth;"))
                    .as("horizontal overflow at 360 px").isLessThanOrEqualTo(0L);
            js.executeScript("arguments[0].scrollIntoView({block: 'start'});", page.findElement(By.cssSelector(row)));
            browser.screenshot("supervisor-floor-2-360");
            Accessibility.assertNoSeriousViolations(page, null);
        }
    }

    @Test
    void theSnapshotHoldsTheCaseItsQueueAndTheAgentsAndTheStreamStartsWithIt() throws Exception {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        JsonNode floor = Api.as(port, "supervisor").get("/api/supervisor/floor").json();
        JsonNode conversation = StreamSupport.stream(floor.get("conversations").spliterator(), false)
                .filter(c -> c.get("caseId").asLong() == billing.caseId()).findFirst().orElseThrow();
        assertThat(conversation.get("queue").asText()).isEqualTo("billing");
        assertThat(conversation.get("lastMessage").asText()).contains(billing.marker());
        JsonNode queue = StreamSupport.stream(floor.get("queues").spliterator(), false)
                .filter(q -> q.get("queue").asText().equals("billing")).findFirst().orElseThrow();
        assertThat(queue.get("waiting").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(queue.get("oldestWaitSince").isNull()).isFalse();
        assertThat(StreamSupport.stream(floor.get("agents").spliterator(), false).map(a -> a.get("username").asText()))
                .contains("agent", "senior", "tech");
        assertThat(floor.get("volume").get("hours")).hasSize(24);
        assertThat(floor.get("sentiment").get("average")).hasSize(24);
        int total = 0;
        for (JsonNode counts : floor.get("volume").get("byChannel")) {
            for (JsonNode n : counts) {
                total += n.asInt();
            }
        }
        assertThat(total).as("the customer message of the case counts in the last day's volume").isGreaterThanOrEqualTo(1);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/supervisor/events"))
                .header("Authorization", basic("supervisor")).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String first = lines.readLine();
            while (first != null && first.isBlank()) {
                first = lines.readLine();
            }
            assertThat(first).isEqualTo("event:snapshot");
            assertThat(lines.readLine()).startsWith("data:{\"queues\":");
        }
    }

    @Test
    void theStreamEndsWhenItsSessionSignsOut() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new java.net.CookieManager()).build();
        // Signed in on the login form (HTTP Basic opens no session); the page hands out the CSRF cookie; the stream and
        // the sign-out then ride on the session alone, as the page's do.
        java.net.CookieManager cookies = (java.net.CookieManager) http.cookieHandler().orElseThrow();
        http.send(HttpRequest.newBuilder(URI.create(base() + "/login")).GET().build(), HttpResponse.BodyHandlers.discarding());
        String loginToken = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(java.net.HttpCookie::getValue).findFirst().orElseThrow();
        HttpResponse<Void> login = http.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=supervisor&password=demo&_csrf=" + loginToken)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(login.statusCode()).isEqualTo(302);
        HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create(base() + "/supervisor.html"))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/supervisor/events"))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String line = lines.readLine();
            while (line != null && !line.startsWith("data:")) {
                line = lines.readLine();
            }
            assertThat(line).as("the snapshot").startsWith("data:{");

            String token = ((java.net.CookieManager) http.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("XSRF-TOKEN")).map(java.net.HttpCookie::getValue).findFirst().orElse("");
            HttpResponse<String> logout = http.send(HttpRequest.newBuilder(URI.create(base() + "/logout"))
                    .header("X-XSRF-TOKEN", token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(token).as("the CSRF cookie").isNotEmpty();
            assertThat(logout.statusCode()).as("signed out: " + logout.body()).isIn(204, 302);

            // Whatever else comes (an update), the stream ends: the session that opened it is gone.
            java.util.concurrent.CompletableFuture<Boolean> ended = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    while (lines.readLine() != null) {
                        // read on until the server ends the stream
                    }
                    return true;
                } catch (java.io.IOException e) {
                    return true;
                }
            });
            assertThat(ended.get(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void anAgentGetsNoFloorFromTheApiAndIsToldOnThePage() {
        Api agent = Api.as(port, "agent");
        for (String path : List.of("/api/supervisor/floor", "/api/supervisor/events")) {
            Api.Response refused = agent.get(path);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.contentType()).as(path).startsWith("application/problem+json");
        }
        Api.Response write = agent.postJson("/api/supervisor/cases/1/priority", Map.of("priority", "URGENT", "reason", "mine now"));
        assertThat(write.status()).isEqualTo(403);

        try (Browser browser = Browser.open()) {
            WebDriver page = browser.signIn(base(), "agent", "/supervisor.html");
            WebElement notice = new WebDriverWait(page, Duration.ofSeconds(20))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("no-access")));
            assertThat(notice.getText()).contains("Not for your role").contains("live floor");
            assertThat(page.findElements(By.id("conversations"))).isEmpty();
            browser.screenshot("supervisor-floor-3-agent-no-access");
        }
    }

    @Test
    void aSupervisorSeesAndActsOnTheQueuesOfTheirAccountOnly() {
        String name = "floor-" + UUID.randomUUID().toString().substring(0, 8);
        users.save(new io.omnicase.security.UserAccount(name, "Tess Technical Lead", java.util.Set.of(io.omnicase.security.Role.SUPERVISOR),
                java.util.Set.of("technical")), "demo");
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        QueueCase technical = QueueCases.escalatedIn(port, "technical");
        Api lead = Api.as(port, name);

        JsonNode floor = lead.get("/api/supervisor/floor").json();
        List<Long> shown = StreamSupport.stream(floor.get("conversations").spliterator(), false).map(c -> c.get("caseId").asLong()).toList();
        assertThat(shown).contains(technical.caseId()).doesNotContain(billing.caseId());
        assertThat(StreamSupport.stream(floor.get("queues").spliterator(), false).map(q -> q.get("queue").asText()))
                .containsExactly("technical");
        assertThat(StreamSupport.stream(floor.get("agents").spliterator(), false).map(a -> a.get("username").asText()))
                .contains("tech").doesNotContain("agent");

        Api.Response refused = lead.postJson("/api/supervisor/cases/" + billing.caseId() + "/priority",
                Map.of("priority", "URGENT", "reason", "Not my queue"));
        assertProblem(refused, 403, "not on your floor");
        Api.Response done = lead.postJson("/api/supervisor/cases/" + technical.caseId() + "/priority",
                Map.of("priority", "HIGH", "reason", "Crash at login for a paying customer"));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().get("priority").asInt()).isEqualTo(75);

        // An admin's floor has every queue.
        List<Long> all = StreamSupport.stream(Api.as(port, "admin").get("/api/supervisor/floor").json().get("conversations")
                .spliterator(), false).map(c -> c.get("caseId").asLong()).toList();
        assertThat(all).contains(billing.caseId(), technical.caseId());
    }

    /**
     * A billing agent holds a case whose customer turns out to need the technical team: the floor moves it there, to
     * Toni Tech; Alex can no longer answer it, Toni does, and the timeline says where it went and why.
     */
    @Test
    void aSupervisorMovesAHeldCaseToAnotherQueueAndAgent() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        Api agent = Api.as(port, "agent");
        assertThat(agent.post("/api/desk/tasks/" + billing.taskId() + "/claim", "application/json", "").status()).isEqualTo(200);
        Api supervisor = Api.as(port, "supervisor");
        String cases = "/api/supervisor/cases/" + billing.caseId();

        assertProblem(supervisor.postJson(cases + "/assignment", Map.of("assignee", "agent", "queue", "technical",
                "reason", "Needs the technical team")), 400, "not an agent of queue technical");
        assertProblem(supervisor.postJson(cases + "/assignment", Map.of("queue", "accounts", "reason", "x")), 400, "not a queue");
        Api.Response moved = supervisor.postJson(cases + "/assignment", Map.of("assignee", "tech", "queue", "technical",
                "reason", "The app crashes: this is for the technical team"));

        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().get("queue").asText()).isEqualTo("technical");
        assertThat(moved.json().get("assignee").asText()).isEqualTo("tech");
        JsonNode theCase = supervisor.get("/api/cases/" + billing.caseId()).json();
        assertThat(theCase.get("queue").asText()).isEqualTo("technical");
        assertThat(theCase.get("assignee").asText()).isEqualTo("tech");
        JsonNode timeline = supervisor.get("/api/cases/" + billing.caseId() + "/timeline").json();
        assertThat(Timelines.texts(timeline, "ROUTING")).anyMatch(text -> text.equals(
                "Queue billing → technical by Sara Supervisor: The app crashes: this is for the technical team"));
        assertThat(Timelines.texts(timeline, "STATUS")).anyMatch(text -> text.startsWith("Reassigned from Alex Agent to Toni Tech"));
        // Alex (billing only) still reads the case he handled, but it is Toni's to answer now.
        assertThat(agent.postJson("/api/cases/" + billing.caseId() + "/replies", Map.of("text", "Alex here")).status())
                .isIn(403, 409);
        assertThat(Api.as(port, "tech").postJson("/api/cases/" + billing.caseId() + "/replies",
                Map.of("text", "Toni from the technical team here")).status()).isIn(200, 201, 202);

        // Moved back to billing without an agent, it waits there for whoever takes it first.
        Api.Response back = supervisor.postJson(cases + "/assignment", Map.of("queue", "billing", "reason", "Fixed; the refund is left"));
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        assertThat(back.json().get("queue").asText()).isEqualTo("billing");
        assertThat(back.json().get("assignee").isNull()).isTrue();
        assertThat(Timelines.texts(supervisor.get("/api/cases/" + billing.caseId() + "/timeline").json(), "STATUS"))
                .anyMatch(text -> text.startsWith("Toni Tech no longer holds the case: it waits in queue billing"));

        // A held case goes back to its own queue when no agent and no other queue is named; an unheld one cannot.
        assertThat(agent.post("/api/desk/tasks/" + billing.taskId() + "/claim", "application/json", "").status()).isEqualTo(200);
        Api.Response released = supervisor.postJson(cases + "/assignment", Map.of("reason", "Alex is off sick"));
        assertThat(released.status()).as(released.toString()).isEqualTo(200);
        assertThat(released.json().get("queue").asText()).isEqualTo("billing");
        assertThat(released.json().get("assignee").isNull()).isTrue();
        assertThat(supervisor.get("/api/cases/" + billing.caseId()).json().get("assignee").isNull()).isTrue();
        assertThat(Timelines.texts(supervisor.get("/api/cases/" + billing.caseId() + "/timeline").json(), "STATUS"))
                .anyMatch(text -> text.equals("Alex Agent no longer holds the case: it waits in queue billing "
                        + "(Sara Supervisor: Alex is off sick)"));
        assertProblem(supervisor.postJson(cases + "/assignment", Map.of("reason", "again")), 409, "nobody holds it");
    }

    @Test
    void badInputIsAnsweredAsAProblemAndChangesNothing() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        Api supervisor = Api.as(port, "supervisor");
        String cases = "/api/supervisor/cases/" + billing.caseId();

        assertProblem(supervisor.postJson(cases + "/assignment", Map.of("assignee", "senior")), 400, "reason");
        assertProblem(supervisor.postJson(cases + "/assignment", Map.of("reason", "nobody holds it yet")), 409,
                "nobody holds it");
        assertProblem(supervisor.postJson(cases + "/assignment", Map.of("assignee", "senior", "reason", " ")), 400, "reason");
        assertProblem(supervisor.postJson(cases + "/assignment", Map.of("assignee", "tech", "reason", "Toni is free")), 400,
                "not an agent of queue billing");
        assertProblem(supervisor.postJson(cases + "/assignment", Map.of("assignee", "nobody-" + UUID.randomUUID(),
                "reason", "who?")), 400, "not an agent");
        assertProblem(supervisor.postJson(cases + "/assignment", Map.of("assignee", "senior", "reason", "x".repeat(501))),
                400, "500");
        assertProblem(supervisor.postJson(cases + "/priority", Map.of("priority", "SOON", "reason", "now")), 400, "priority");
        assertProblem(supervisor.postJson(cases + "/priority", Map.of("reason", "now")), 400, "priority");
        assertProblem(supervisor.post(cases + "/priority", "application/json", "{\"priority\": \"HIGH\", \"reason\": "), 400, null);
        assertProblem(supervisor.postJson("/api/supervisor/cases/987654321/priority", Map.of("priority", "HIGH", "reason", "x")),
                404, null);

        JsonNode timeline = supervisor.get("/api/cases/" + billing.caseId() + "/timeline").json();
        assertThat(Timelines.texts(timeline, "STATUS")).noneMatch(text -> text.contains("by Sara Supervisor"));
        assertThat(Timelines.texts(timeline, "ROUTING")).noneMatch(text -> text.contains("by Sara Supervisor"));
        assertThat(supervisor.get("/api/cases/" + billing.caseId()).json().get("assignee").isNull()).isTrue();
    }

    private static void assertProblem(Api.Response response, int status, String detailPart) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        if (detailPart != null) {
            assertThat(problem.path("detail").asText() + " " + problem.toString()).containsIgnoringCase(detailPart);
        }
    }


    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }
}
