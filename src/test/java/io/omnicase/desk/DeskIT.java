package io.omnicase.desk;

import io.omnicase.support.Api;
import io.omnicase.support.CustomerMessages;
import io.omnicase.support.Browser;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An agent works a case in the desk, in a real headless Chromium; screenshots go to target/screenshots. */
@RunningOmnicase
class DeskIT {

    @LocalServerPort
    int port;

    @Test
    void anAgentLogsInClaimsTheTopTaskReadsTheHandoverRepliesSeesALiveMessageAndResolves() {
        String address = newAddress("nora");
        long caseId = escalated(address, "URGENT: my router is down and I cannot work, please help");

        try (Browser browser = Browser.open()) {
            WebDriver page = deskOfTheAgent(browser);

            await().atMost(Duration.ofSeconds(20)).until(() -> !page.findElements(By.cssSelector("#tasks li.task")).isEmpty());
            List<Integer> priorities = page.findElements(By.cssSelector("#tasks li.task .prio")).stream()
                    .map(e -> Integer.parseInt(e.getText().substring(1))).toList();
            assertThat(priorities).isSortedAccordingTo((a, b) -> b - a);
            // Other tests share the queues, so the top task may be theirs; ours is listed in priority order with them.
            WebElement ours = page.findElement(By.cssSelector("#tasks li.task[data-case='" + caseId + "']"));
            int ourPriority = Integer.parseInt(ours.findElement(By.className("prio")).getText().substring(1));
            assertThat(ourPriority).isGreaterThanOrEqualTo(75).isIn(priorities);
            browser.screenshot("desk-1-tasks");

            ours.findElement(By.className("claim")).click();
            await().atMost(Duration.ofSeconds(20)).until(() -> page.findElement(By.id("summary")).getText().contains("router"));
            assertThat(page.findElement(By.id("case-title")).getText()).contains("#" + caseId);
            assertThat(page.findElement(By.id("routing")).getText()).contains("Reasons:");
            assertThat(page.findElement(By.id("repeat-alert")).isDisplayed()).isFalse();
            assertThat(page.findElement(By.id("timeline")).getText()).contains("my router is down");
            await().atMost(Duration.ofSeconds(10)).until(() -> "connected".equals(
                    page.findElement(By.tagName("body")).getDomAttribute("data-live")));
            browser.screenshot("desk-2-handover");

            page.findElement(By.id("reply-text")).sendKeys("Sorry about that! Please restart the router once; I am checking the line.");
            page.findElement(By.id("reply-send")).click();
            await().atMost(Duration.ofSeconds(20)).until(() -> page.findElement(By.id("case-status")).getText().equals("Reply sent."));
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    page.findElement(By.id("timeline")).getText().contains("Please restart the router once"));

            write(address, "Restarted it, still down <img src=x onerror=alert(1)> how do I reset my password for the router app?");
            await().atMost(Duration.ofSeconds(30)).until(() -> page.findElement(By.id("timeline")).getText().contains("Restarted it"));
            WebElement live = page.findElement(By.cssSelector("#timeline li.fresh"));
            assertThat(live.getText()).contains("<img src=x onerror=alert(1)>");
            assertThat(page.findElements(By.cssSelector("#timeline img, #suggestions img"))).isEmpty();
            assertThat(page.findElement(By.id("live")).isDisplayed()).isTrue();
            // Live guidance: the assistant's suggestion for the new message names the article it comes from, and
            // one click puts the article's answer into the reply box.
            WebElement suggestion = page.findElement(By.cssSelector("#suggestions .suggestion"));
            assertThat(suggestion.findElements(By.tagName("li"))).extracting(WebElement::getText)
                    .contains("article: Reset your password");
            suggestion.findElement(By.className("use-suggestion")).click();
            assertThat(page.findElement(By.id("reply-text")).getDomProperty("value"))
                    .startsWith("Reset your password: ").contains("choose Forgot password", "valid for 30 minutes");
            browser.screenshot("desk-3-live-message");

            new Select(page.findElement(By.id("form-topic"))).selectByValue("TECHNICAL");
            page.findElement(By.id("form-resolution")).sendKeys("Line reset by the provider; router works again.");
            page.findElement(By.id("resolve-submit")).click();
            await().atMost(Duration.ofSeconds(20)).until(() -> page.findElement(By.id("case-status")).getText().contains("RESOLVED"));
            browser.screenshot("desk-4-resolved");
        }
        assertThat(Api.as(port, "agent").get("/api/cases/" + caseId).json().get("status").asText()).isEqualTo("RESOLVED");
    }

    /**
     * The API's refusal reaches the agent as its words: a supervisor takes over the case the agent has open, the
     * agent's resolve is refused (409 problem) and the desk says who handles the case; the case stays unresolved.
     */
    @Test
    void whenASupervisorHasTakenOverTheCaseTheDeskShowsTheRefusalInsteadOfResolving() {
        long caseId = escalated(newAddress("omar"), "URGENT: my router is down again and I cannot work, please help");
        try (Browser browser = Browser.open()) {
            WebDriver page = deskOfTheAgent(browser);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    !page.findElements(By.cssSelector("#tasks li.task[data-case='" + caseId + "']")).isEmpty());
            WebElement claim = page.findElement(By.cssSelector("#tasks li.task[data-case='" + caseId + "'] .claim"));
            String taskId = claim.getDomAttribute("data-task");
            claim.click();
            await().atMost(Duration.ofSeconds(20)).until(() -> page.findElement(By.id("case-title")).getText().contains("#" + caseId));

            Api.Response takeOver = Api.as(port, "supervisor").post("/api/desk/tasks/" + taskId + "/claim", "application/json", "");
            assertThat(takeOver.status()).as(takeOver.toString()).isEqualTo(200);

            new Select(page.findElement(By.id("form-topic"))).selectByValue("TECHNICAL");
            page.findElement(By.id("form-resolution")).sendKeys("Router replaced.");
            page.findElement(By.id("resolve-submit")).click();
            WebElement status = page.findElement(By.id("case-status"));
            await().atMost(Duration.ofSeconds(20)).until(() -> !status.getText().isEmpty());
            assertThat(status.getText()).isEqualTo("Case " + caseId + " is being handled by supervisor; only a supervisor can take it over");
            assertThat(status.getDomAttribute("class")).contains("error");
            assertThat(status.isDisplayed()).isTrue();
            browser.screenshot("desk-refused-resolve");
        }
        assertThat(Api.as(port, "agent").get("/api/cases/" + caseId).json().get("status").asText()).isEqualTo("ESCALATED");
    }

    @Test
    void theDeskPageIsServedWithAStrictContentSecurityPolicy() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/desk.html"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("agent:demo".getBytes()))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("default-src 'none'").contains("script-src 'self'").doesNotContain("unsafe-inline");
    }

    private static String newAddress(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** A customer's message that escalates to a person in the agent's queues; answers its case once escalated. */
    private long escalated(String address, String text) {
        long caseId = write(address, text);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "ESCALATED".equals(Api.as(port, "agent").get("/api/cases/" + caseId).json().get("status").asText()));
        return caseId;
    }

    /** Opens the desk and logs in there as the agent. */
    private WebDriver deskOfTheAgent(Browser browser) {
        WebDriver page = browser.driver();
        page.get(base() + "/desk.html");
        page.findElement(By.id("username")).sendKeys("agent");
        page.findElement(By.id("password")).sendKeys("demo");
        page.findElement(By.cssSelector("button[type=submit]")).click();
        return page;
    }

    private long write(String address, String text) {
        return CustomerMessages.write(port, "EMAIL", address, text, "thread-" + address);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
