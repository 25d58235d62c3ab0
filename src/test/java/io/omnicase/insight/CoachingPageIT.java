package io.omnicase.insight;

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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The coaching page in Chromium, as a supervisor meets it: the quality part lists the period's lowest-scoring
 * conversation (a case resolved without a word to the customer) with a link to it on the desk; the coaching part says
 * plainly when there is no coaching data (not an error); the rules editor refuses a weight out of bounds next to its
 * field and saves a change with a reason as a new version. At 1400 and 360 px wide, with an axe-core check; an agent is
 * told the page is not for their role. Screenshots in target/screenshots.
 */
@RunningOmnicase
class CoachingPageIT {

    @LocalServerPort
    int port;

    @Test
    void aSupervisorSeesTheLowestScoredConversationAndChangesAWeightThroughTheEditor() {
        long unanswered = resolvedWithoutAReply();
        Api supervisor = Api.as(port, "supervisor");
        JsonNode before = supervisor.get("/api/insight/quality/rules").json();
        try (Browser browser = Browser.open()) {
            WebDriver page = open(browser, "supervisor");
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));

            // Lowest first, newest first among equals: the case just resolved without a reply scores 0.
            WebElement lowest = page.findElement(By.cssSelector("#lowest tbody tr"));
            assertThat(lowest.getDomAttribute("data-case")).isEqualTo(String.valueOf(unanswered));
            assertThat(lowest.findElement(By.cssSelector(".total")).getText()).isEqualTo("0.0");
            assertThat(lowest.findElement(By.tagName("a")).getDomAttribute("href")).isEqualTo("/desk.html#case-" + unanswered);
            assertThat(page.findElement(By.id("quality-summary")).getText()).containsPattern("\\d+ conversations? scored");
            String coaching = page.findElement(By.id("coaching")).getDomAttribute("data-coaching");
            if ("empty".equals(coaching)) {
                assertThat(page.findElement(By.id("coaching-empty")).getText()).contains("No coaching data yet");
            } else {
                assertThat(coaching).isEqualTo("ready");
                assertThat(page.findElements(By.cssSelector("#coaching-table .team-row"))).hasSize(1);
            }
            assertThat(page.findElements(By.cssSelector("section[aria-labelledby=coaching-heading] [role=alert]"))).isEmpty();
            fullPage(page, 1400);
            browser.screenshot("coaching-1-supervisor-1400");

            // A weight out of bounds: the server's refusal stands next to the field, the rules in force stay.
            WebElement empathy = page.findElement(By.id("w-empathy"));
            empathy.clear();
            empathy.sendKeys("150");
            page.findElement(By.id("rules-reason")).sendKeys("Empathy above all");
            page.findElement(By.id("save-rules")).click();
            wait.until(ExpectedConditions.textToBe(By.id("rules-status"), "Not saved; the rules in force stay as they were"));
            assertThat(empathy.getDomAttribute("aria-invalid")).isEqualTo("true");
            WebElement problem = page.findElement(By.id(empathy.getDomAttribute("aria-describedby")));
            assertThat(problem.getText()).isEqualTo("must be between 0 and 100");
            assertThat(problem.isDisplayed()).isTrue();
            scrollTo(page, page.findElement(By.id("rules-heading")));
            browser.screenshot("coaching-2-rule-refused");

            empathy.clear();
            empathy.sendKeys("35");
            page.findElement(By.id("save-rules")).click();
            wait.until(ExpectedConditions.textMatches(By.id("rules-status"),
                    Pattern.compile("v\\d+ is in force: it scores resolutions from now on")));
            JsonNode now = supervisor.get("/api/insight/quality/rules").json();
            assertThat(now.get("version").asInt()).isGreaterThan(before.get("version").asInt());
            assertThat(now.get("rules").get("weights").get("empathy").asInt()).isEqualTo(35);
            assertThat(now.get("reason").asText()).isEqualTo("Empathy above all");
            WebElement newest = page.findElement(By.cssSelector("#rule-versions tbody tr:first-child"));
            assertThat(newest.getDomAttribute("data-version")).isEqualTo(now.get("version").asText());
            assertThat(newest.getText()).contains("Sara Supervisor").contains("Empathy above all").contains("in force");
            assertThat(page.findElements(By.cssSelector(".field-problem"))).isEmpty();
            scrollTo(page, page.findElement(By.id("rules-heading")));
            browser.screenshot("coaching-3-rule-saved");

