package io.omnicase.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.support.Api;
import io.omnicase.support.Accessibility;
import io.omnicase.support.Browser;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routing rules page of the front-end app, in Chromium, as each role meets it: a supervisor edits the rule table,
 * sees a mistake on its cell, dry-runs the fix, activates it with a reason, reads the row diff and rolls back; an
 * auditor reads the same table with nothing to change; a designer is told the page is not for their role. An axe-core
 * check finds no serious accessibility violation. Screenshots in target/screenshots.
 */
@RunningOmnicase
class RuleSetEditorPageIT {

    private static final By RULES = By.cssSelector("#rules tbody tr.rule");

    @LocalServerPort
    int port;

    @Test
    void aSupervisorEditsValidatesDryRunsActivatesWithAReasonReadsTheDiffAndRollsBack() {
        Api supervisor = Api.as(port, "supervisor");
        int activeAtStart = supervisor.get("/api/routing/rules/active").json().get("version").asInt();
        sendBillingQuestion();
        try (Browser browser = Browser.open()) {
            WebDriver page = open(browser, "supervisor");
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));
            List<WebElement> rows = page.findElements(RULES);
            assertThat(rows).hasSize(ShippedRules.COUNT);
            assertThat(rows.get(0).findElement(By.className("rule-name")).getDomProperty("value"))
                    .isEqualTo("A message about billing goes to the billing queue");
            assertThat(page.findElements(By.id("read-only-note"))).isEmpty();
            browser.screenshot("routing-rules-0-editor");

            // From the keyboard: Enter on "Add rule" adds a row and puts the cursor in its name.
            page.findElement(By.id("add-rule")).sendKeys(Keys.ENTER);
            wait.until(d -> d.findElements(RULES).size() == ShippedRules.COUNT + 1);
            WebElement added = page.findElements(RULES).get(ShippedRules.COUNT);
            assertThat(page.switchTo().activeElement()).isEqualTo(added.findElement(By.className("rule-name")));
            choose(added, "field", "MESSAGE_TOPIC");
            assertThat(new Select(added.findElement(By.className("operator"))).getOptions())
                    .extracting(WebElement::getText).containsExactly("is", "is not");
            choose(added, "operator", "IS");
            choose(added, "value", "BILLING");
            new Select(added.findElement(By.className("handling"))).selectByValue("ESCALATE");

