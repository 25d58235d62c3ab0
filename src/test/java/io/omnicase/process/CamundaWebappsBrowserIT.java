package io.omnicase.process;

import io.omnicase.support.Api;
import io.omnicase.support.Browser;
import io.omnicase.support.QueueCases;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A supervisor logs in once on Omnicase's login page and works in Tasklist and Cockpit, in a real Chromium. */
@RunningOmnicase
class CamundaWebappsBrowserIT {

    @LocalServerPort
    int port;

    @Test
    void oneLoginOpensTasklistWithTheEscalatedDemoCasesAndCockpit() {
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(60));
            page.get("http://127.0.0.1:" + port + "/camunda/app/tasklist/default/");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
            page.findElement(By.name("username")).sendKeys("supervisor");
            page.findElement(By.name("password")).sendKeys("demo");
            page.findElement(By.cssSelector("button[type=submit]")).click();

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Case #"));
            browser.screenshot("tasklist-supervisor");
            assertThat(page.findElement(By.tagName("body")).getText()).contains("My queues")
                    // Camunda 7 CE's "migrate to Camunda 8" banner is advice for operators, not for agents.
                    .doesNotContain("migrate to Camunda 8")
                    // Cases start from customers' messages, tasks from their process: nothing to start or create here.
                    .doesNotContain("Start process").doesNotContain("Create task");

            page.get("http://127.0.0.1:" + port + "/camunda/app/cockpit/default/#/processes");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Customer case"));
            browser.screenshot("cockpit-supervisor");

            page.findElement(By.linkText("Customer case")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-element-id='user_handle_case']")));
            browser.screenshot("cockpit-case-process-diagram");
        }
    }

    /**
     * An agent resolves a case in Tasklist as Tasklist sends it: claim, the case's form (a topic from its list and the
     * resolution), Complete. The checks on Tasklist's engine API (holder only, the form's fields only) let exactly this
     * through, and the case is resolved in the agent's name.
     */
    @Test
    void anAgentResolvesACaseInTasklistThroughItsForm() {
        QueueCases.QueueCase technical = QueueCases.escalatedIn(port, "technical");
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.signIn("http://127.0.0.1:" + port, "tech",
                    "/camunda/app/tasklist/default/#/?task=" + technical.taskId());
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(60));
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Claim']"))).click();
            // The topic: one of the form's radio buttons, found by its label as a person finds it.
            wait.until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//*[contains(@class,'fjs-form-field-radio')]//label[normalize-space()='Technical']"))).click();
            page.findElement(By.cssSelector(".fjs-form-field-textarea textarea")).sendKeys("Reinstalled the app from Tasklist");
            browser.screenshot("tasklist-resolve-form");
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Complete']"))).click();

            Api tech = Api.as(port, "tech");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "RESOLVED".equals(tech.get("/api/cases/" + technical.caseId()).json().get("status").asText()));
            assertThat(tech.get("/api/cases/" + technical.caseId() + "/timeline").body())
                    .contains("Resolved by Toni Tech: Reinstalled the app from Tasklist");
        }
    }
}