            assertThat(Accessibility.seriousViolations(page)).as("axe-core, serious or critical, supervisor").isEmpty();
        } finally {
            supervisor.put("/api/insight/quality/rules", Map.of("rules", before.get("rules"), "reason", "test over"));
        }
    }

    /** On a 360-px phone nothing runs off the screen: the wide tables scroll inside their own regions. */
    @Test
    void thePageFitsAPhoneAndPassesAnAxeCheck() {
        resolvedWithoutAReply();
        try (Browser browser = Browser.open()) {
            WebDriver page = open(browser, "supervisor");
            page.manage().window().setSize(new Dimension(360, 800));
            JavascriptExecutor js = (JavascriptExecutor) page;
            new WebDriverWait(page, Duration.ofSeconds(10))
                    .until(d -> ((Number) js.executeScript("return window.innerWidth")).intValue() <= 370);
            Map<?, ?> widths = (Map<?, ?>) js.executeScript("""
                    const sticking = [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                            && (!e.closest('[role=region], .nav') || getComputedStyle(e).position === 'absolute'))
                        .slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className);
                    return { page: document.documentElement.scrollWidth, view: window.innerWidth, sticking: sticking.join(' ') };""");
            assertThat(((Number) widths.get("page")).intValue()).as("the page does not run off the screen: " + widths)
                    .isLessThanOrEqualTo(((Number) widths.get("view")).intValue());
            assertThat(Accessibility.seriousViolations(page)).as("axe-core, serious or critical, at 360 px").isEmpty();
            browser.screenshot("coaching-4-phone-360-top");
            scrollTo(page, page.findElement(By.id("quality-heading")));
            browser.screenshot("coaching-5-phone-360-quality");
            scrollTo(page, page.findElement(By.id("rules-heading")));
            browser.screenshot("coaching-6-phone-360-rules");
        }
    }

    @Test
    void anAgentIsToldThePageIsNotForTheirRole() {
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.signIn(base(), "agent", "/coaching.html");
            WebElement notice = new WebDriverWait(page, Duration.ofSeconds(20))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("no-access")));
            assertThat(notice.getText()).contains("Not for your role").contains("quality score");
            assertThat(page.findElements(By.id("quality-rules"))).isEmpty();
            browser.screenshot("coaching-7-agent-no-access");
        }
    }

    /** A strict Content-Security-Policy (script-src 'self', no inline styles) will not break the page. */
    @Test
    void thePageHasNoInlineScriptsHandlersOrStyles() {
        Api.Response response = Api.as(port, "supervisor").page("/coaching.html");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsPattern("<script type=\"module\"[^>]*\\bsrc=\"/assets/coaching-[^\"]+\\.js\"")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)")
                .doesNotContainPattern("(?i)\\son[a-z]+\\s*=")
                .doesNotContain("<style")
                .doesNotContainPattern("(?i)\\sstyle\\s*=");
    }

    /** An escalated case resolved without a reply: no first response, no confirmation, so it scores 0. */
    private long resolvedWithoutAReply() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        Api agent = Api.as(port, "agent");
        Api.Response resolved = agent.postJson("/api/cases/" + billing.caseId() + "/resolve",
                Map.of("resolution", "Closed without an answer", "topic", "BILLING"));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                agent.get("/api/insight/quality/cases/" + billing.caseId()).status() == 200);
        assertThat(agent.get("/api/insight/quality/cases/" + billing.caseId()).json().get("latest").get("total").asDouble())
                .isZero();
        // In the index too: no person replied, so the first response is no part of it (no average), confirmation is 0.
        JsonNode indexed = Api.as(port, "supervisor").get("/api/insight/quality?caseId=" + billing.caseId()).json();
        assertThat(indexed.get("scored").asLong()).isEqualTo(1);
        assertThat(indexed.get("components").path("firstResponse").isNull()
                || indexed.get("components").path("firstResponse").isMissingNode()).as(indexed.toString()).isTrue();
        assertThat(indexed.get("components").get("confirmation").asDouble()).isZero();
        return billing.caseId();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Signs in and opens the coaching page; waits until the quality part and the rules have loaded. */
    private WebDriver open(Browser browser, String user) {
        WebDriver page = browser.signIn(base(), user, "/coaching.html");
        new WebDriverWait(page, Duration.ofSeconds(20)).until(d ->
                d.findElements(By.cssSelector("#coaching[data-quality=ready]")).size() == 1
                        && d.findElements(By.cssSelector("#quality-rules[data-state=ready]")).size() == 1
                        && d.findElements(By.cssSelector("#coaching[data-coaching=loading]")).isEmpty());
        return page;
    }

    /** Makes the window tall enough for the whole page, so one screenshot shows it. */
    private static void fullPage(WebDriver page, int width) {
        long height = ((Number) ((JavascriptExecutor) page).executeScript(
                "return document.documentElement.scrollHeight")).longValue();
        page.manage().window().setSize(new Dimension(width, (int) Math.min(4000, height + 140)));
    }

    private static void scrollTo(WebDriver page, WebElement element) {
        ((JavascriptExecutor) page).executeScript("arguments[0].scrollIntoView({block: 'start'})", element);
    }
}
