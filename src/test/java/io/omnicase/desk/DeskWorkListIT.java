package io.omnicase.desk;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.support.Accessibility;
import io.omnicase.support.Api;
import io.omnicase.support.Browser;
import io.omnicase.support.CustomerMessages;
import io.omnicase.support.QueueCases;
import io.omnicase.support.QueueCases.QueueCase;
import io.omnicase.support.RunningOmnicase;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The desk's work list, read in one query from the engine on the real MariaDB: each task shows its case, queue,
 * priority and the moment its SLA runs out, as the case process holds them; and the queue list in the browser: what an
 * agent scans for, tabs, search and filters, a live change without a reload, the narrow screen and the keyboard.
 * Screenshots go to target/screenshots.
 */
@RunningOmnicase
class DeskWorkListIT {

    @LocalServerPort
    int port;

    @Autowired
    TaskService camundaTasks;

    @Autowired
    RuntimeService camundaRuntime;

    @Test
    void aTaskOfMyQueueShowsItsCaseQueuePriorityAndSlaDeadline() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        Task task = camundaTasks.createTaskQuery().taskId(billing.taskId()).singleResult();
        Duration sla = Duration.parse((String) camundaRuntime.getVariable(task.getProcessInstanceId(), "slaDuration"));

        JsonNode listed = listedTask(Api.as(port, "agent").get("/api/desk/tasks").json(), billing.taskId());

