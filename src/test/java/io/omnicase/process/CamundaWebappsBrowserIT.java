package io.omnicase.process;

import io.omnicase.support.Browser;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

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
                    .doesNotContain("migrate to Camunda 8");

            page.get("http://127.0.0.1:" + port + "/camunda/app/cockpit/default/#/processes");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Customer case"));
            browser.screenshot("cockpit-supervisor");

            page.findElement(By.linkText("Customer case")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-element-id='user_handle_case']")));
            browser.screenshot("cockpit-case-process-diagram");
        }
    }
}
