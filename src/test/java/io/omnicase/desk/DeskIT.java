package io.omnicase.desk;

import io.omnicase.support.Accessibility;
import io.omnicase.support.Api;
import io.omnicase.support.CustomerMessages;
import io.omnicase.support.Browser;
import io.omnicase.support.QueueCases;
import io.omnicase.support.QueueCases.QueueCase;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An agent works a case in the desk (the Vue page /desk.html), in a real headless Chromium; screenshots go to
 * target/screenshots.
 */
@RunningOmnicase
class DeskIT {

    @LocalServerPort
    int port;

    @Test
    void anAgentClaimsACaseRepliesSeesALiveMessageWithGuidanceResolvesAndTheCaseTurnsReadOnly() {
        String address = newAddress("nora");
        long caseId = escalated(address, "URGENT: my line is down and I cannot work, please help");

        try (Browser browser = Browser.open()) {
            WebDriver page = deskOfTheAgent(browser);
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(30));
            By ours = By.cssSelector("#queue-list li.queue-item[data-case='" + caseId + "']");
            wait.until(d -> !d.findElements(ours).isEmpty());
            // The list is ordered as the API orders it: breached first, then by priority.
            List<WebElement> rows = page.findElements(By.cssSelector("#queue-list li.queue-item"));
            assertThat(rows).isNotEmpty();
            WebElement row = page.findElement(ours);
            assertThat(row.findElement(By.className("customer")).getText()).isEqualTo(address);
            assertThat(row.findElement(By.className("subject")).getText()).isNotBlank();
            // The priority as a word people use, its number on hover.
            WebElement priority = row.findElement(By.className("prio"));
            assertThat(priority.getText()).isIn("High", "Urgent");
            assertThat(Integer.parseInt(priority.getAttribute("title").replace("Priority ", ""))).isGreaterThanOrEqualTo(75);
            browser.screenshot("desk-1-queue");

            // Claiming opens the case beside the list, scrolled into view and focused: never a blank panel at the top.
            row.findElement(By.className("claim")).click();
            wait.until(d -> d.findElement(By.id("summary")).getText().contains("line is down"));
            WebElement title = page.findElement(By.id("case-title"));
            assertThat(title.getText()).contains("#" + caseId);
            assertThat(((JavascriptExecutor) page).executeScript("return document.activeElement.id")).isEqualTo("case-title");
            Number top = (Number) ((JavascriptExecutor) page).executeScript(
                    "return document.getElementById('case-title').getBoundingClientRect().top");
            assertThat(top.doubleValue()).isBetween(-1.0, 600.0);
            assertThat(page.findElement(By.id("queue")).isDisplayed()).as("the list stays beside the case").isTrue();
            assertThat(page.findElement(By.id("case-customer")).getText()).isEqualTo(address);
            assertThat(page.findElement(By.id("case-state")).getText()).isEqualTo("Escalated");
            // the rule that escalated the urgent message, in its words
            assertThat(page.findElement(By.id("routing")).getText()).contains("priority high.")
                    .contains("Because: ").contains("urgent");
            assertThat(page.findElements(By.id("repeat-alert"))).isEmpty();
            assertThat(page.findElement(By.id("identities")).getText()).contains(address);
            WebElement first = page.findElement(By.cssSelector("#timeline li.msg.customer"));
            assertThat(first.findElement(By.className("text")).getText()).contains("my line is down");
            assertThat(first.findElement(By.className("msg-mood")).getText()).isIn("Negative", "Neutral", "Positive");
            assertThat(first.findElement(By.className("channel-label")).getText()).isEqualTo("Email");
            wait.until(d -> "connected".equals(d.findElement(By.id("case-view")).getDomAttribute("data-live")));
            browser.screenshot("desk-2-case-open");

            page.findElement(By.id("reply-text")).sendKeys("Sorry about that! Please restart the router once; I am checking the line.");
            page.findElement(By.id("reply-send")).click();
            // Said beside the reply box (it clears after a few seconds or at the next keystroke).
            wait.until(d -> d.findElement(By.id("reply-status")).getText()
                    .equals("Reply added; whether it reached the customer shows under it."));
            // The button was disabled while the reply went out, which drops Chromium's focus to the page: it is given
            // back, so the next Tab goes on from here (walk 50).
            wait.until(d -> "reply-send".equals(((JavascriptExecutor) d).executeScript("return document.activeElement.id")));
            wait.until(d -> d.findElements(By.cssSelector("#timeline li.msg.agent")).stream()
                    .anyMatch(e -> e.getText().contains("Please restart the router once")));
            // The mail server took it: the bubble says so, live.
            wait.until(d -> d.findElements(By.cssSelector("#timeline li.msg.agent")).stream()
                    .filter(e -> e.getText().contains("Please restart the router once"))
                    .anyMatch(e -> !e.findElements(By.cssSelector(".delivery[data-delivery=SENT]")).isEmpty()));
            String summaryBefore = page.findElement(By.id("summary")).getText();

            write(address, "Restarted it, still down <img src=x onerror=alert(1)> how do I reset my password for the router app?");
            wait.until(d -> !d.findElements(By.cssSelector("#timeline li.fresh")).isEmpty());
            WebElement live = page.findElement(By.cssSelector("#timeline li.fresh"));
            assertThat(live.findElement(By.className("text")).getText()).isEqualTo(
                    "Restarted it, still down <img src=x onerror=alert(1)> how do I reset my password for the router app?");
            assertThat(page.findElements(By.cssSelector("#case-view img"))).isEmpty();
            // The handover is read again when a message arrives: it counts the new one.
            wait.until(d -> !d.findElement(By.id("summary")).getText().equals(summaryBefore));

            // Live guidance says its confidence in words and offers a one-click answer only when it is not low.
            WebElement suggestion = page.findElement(By.cssSelector("#guidance .suggestion"));
            String level = suggestion.getDomAttribute("data-confidence");
            assertThat(suggestion.getText()).doesNotContainPattern("0\\.\\d");
            if ("low".equals(level) || "none".equals(level)) {
                assertThat(suggestion.findElements(By.className("use-suggestion"))).isEmpty();
                assertThat(suggestion.getText()).contains("No reliable suggestion");
            } else if (!suggestion.findElements(By.className("similar-case")).isEmpty()) {
                // Another case's resolution below high confidence: shown to read, not offered with one click (walk 50).
                assertThat(level).isEqualTo("medium");
                assertThat(suggestion.findElements(By.className("use-suggestion"))).isEmpty();
                assertThat(suggestion.getText()).contains("A similar case was resolved with this answer");
            } else {
                assertThat(suggestion.getText()).contains(level + " confidence");
                suggestion.findElement(By.className("use-suggestion")).click();
                assertThat(page.findElement(By.id("reply-text")).getDomProperty("value")).isNotBlank();
            }
            browser.screenshot("desk-3-live-message-and-guidance");
            assertThat(Accessibility.seriousViolations(page)).as("axe-core on the desk with a case open").isEmpty();

            // The resolve form is the Camunda Form deployed with the case's process version, drawn by form-js.
            StepForms.pick(page, "Technical");
            StepForms.field(page, "Resolution").sendKeys("Line reset by the provider; router works again.");
            browser.screenshot("desk-3b-resolve-form");
            page.findElement(By.id("step-submit")).click();
            wait.until(d -> d.findElement(By.id("case-status")).getText().contains("is resolved"));
            // Read-only from now on: the header says so and the forms are gone, with a note in their place.
            assertThat(page.findElement(By.id("case-state")).getText()).isEqualTo("Resolved");
            assertThat(page.findElements(By.id("reply-form"))).isEmpty();
            assertThat(page.findElements(By.id("step-form"))).isEmpty();
            assertThat(page.findElements(By.className("use-suggestion"))).isEmpty();
            assertThat(page.findElement(By.id("read-only-note")).getText()).contains("read-only");
            // The resolved case leaves the queue without a reload.
            wait.until(d -> d.findElements(ours).isEmpty());
            browser.screenshot("desk-4-resolved-read-only");

            // Opened again later (the page's address names the open case), it is still read-only.
            assertThat(page.getCurrentUrl()).contains("/desk.html").endsWith("#case-" + caseId);
            page.navigate().refresh();
            wait.until(d -> !d.findElements(By.id("read-only-note")).isEmpty());
            assertThat(page.findElements(By.id("reply-text"))).isEmpty();
        }
        assertThat(Api.as(port, "agent").getOnceRouted("/api/cases/" + caseId).json().get("status").asText()).isEqualTo("RESOLVED");
    }

    /**
     * The case header follows the case, not the moment it was opened: the customer's next message moves the case to
     * another queue, and the open case says so, with the move on its timeline, without a reload.
     */
    @Test
    void theHeaderFollowsAQueueMoveAndTheMoveShowsOnTheTimeline() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.signIn(base(), "supervisor", "/desk.html#case-" + billing.caseId());
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(40));
            // The case is shown and its stream is connected (either may come first).
            wait.until(d -> d.findElement(By.id("case-queue")).getText().equals("billing"));
            wait.until(d -> "connected".equals(d.findElement(By.id("case-view")).getDomAttribute("data-live")));

            QueueCases.customerWrites(port, billing, "Also the app crashes at every start, I want to speak to a real person");
            wait.until(d -> d.findElement(By.id("case-queue")).getText().equals("technical"));
            wait.until(d -> d.findElements(By.cssSelector("#timeline li.event.ROUTING")).stream()
                    .anyMatch(e -> e.getText().contains("technical")));
            assertThat(page.findElements(By.cssSelector("#timeline li.msg.customer"))).hasSizeGreaterThanOrEqualTo(2);
            browser.screenshot("desk-5-queue-move-live");
        }
    }

    /**
     * A supervisor takes over the case the agent has open: the desk follows at once, says who works on it and offers
     * the agent neither the reply box nor the form; the API refuses the agent's reply as it refuses a resolve (409,
     * naming who handles the case), and the case stays unresolved.
     */
    @Test
    void whenASupervisorHasTakenOverTheCaseTheDeskLetsTheAgentReadItOnly() {
        long caseId = escalated(newAddress("omar"), "URGENT: my line is down again and I cannot work, please help");
        try (Browser browser = Browser.open()) {
            WebDriver page = deskOfTheAgent(browser);
            By ours = By.cssSelector("#queue-list li.queue-item[data-case='" + caseId + "']");
            await().atMost(Duration.ofSeconds(20)).until(() -> !page.findElements(ours).isEmpty());
            WebElement claim = page.findElement(ours).findElement(By.className("claim"));
            String taskId = claim.getDomAttribute("data-task");
            claim.click();
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));
            wait.until(d -> d.findElement(By.id("case-title")).getText().contains("#" + caseId));
            assertThat(page.findElements(By.id("reply-form"))).isNotEmpty();

            Api.Response takeOver = Api.as(port, "supervisor").post("/api/desk/tasks/" + taskId + "/claim", "application/json", "");
            assertThat(takeOver.status()).as(takeOver.toString()).isEqualTo(200);

            wait.until(d -> !d.findElements(By.id("held-note")).isEmpty());
            assertThat(page.findElement(By.id("held-note")).getText()).startsWith("Sara Supervisor is working on this case");
            assertThat(page.findElements(By.id("reply-form"))).isEmpty();
            assertThat(page.findElements(By.id("step-form"))).isEmpty();
            browser.screenshot("desk-held-by-supervisor");
        }
        Api.Response reply = Api.as(port, "agent").postJsonOnceRouted("/api/cases/" + caseId + "/replies", Map.of("text", "Router replaced."));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asText())
                .isEqualTo("Case " + caseId + " is being handled by Sara Supervisor; only a supervisor can take it over");
        assertThat(Api.as(port, "agent").getOnceRouted("/api/cases/" + caseId).json().get("status").asText()).isEqualTo("ESCALATED");
    }

    /** On a phone the open case takes the screen; the page keeps its heading for screen readers (walk 50). */
    @Test
    void onAPhoneTheOpenCaseTakesTheScreenAndThePageKeepsItsHeading() {
        long caseId = escalated(newAddress("lina"), "URGENT: my line is down since this morning, please help");
        try (Browser browser = Browser.open()) {
            WebDriver page = deskOfTheAgent(browser);
            page.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            page.get(base() + "/desk.html#case-" + caseId);
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));
            wait.until(d -> d.findElement(By.id("case-title")).getText().contains("#" + caseId));
            assertThat(page.findElement(By.id("case-title")).isDisplayed()).isTrue();
            assertThat(page.findElement(By.id("queue-list")).isDisplayed()).as("the list gives way to the case").isFalse();
            assertThat(page.findElement(By.id("search")).isDisplayed()).isFalse();
            Object heading = ((JavascriptExecutor) page).executeScript(
                    "const h = document.querySelectorAll('h1'); return h.length === 1 && h[0].getClientRects().length > 0"
                            + " ? h[0].textContent : null");
            assertThat(heading).as("one h1 a screen reader still finds").isEqualTo("Agent desk");
            browser.screenshot("desk-phone-case-open");
        }
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
                "ESCALATED".equals(Api.as(port, "agent").getOnceRouted("/api/cases/" + caseId).json().get("status").asText()));
        return caseId;
    }

    /** Opens the desk and signs in there as the agent (the sign-in leads back to the desk). */
    private WebDriver deskOfTheAgent(Browser browser) {
        WebDriver page = browser.driver();
        page.get(base() + "/desk.html");
        new WebDriverWait(page, Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("username")).isEmpty());
        page.findElement(By.id("username")).sendKeys("agent");
        page.findElement(By.id("password")).sendKeys("demo");
        page.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(page, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("/desk.html"));
        return page;
    }

    private long write(String address, String text) {
        return CustomerMessages.write(port, "EMAIL", address, text, "thread-" + address);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