        assertThat(listed.get("caseId").asLong()).isEqualTo(billing.caseId());
        assertThat(listed.get("queue").asText()).isEqualTo("billing");
        assertThat(listed.get("priority").asInt()).isEqualTo(task.getPriority());
        assertThat(listed.get("name").asText()).isEqualTo(task.getName()).contains("#" + billing.caseId());
        assertThat(listed.path("assignee").asText(null)).as("no one holds it").isNull();
        Instant created = Instant.parse(listed.get("created").asText());
        assertThat(created).isEqualTo(task.getCreateTime().toInstant());
        assertThat(Instant.parse(listed.get("slaDue").asText())).isEqualTo(created.plus(sla));
    }

    @Test
    void aClaimedTaskStaysOnTheListOfWhoClaimedItOnly() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");

        JsonNode claimed = Api.as(port, "agent").post("/api/desk/tasks/" + billing.taskId() + "/claim",
                "application/json", "").json();

        assertThat(claimed.get("assignee").asText()).isEqualTo("agent");
        assertThat(claimed.get("caseId").asLong()).isEqualTo(billing.caseId());
        assertThat(listedTask(Api.as(port, "agent").get("/api/desk/tasks").json(), billing.taskId())
                .get("assignee").asText()).isEqualTo("agent");
        assertThat(taskIds(Api.as(port, "senior").get("/api/desk/tasks").json())).doesNotContain(billing.taskId());
    }

    @Test
    void theQueueListShowsWhatAnAgentScansForAndANewCustomerMessageAppearsAndChangesItsRowWithoutAReload() {
        String marker = "zl" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String address = "live-" + marker + "@example.com";
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.signIn(base(), "agent", "/desk.html");
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(40));
            wait.until(d -> d.findElement(By.id("feed-state")).getText().equals("Live"));
            ((JavascriptExecutor) page).executeScript("window.__sameDocument = true;");
            page.findElement(By.id("search")).sendKeys(marker);
            wait.until(d -> d.findElement(By.id("queue-empty")).getText().contains("No case matches"));

            // The customer writes; the agent's open list shows the case without anyone reloading the page.
            long caseId = CustomerMessages.write(port, "EMAIL", address,
                    "I was charged twice for my subscription, please refund it (reference " + marker + ")", "thread-" + marker);
            By ours = By.cssSelector("#queue-list li.queue-item[data-case='" + caseId + "']");
            wait.until(d -> !d.findElements(ours).isEmpty());
            WebElement row = page.findElement(ours);
            assertThat(row.findElement(By.className("subject")).getText()).isNotBlank();
            assertThat(row.findElement(By.className("customer")).getText()).isEqualTo(address);
            assertThat(row.findElement(By.className("channel-label")).getText()).isEqualTo("Email");
            assertThat(row.findElements(By.cssSelector(".channel svg"))).hasSize(1);
            assertThat(row.findElement(By.className("queue")).getText()).isEqualTo("billing");
            assertThat(row.findElement(By.className("claim")).getText()).isEqualTo("Claim");
            assertThat(row.findElement(By.className("sla-time")).getText()).matches("SLA .+ left");
            String sla = row.getDomAttribute("data-sla");
            assertThat(sla).isIn("ok", "at-risk");
            assertThat(row.findElement(By.className("sla")).getDomAttribute("class")).contains(sla.equals("ok") ? "ok" : "warn");
            wait.until(d -> d.findElement(ours).findElement(By.className("mood")).getText()
                    .matches("[↓→↑]?(Negative|Neutral|Positive)(, (getting worse|steady|improving))?"));
            // The waiting time ticks by itself.
            String waited = row.findElement(By.className("waiting")).getText();
            assertThat(waited).startsWith("waiting ");
            wait.until(d -> !d.findElement(ours).findElement(By.className("waiting")).getText().equals(waited));
            browser.screenshot("desk-queue-1-new-case-appears");

            // The tabs count and split the list: the new case is nobody's yet.
            assertThat(Integer.parseInt(page.findElement(By.cssSelector("#tab-unassigned .count")).getText())).isGreaterThanOrEqualTo(1);
            page.findElement(By.id("tab-mine")).click();
            wait.until(d -> d.findElements(ours).isEmpty());
            page.findElement(By.id("tab-unassigned")).click();
            wait.until(d -> !d.findElements(ours).isEmpty());
            new Select(page.findElement(By.id("filter-channel"))).selectByValue("SMS");
            wait.until(d -> d.findElements(ours).isEmpty());
            new Select(page.findElement(By.id("filter-channel"))).selectByValue("EMAIL");
            wait.until(d -> !d.findElements(ours).isEmpty());
            new Select(page.findElement(By.id("filter-queue"))).selectByValue("general");
            wait.until(d -> d.findElements(ours).isEmpty());
            new Select(page.findElement(By.id("filter-queue"))).selectByValue("billing");
            wait.until(d -> !d.findElements(ours).isEmpty());

            // The customer writes again: the row shows the newest message, still without a reload.
            CustomerMessages.write(port, "EMAIL", address,
                    "This is ridiculous, I am furious, still no refund after two weeks (reference " + marker + ")", "thread-" + marker);
            wait.until(d -> d.findElement(ours).findElement(By.className("last")).getText().contains("I am furious"));
            assertThat(((JavascriptExecutor) page).executeScript("return window.__sameDocument === true;")).isEqualTo(true);
            browser.screenshot("desk-queue-2-row-changes-live");

            assertThat(Accessibility.seriousViolations(page)).as("axe-core on the queue list").isEmpty();
        }
    }

    @Test
    void onANarrowScreenTheCaseReplacesTheListAndTheKeyboardWorksTheQueue() {
        QueueCase general = QueueCases.escalatedIn(port, "general");
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.signIn(base(), "agent", "/desk.html");
            page.manage().window().setSize(new Dimension(420, 860));
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(30));
            By ours = By.cssSelector("#queue-list li.queue-item[data-case='" + general.caseId() + "']");
            page.findElement(By.id("search")).sendKeys(general.marker());
            wait.until(d -> d.findElements(By.cssSelector("#queue-list li.queue-item")).size() == 1 && !d.findElements(ours).isEmpty());
            assertThat(page.findElement(ours).getDomAttribute("class")).contains("selected");

            // Typing in a field is typing: "?" goes into the search box, no help opens.
            page.findElement(By.id("search")).sendKeys("?");
            assertThat(page.findElements(By.id("shortcuts"))).isEmpty();
            page.findElement(By.id("search")).sendKeys(Keys.BACK_SPACE);
            page.findElement(By.id("queue-title")).click();
            new Actions(page).sendKeys("?").perform();
            wait.until(d -> !d.findElements(By.id("shortcuts")).isEmpty());
            assertThat(page.findElement(By.id("shortcuts")).getText()).contains("Next / previous case", "Send the reply");
            browser.screenshot("desk-narrow-1-shortcuts");
            new Actions(page).sendKeys(Keys.ESCAPE).perform();
            wait.until(d -> d.findElements(By.id("shortcuts")).isEmpty());

            // Enter claims and opens the selected case; on a phone it takes the whole screen, with a way back.
            new Actions(page).sendKeys(Keys.ENTER).perform();
            wait.until(d -> d.findElement(By.id("case-title")).getText().contains("#" + general.caseId()));
            // The list hides (the page's heading stays for screen readers, visually hidden: walk 50).
            assertThat(page.findElement(By.id("queue-list")).isDisplayed()).isFalse();
            assertThat(page.findElement(By.id("search")).isDisplayed()).isFalse();
            WebElement back = page.findElement(By.cssSelector("#case-view .back"));
            assertThat(back.isDisplayed()).isTrue();
            assertThat(((JavascriptExecutor) page).executeScript("return document.activeElement.id")).isEqualTo("case-title");
            new Actions(page).sendKeys("r").perform();
            assertThat(((JavascriptExecutor) page).executeScript("return document.activeElement.id")).isEqualTo("reply-text");
            new Actions(page).sendKeys("j").perform();
            assertThat(page.findElement(By.id("reply-text")).getDomProperty("value")).isEqualTo("j");
            browser.screenshot("desk-narrow-2-case");
            assertThat(Api.as(port, "agent").get("/api/desk/queue?tab=mine").json().get("items").findValuesAsText("caseId"))
                    .contains(String.valueOf(general.caseId()));

            // The typed reply is not sent: leaving asks first, in the page; staying keeps the case and the text.
            back.click();
            WebElement leave = wait.until(d -> d.findElement(By.id("leave-case")));
            assertThat(leave.getText()).contains("has not been sent");
            assertThat(((JavascriptExecutor) page).executeScript("return document.activeElement.id")).isEqualTo("leave-stay");
            page.findElement(By.id("leave-stay")).click();
            wait.until(d -> d.findElements(By.id("leave-case")).isEmpty());
            assertThat(page.findElement(By.id("reply-text")).getDomProperty("value")).isEqualTo("j");
            back.click();
            wait.until(d -> d.findElement(By.id("leave-go"))).click();
            wait.until(d -> d.findElement(By.id("queue-list")).isDisplayed());
            assertThat(page.findElement(ours).findElement(By.className("claim")).getText()).isEqualTo("Open");
            browser.screenshot("desk-narrow-3-back-to-list");
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static JsonNode listedTask(JsonNode list, String taskId) {
        return StreamSupport.stream(list.spliterator(), false).filter(t -> taskId.equals(t.get("taskId").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("Task " + taskId + " is not on the list " + list));
    }

    private static java.util.List<String> taskIds(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(t -> t.get("taskId").asText()).toList();
    }
}
