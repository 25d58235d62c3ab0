package io.omnicase.routing;

import io.omnicase.support.Api;
import io.omnicase.support.Browser;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A supervisor edits the routing rules in the browser: a mistake is shown with its line, a dry run, an activation. */
@RunningOmnicase
class RuleSetEditorPageIT {

    @LocalServerPort
    int port;

    @Test
    void aSupervisorSeesAValidationErrorDryRunsTheFixAndActivatesIt() {
        Api supervisor = Api.as(port, "supervisor");
        int activeAtStart = supervisor.get("/api/routing/rules/active").json().get("version").asInt();
        sendBillingQuestion();
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));
            page.get("http://127.0.0.1:" + port + "/login");
            page.findElement(By.name("username")).sendKeys("supervisor");
            page.findElement(By.name("password")).sendKeys("demo");
            page.findElement(By.cssSelector("button[type=submit]")).click();
            // The login must have completed before the next page is asked for, or that page answers with the login form.
            wait.until(d -> !d.getCurrentUrl().contains("/login"));
            page.get("http://127.0.0.1:" + port + "/routing-rules.html");
            wait.until(d -> d.findElement(By.id("drl")).getDomProperty("value").contains("package io.omnicase.rules.routing"));
            String active = page.findElement(By.id("drl")).getDomProperty("value");

            setRules(page, active + "\nrule \"Half written\"\nwhen\n    MessageFacts( topic == \nthen\nend\n");
            page.findElement(By.id("validate")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("problems"), "line "));
            assertThat(page.findElement(By.id("status")).getText()).isEqualTo("Not valid");
            browser.screenshot("routing-rules-validation-error");

            setRules(page, active + RuleSetEditingIT.BILLING_TO_A_PERSON);
            page.findElement(By.id("validate")).click();
            wait.until(ExpectedConditions.textToBe(By.id("status"), "Valid"));
            page.findElement(By.id("dry-run")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#dry-run-table tbody tr.changed")));
            assertThat(page.findElement(By.id("dry-run-summary")).getText()).contains("would be routed differently");
            browser.screenshot("routing-rules-dry-run");

            page.findElement(By.id("reason")).sendKeys("Billing backlog: people answer invoices");
            page.findElement(By.id("activate")).click();
            wait.until(ExpectedConditions.textMatches(By.id("status"), java.util.regex.Pattern.compile("v\\d+ is active")));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("active-version"), "Billing backlog"));
            assertThat(page.findElement(By.id("versions")).getText()).contains("(active)");
            browser.screenshot("routing-rules-activated");
        } finally {
            supervisor.postJson("/api/routing/rules/versions/" + activeAtStart + "/activate", Map.of("reason", "test over"));
        }
    }

    private static void setRules(WebDriver page, String drl) {
        ((JavascriptExecutor) page).executeScript(
                "const t = document.getElementById('drl'); t.value = arguments[0]; t.dispatchEvent(new Event('input'));", drl);
    }

    /** A billing question in self-service, so the dry run has a case whose routing the change would alter. */
    private void sendBillingQuestion() {
        long caseId = RuleSetEditingIT.sendFromNewCustomer(port, "When will my next invoice arrive?");
        RuleSetEditingIT.awaitStatus(port, caseId, "SELF_SERVICE");
    }
}