            page.findElement(By.id("validate")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("problems"), "row " + (ShippedRules.COUNT + 1) + ", name: is required"));
            assertThat(page.findElement(By.id("status")).getText()).isEqualTo("Not valid");
            added = page.findElements(RULES).get(ShippedRules.COUNT);
            assertThat(added.getDomAttribute("class")).contains("invalid");
            WebElement name = added.findElement(By.className("rule-name"));
            assertThat(name.getDomAttribute("class")).contains("invalid");
            assertThat(name.getDomAttribute("aria-invalid")).isEqualTo("true");
            // The message stands next to the cell it is about, and the field says it is described by it.
            WebElement nextToIt = page.findElement(By.id(name.getDomAttribute("aria-describedby")));
            assertThat(nextToIt.getText()).isEqualTo("is required");
            assertThat(nextToIt.isDisplayed()).isTrue();
            assertThat(page.findElements(RULES).get(0).getDomAttribute("class")).doesNotContain("invalid");
            scrollTo(page, added);
            browser.screenshot("routing-rules-1-problem-on-its-cell");

            name.sendKeys("Every billing message goes to a person");
            page.findElement(By.id("validate")).click();
            wait.until(ExpectedConditions.textToBe(By.id("status"), "Valid"));
            assertThat(page.findElements(By.cssSelector(".cell-problem"))).isEmpty();
            page.findElement(By.id("dry-run")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#dry-run-table tbody tr.changed")));
            assertThat(page.findElement(By.id("dry-run-summary")).getText()).contains("would be routed differently");
            // Only the cases whose routing changes, first, each saying what changes ("self-service → escalate").
            assertThat(page.findElement(By.id("dry-run-changed-only")).isSelected()).isTrue();
            assertThat(page.findElements(By.cssSelector("#dry-run-table tbody tr:not(.changed)"))).isEmpty();
            assertThat(page.findElement(By.cssSelector("#dry-run-table tbody tr.changed td.changes")).getText()).contains("→");
            scrollTo(page, page.findElement(By.id("dry-run-result")));
            browser.screenshot("routing-rules-2-dry-run");

            page.findElement(By.id("activate")).click();
            wait.until(ExpectedConditions.textToBe(By.id("status"), "Say why you change the rules"));
            page.findElement(By.id("reason")).sendKeys("Billing backlog: people answer invoices");
            page.findElement(By.id("activate")).click();
            wait.until(ExpectedConditions.textMatches(By.id("status"), Pattern.compile("v\\d+ is active")));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("active-version"), "Billing backlog"));
            int saved = supervisor.get("/api/routing/rules/active").json().get("version").asInt();
            assertThat(saved).isGreaterThan(activeAtStart);
            WebElement newest = page.findElement(By.cssSelector("#versions tbody tr:first-child"));
            assertThat(newest.getDomAttribute("data-version")).isEqualTo(String.valueOf(saved));
            assertThat(newest.getText()).contains("Billing backlog: people answer invoices");
            assertThat(newest.findElement(By.cssSelector(".badge.ok")).getText()).isEqualTo("active");

            newest.findElement(By.className("show-diff")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#diff li[data-change=ADDED]")));
            WebElement diff = page.findElement(By.id("diff"));
            assertThat(diff.getText()).contains("Changes from v" + (saved - 1) + " to v" + saved);
            assertThat(diff.findElement(By.cssSelector("li[data-change=ADDED]")).getText())
                    .contains("Every billing message goes to a person (row " + (ShippedRules.COUNT + 1) + ")")
                    .contains("When Message topic is Billing: escalate to a person");
            scrollTo(page, diff);
            browser.screenshot("routing-rules-3-activated-and-diff");

            page.findElement(By.cssSelector("#versions tr[data-version='" + activeAtStart + "'] .rollback")).click();
            // Asked, with a reason, before the live routing changes.
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("activate-reason")))
                    .sendKeys("Every billing message went to a person");
            page.findElement(By.id("activate-confirm")).click();
            wait.until(ExpectedConditions.textToBe(By.id("status"), "v" + activeAtStart + " is active again"));
            // The pressed button is gone with its version active again; the keyboard goes on from the outcome.
            assertThat(page.switchTo().activeElement().getDomAttribute("id")).isEqualTo("status");
            assertThat(supervisor.get("/api/routing/rules/active").json().get("version").asInt()).isEqualTo(activeAtStart);
            wait.until(d -> d.findElements(RULES).size() == ShippedRules.COUNT);
            assertThat(page.findElements(By.cssSelector("#versions tr[data-version='" + activeAtStart + "'] .badge.ok")))
                    .hasSize(1);
            assertThat(page.findElements(By.cssSelector("#versions tr[data-version='" + saved + "'] .badge.ok"))).isEmpty();
            assertThat(page.findElements(By.cssSelector("#versions tr[data-version='" + activeAtStart + "'] .rollback")))
                    .isEmpty();
            scrollTo(page, page.findElement(By.id("versions")));
            browser.screenshot("routing-rules-4-rolled-back");
        } finally {
            supervisor.postJson("/api/routing/rules/versions/" + activeAtStart + "/activate", Map.of("reason", "test over"));
        }
    }

    /**
     * An auditor reads the same rule table and every version, as text: no field to type into, no button that changes
     * anything, and a note that says why, instead of an editor that fails only on click.
     */
    @Test
    void anAuditorReadsTheTableAndItsVersionsWithNothingToChange() {
        // A second version with the same rules (routing stays as it was), so there is a diff and an older table to read.
        Api supervisor = Api.as(port, "supervisor");
        JsonNode active = supervisor.get("/api/routing/rules/active").json();
        int activeAtStart = active.get("version").asInt();
        Api.Response copy = supervisor.postJson("/api/routing/rules/versions",
                Map.of("rules", active.get("rules").get("rules"), "reason", "Same rules, saved again for the auditor"));
        assertThat(copy.status()).as(copy.toString()).isEqualTo(201);
        int saved = copy.json().get("version").asInt();
        try (Browser browser = Browser.open()) {
            WebDriver page = open(browser, "auditor");
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));
            assertThat(page.findElements(RULES)).hasSize(ShippedRules.COUNT);
            assertThat(page.findElements(RULES).get(0).findElement(By.className("name")).getText())
                    .isEqualTo("A message about billing goes to the billing queue");
            assertThat(page.findElements(RULES).get(0).findElement(By.className("conditions")).getText())
                    .isEqualTo("Message topic is Billing");
            assertThat(page.findElement(By.id("read-only-note")).getText())
                    .isEqualTo("You can read every version; changing rules is for supervisors.");
            assertNothingToChange(page);
            browser.screenshot("routing-rules-5-auditor-read-only");

            page.findElement(By.cssSelector("#versions tbody tr:first-child .show-diff")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("diff")));
            assertThat(page.findElement(By.id("diff")).getText()).contains("Changes from v" + (saved - 1) + " to v" + saved)
                    .contains(ShippedRules.COUNT + " rows kept as they were");
            page.findElement(By.cssSelector("#versions tr[data-version='" + activeAtStart + "'] .show-version")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("shown-note"),
                    "The table shows the rules of v" + activeAtStart + ", not the active ones."));
            assertThat(page.findElements(RULES)).hasSize(ShippedRules.COUNT);
            assertNothingToChange(page);
            assertThat(Accessibility.seriousViolations(page)).as("axe-core, serious or critical, auditor").isEmpty();
            scrollTo(page, page.findElement(By.id("shown-note")));
            browser.screenshot("routing-rules-5b-auditor-older-version");
        } finally {
            supervisor.postJson("/api/routing/rules/versions/" + activeAtStart + "/activate", Map.of("reason", "test over"));
        }
    }

    private static void assertNothingToChange(WebDriver page) {
        assertThat(page.findElements(By.cssSelector("#routing-rules input, #routing-rules select, #routing-rules textarea")))
                .isEmpty();
        assertThat(page.findElements(By.cssSelector("#activate, #validate, #dry-run, #add-rule, #reason, .rollback, .remove-rule")))
                .isEmpty();
    }

    @Test
    void aDesignerIsToldThePageIsNotForTheirRole() {
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.signIn(base(), "designer", "/routing-rules.html");
            WebElement notice = new WebDriverWait(page, Duration.ofSeconds(20))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("no-access")));
            assertThat(notice.getText()).contains("Not for your role").contains("routing rules decide");
            assertThat(page.findElements(By.id("rules"))).isEmpty();
            browser.screenshot("routing-rules-6-designer-no-access");
        }
    }

    /** The editor has no serious accessibility problem, and on a phone the table scrolls inside the page. */
    @Test
    void theEditorPassesAnAxeCheckAndFitsAPhoneWithTheTableScrollingSideways() {
        try (Browser browser = Browser.open()) {
            WebDriver page = open(browser, "supervisor");
            assertThat(Accessibility.seriousViolations(page)).as("axe-core, serious or critical, supervisor").isEmpty();

            page.manage().window().setSize(new Dimension(360, 800));
            JavascriptExecutor js = (JavascriptExecutor) page;
            new WebDriverWait(page, Duration.ofSeconds(10))
                    .until(d -> ((Number) js.executeScript("return window.innerWidth")).intValue() <= 400);
            Map<?, ?> widths = (Map<?, ?>) js.executeScript("""
                    const region = document.getElementById('rules').parentElement;
                    const sticking = [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                            && (!e.closest('[role=region]') || getComputedStyle(e).position === 'absolute'))
                        .slice(0, 5).map(e => e.tagName + '.' + e.className);
                    return { page: document.documentElement.scrollWidth, view: window.innerWidth,
                             tableScroll: region.scrollWidth, tableBox: region.clientWidth, sticking: sticking.join(' ') };""");
            assertThat(((Number) widths.get("page")).intValue()).as("the page does not run off the screen: " + widths)
                    .isLessThanOrEqualTo(((Number) widths.get("view")).intValue());
            assertThat(((Number) widths.get("tableScroll")).intValue()).as("the table scrolls sideways: " + widths)
                    .isGreaterThan(((Number) widths.get("tableBox")).intValue());
            browser.screenshot("routing-rules-7-phone");
        }
    }

    /**
     * Walk 47: the dispute rule's word list was cut to "dispute, wrong, twice, double, ov" beside an empty half cell;
     * the shipped list (with "charged again, charged me again, still charged, money back", F4) is longer than one line
     * of the cell, so the field wraps and grows: every word is seen, nothing scrolls inside the field.
     */
    @Test
    void aRulesWordListIsShownWholeOnADesktopScreen() {
        try (Browser browser = Browser.open()) {
            WebDriver page = open(browser, "supervisor");
            page.manage().window().setSize(new Dimension(1366, 900));
            new WebDriverWait(page, Duration.ofSeconds(10)).until(d -> ((Number) ((JavascriptExecutor) d)
                    .executeScript("return window.innerWidth")).intValue() <= 1366);
            WebElement dispute = page.findElements(RULES).stream()
                    .filter(row -> "A billing dispute is escalated".equals(
                            row.findElement(By.className("rule-name")).getDomProperty("value")))
                    .findFirst().orElseThrow();
            WebElement words = dispute.findElement(By.cssSelector(".condition .value.text"));
            assertThat(words.getDomProperty("value")).startsWith("dispute, wrong, twice").contains("money back");
            Map<?, ?> size = (Map<?, ?>) ((JavascriptExecutor) page).executeScript(
                    "return { wide: arguments[0].scrollWidth, shownWide: arguments[0].clientWidth,"
                            + " high: arguments[0].scrollHeight, shownHigh: arguments[0].clientHeight,"
                            + " view: window.innerWidth };", words);
            assertThat(((Number) size.get("view")).intValue()).isGreaterThanOrEqualTo(1300);
            assertThat(((Number) size.get("wide")).intValue()).as("the words fit their field's width: " + size)
                    .isLessThanOrEqualTo(((Number) size.get("shownWide")).intValue());
            assertThat(((Number) size.get("high")).intValue()).as("every line of the words is shown: " + size)
                    .isLessThanOrEqualTo(((Number) size.get("shownHigh")).intValue());
            ((JavascriptExecutor) page).executeScript("arguments[0].scrollIntoView({block: 'center'})", words);
            browser.screenshot("routing-rules-9-word-list");
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
            WebDriver page = open(browser, "supervisor");
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));

            WebElement cases = page.findElement(By.id("cases"));
            cases.clear();
            cases.sendKeys("1000");
            page.findElement(By.id("dry-run")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("problems"),
                    "cases: must be less than or equal to 500"));
            assertThat(page.findElement(By.id("status")).getText()).isEqualTo("Rejected; the active rules stay as they were");
            assertThat(page.findElements(By.id("dry-run-result"))).isEmpty();
            browser.screenshot("routing-rules-8-refused-dry-run");

            page.manage().deleteAllCookies();
            page.findElement(By.id("validate")).click();
            wait.until(d -> d.getCurrentUrl().endsWith("/login"));
            assertThat(page.findElements(By.id("username"))).isNotEmpty();
        }
    }

    /** A strict Content-Security-Policy (script-src 'self', no inline styles) will not break the page. */
    @Test
    void thePageHasNoInlineScriptsHandlersOrStyles() {
        Api.Response response = Api.as(port, "supervisor").page("/routing-rules.html");
        String html = response.body();

        assertThat(response.status()).isEqualTo(200);
        assertThat(html).containsPattern("<script type=\"module\"[^>]*\\bsrc=\"/assets/routing-rules-[^\"]+\\.js\"");
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)")
                .doesNotContainPattern("(?i)\\son[a-z]+\\s*=")
                .doesNotContain("<style")
                .doesNotContainPattern("(?i)\\sstyle\\s*=")
                .doesNotContain("javascript:");
        assertThat(Api.as(port, "supervisor").get("/js/routing-rules.js").status()).isEqualTo(404);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Signs in and opens the rules page; waits until the rules have loaded. */
    private WebDriver open(Browser browser, String user) {
        WebDriver page = browser.signIn(base(), user, "/routing-rules.html");
        new WebDriverWait(page, Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector("#routing-rules[data-state=ready]")).size() == 1);
        return page;
    }

    /** Picks a value in a row's select, found afresh: a changed field may replace the operator and value controls. */
    private static void choose(WebElement row, String className, String value) {
        new Select(row.findElement(By.cssSelector(".condition ." + className))).selectByValue(value);
    }

    private static void scrollTo(WebDriver page, WebElement element) {
        ((JavascriptExecutor) page).executeScript("arguments[0].scrollIntoView({block: 'start'})", element);
    }

    /** A billing question in self-service, so the dry run has a case whose routing the change would alter. */
    private void sendBillingQuestion() {
        long caseId = RuleSetEditingIT.sendFromNewCustomer(port, "When will my next invoice arrive?");
        RuleSetEditingIT.awaitStatus(port, caseId, "SELF_SERVICE");
    }
}
