package io.omnicase.routing;

import io.omnicase.support.Api;
import io.omnicase.support.Browser;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A supervisor edits the routing rules in the browser as a table: the shipped rules are rows, a mistake is pointed out
 * in its row, a new row is dry-run, saved and shows in the row diff.
 */
@RunningOmnicase
class RuleSetEditorPageIT {

    @LocalServerPort
    int port;

    @Test
    void aSupervisorAddsARowSeesTheMistakeInItsRowDryRunsTheFixAndActivatesIt() {
        Api supervisor = Api.as(port, "supervisor");
        int activeAtStart = supervisor.get("/api/routing/rules/active").json().get("version").asInt();
        sendBillingQuestion();
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));
            openAsSupervisor(page, wait);
            List<WebElement> rows = page.findElements(By.cssSelector("#rules tbody tr.rule"));
            assertThat(rows).hasSize(13);
            assertThat(rows.get(0).findElement(By.className("rule-name")).getDomProperty("value"))
                    .isEqualTo("A message about billing goes to the billing queue");

            page.findElement(By.id("add-rule")).click();
            WebElement added = page.findElements(By.cssSelector("#rules tbody tr.rule")).get(13);
            WebElement condition = added.findElement(By.className("condition"));
            new Select(condition.findElement(By.className("field"))).selectByValue("MESSAGE_TOPIC");
            new Select(condition.findElement(By.className("operator"))).selectByValue("IS");
            new Select(condition.findElement(By.className("value"))).selectByValue("BILLING");
            new Select(added.findElement(By.className("handling"))).selectByValue("ESCALATE");
            page.findElement(By.id("validate")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("problems"), "row 14, name: is required"));
            assertThat(page.findElement(By.id("status")).getText()).isEqualTo("Not valid");
            assertThat(added.getDomAttribute("class")).contains("invalid");
            assertThat(added.findElement(By.className("rule-name")).getDomAttribute("class")).contains("invalid");
            browser.screenshot("routing-rules-validation-error");

            added.findElement(By.className("rule-name")).sendKeys("Every billing message goes to a person");
            page.findElement(By.id("validate")).click();
            wait.until(ExpectedConditions.textToBe(By.id("status"), "Valid"));
            page.findElement(By.id("dry-run")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#dry-run-table tbody tr.changed")));
            assertThat(page.findElement(By.id("dry-run-summary")).getText()).contains("would be routed differently");
            browser.screenshot("routing-rules-dry-run");

            page.findElement(By.id("reason")).sendKeys("Billing backlog: people answer invoices");
            page.findElement(By.id("activate")).click();
            wait.until(ExpectedConditions.textMatches(By.id("status"), Pattern.compile("v\\d+ is active")));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("active-version"), "Billing backlog"));
            assertThat(page.findElement(By.id("versions")).getText()).contains("(active)");
            page.findElement(By.cssSelector("#versions tbody tr:first-child .show-diff")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("diff"),
                    "ADDED  Every billing message goes to a person  (row 14)"));
            browser.screenshot("routing-rules-activated");
        } finally {
            supervisor.postJson("/api/routing/rules/versions/" + activeAtStart + "/activate", Map.of("reason", "test over"));
        }
    }

    /**
     * The API's refusals reach the supervisor as readable text: a dry run over too many cases is refused with a problem
     * (400, the field and what it must be), shown in the status line and the problem list. When the session has ended,
     * the next call sends the page to the login form (no browser password dialog).
     */
    @Test
    void aRefusedRequestIsShownAsTheProblemsWordsAndAnEndedSessionLeadsToTheLoginForm() {
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));
            openAsSupervisor(page, wait);

            WebElement cases = page.findElement(By.id("cases"));
            cases.clear();
            cases.sendKeys("1000");
            page.findElement(By.id("dry-run")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("problems"),
                    "cases: must be less than or equal to 500"));
            assertThat(page.findElement(By.id("status")).getText()).isEqualTo("Rejected; the active rules stay as they were");
            assertThat(page.findElement(By.id("dry-run-result")).isDisplayed()).isFalse();
            browser.screenshot("routing-rules-refused-dry-run");

            page.manage().deleteAllCookies();
            page.findElement(By.id("validate")).click();
            wait.until(d -> d.getCurrentUrl().endsWith("/login"));
            assertThat(page.findElements(By.name("username"))).isNotEmpty();
        }
    }

    /** A strict Content-Security-Policy (script-src 'self', no inline styles) will not break the page. */
    @Test
    void thePageHasNoInlineScriptsHandlersOrStyles() {
        String html = Api.as(port, "supervisor").page("/routing-rules.html").body();

        assertThat(html).contains("<script src=\"/js/routing-rules.js\"");
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)")
                .doesNotContainPattern("(?i)\\son[a-z]+\\s*=")
                .doesNotContain("<style")
                .doesNotContainPattern("(?i)\\sstyle\\s*=")
                .doesNotContain("javascript:");
    }

    private void openAsSupervisor(WebDriver page, WebDriverWait wait) {
        page.get("http://127.0.0.1:" + port + "/login");
        page.findElement(By.name("username")).sendKeys("supervisor");
        page.findElement(By.name("password")).sendKeys("demo");
        page.findElement(By.cssSelector("button[type=submit]")).click();
        // The login must have completed before the next page is asked for, or that page answers with the login form.
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
        page.get("http://127.0.0.1:" + port + "/routing-rules.html");
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    /** A billing question in self-service, so the dry run has a case whose routing the change would alter. */
    private void sendBillingQuestion() {
        long caseId = RuleSetEditingIT.sendFromNewCustomer(port, "When will my next invoice arrive?");
        RuleSetEditingIT.awaitStatus(port, caseId, "SELF_SERVICE");
    }
}
