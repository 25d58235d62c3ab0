package io.omnicase.insight;

import io.omnicase.support.Accessibility;
import io.omnicase.support.Api;
import io.omnicase.support.Browser;
import io.omnicase.support.CustomerMessages;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The desk's "Same issue, other cases" panel in a real headless Chromium: a customer who wrote about a double charge by SMS
 * writes again on WhatsApp in other words; the agent opening the new case sees the earlier one, its channel, outcome
 * and words, and the contact count (as the supervisor, who reads every case, whether a person or the assistant has it). At 1400 and 360 px wide, with an axe-core check; screenshots in
 * target/screenshots.
 */
@RunningOmnicase
class RepeatsPanelIT {

    @LocalServerPort
    int port;

    @Test
    void theAgentSeesTheEarlierCaseAboutTheSameIssueOnAnotherChannelBesideTheCase() {
        String phone = "+4916" + (10_000_000 + (int) (Math.random() * 89_999_999));
        // The plan's made-up name keeps the assistant from answering the first message itself (it escalates).
        String plan = "Zorbplan" + java.util.UUID.randomUUID().toString().substring(0, 6);
        long first = escalated("SMS", phone, "I was charged twice for my " + plan + " subscription this month");
        close(first);
        long second = routed("WHATSAPP", phone, "Two payments were taken from my card for the same invoice");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Api.as(port, "supervisor")
                .get("/api/cases/" + second + "/repeats").json().get("repeatCount").asInt()).isEqualTo(2));

        try (Browser browser = Browser.open()) {
            WebDriver page = browser.signIn("http://localhost:" + port, "supervisor", "/desk.html#case-" + second);
            page.manage().window().setSize(new Dimension(1400, 1000));
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(40));
            wait.until(d -> d.findElement(By.id("case-title")).getText().contains("#" + second));
            wait.until(d -> !d.findElements(By.cssSelector("#repeats li.repeat")).isEmpty());

            WebElement panel = page.findElement(By.id("repeats"));
            assertThat(panel.findElement(By.id("repeat-count")).getText())
                    .isEqualTo("Contact 2 about this issue in 90 days.");
            List<WebElement> rows = panel.findElements(By.cssSelector("li.repeat"));
            assertThat(rows).hasSize(1);
            WebElement earlier = rows.get(0);
            assertThat(earlier.getText()).contains("#" + first).contains("resolved").contains("SMS");
            assertThat(earlier.findElement(By.className("excerpt")).getText())
                    .contains("I was charged twice for my " + plan + " subscription this month");
            ((JavascriptExecutor) page).executeScript("arguments[0].scrollIntoView({block: 'center'})", panel);
            browser.screenshot("desk-repeats-1-same-issue-before");
            assertThat(Accessibility.seriousViolations(page)).as("axe-core on the desk with the repeats panel").isEmpty();

            page.manage().window().setSize(new Dimension(360, 800));
            JavascriptExecutor js = (JavascriptExecutor) page;
            wait.until(d -> ((Number) js.executeScript("return window.innerWidth")).intValue() <= 370);
            js.executeScript("document.getElementById('repeats').scrollIntoView({block: 'center'})");
            Map<?, ?> widths = (Map<?, ?>) js.executeScript(
                    "return { page: document.documentElement.scrollWidth, view: window.innerWidth };");
            assertThat(((Number) widths.get("page")).intValue()).as("nothing runs off a 360 px screen: " + widths)
                    .isLessThanOrEqualTo(((Number) widths.get("view")).intValue());
            assertThat(page.findElement(By.cssSelector("#repeats li.repeat")).isDisplayed()).isTrue();
            browser.screenshot("desk-repeats-2-phone-360");
        }
    }

    private long escalated(String channel, String from, String text) {
        long caseId = CustomerMessages.write(port, channel, from, text, null);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Api.as(port, "supervisor")
                .get("/api/cases/" + caseId).json().get("status").asText()).isEqualTo("ESCALATED"));
        return caseId;
    }

    /** A case the process has routed, to a person or to the assistant (which may answer the second message). */
    private long routed(String channel, String from, String text) {
        long caseId = CustomerMessages.write(port, channel, from, text, null);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Api.as(port, "supervisor")
                .get("/api/cases/" + caseId).json().get("status").asText()).isIn("ESCALATED", "SELF_SERVICE"));
        return caseId;
    }

    /** Resolves and closes the case, so the customer's next message opens a new one. */
    private void close(long caseId) {
        Api supervisor = Api.as(port, "supervisor");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(supervisor.postJson(
                "/api/cases/" + caseId + "/resolve", Map.of("resolution", "Refunded", "topic", "BILLING"))
                .status()).isEqualTo(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(supervisor.postJson("/api/cases/" + caseId + "/close", Map.of()).status()).isEqualTo(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(supervisor.get("/api/cases/" + caseId).json().get("status").asText()).isEqualTo("CLOSED"));
    }
}
