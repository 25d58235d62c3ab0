package io.omnicase.audit;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auditor's page in Chromium: find a case, read its trace in order with the why of the routing decision (rules
 * fired, the facts, the rule text of that version), verify the chain, export the trace with its chain proof, print
 * it; at 1400 and 360 px, with no serious axe-core violation. An administrator erases a customer from the page.
 * Screenshots in target/screenshots.
 */
@RunningOmnicase
class AuditPageIT {

    @LocalServerPort
    int port;

    @Test
    void anAuditorFindsACaseReadsWhyItWasRoutedVerifiesTheChainAndExportsIt() {
        String word = "pg" + UUID.randomUUID().toString().substring(0, 8);
        long caseId = CustomerMessages.write(port, "EMAIL", "page-" + word + "@example.com",
                "My invoice " + word + " was charged twice, I want a refund", null);
        await().atMost(Duration.ofSeconds(60)).until(() -> Api.as(port, "auditor").get("/api/audit/cases/" + caseId + "/trace")
                .json().get("entries").findValuesAsText("kind").containsAll(List.of("routing.decided", "process.started")));
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.signIn("http://127.0.0.1:" + port, "auditor", "/audit.html");
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-query"))).sendKeys("#" + caseId);
            page.findElement(By.cssSelector(".find button[type=submit]")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[text()='Case #" + caseId + "']"))).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("trace-title"), "Case #" + caseId));
            List<WebElement> entries = page.findElements(By.cssSelector(".entries > li"));
            assertThat(entries.get(0).getText()).containsAnyOf("Case opened", "Customer message");
            WebElement message = entries.stream().filter(e -> e.getText().contains("Customer message")).findFirst().orElseThrow();
            assertThat(message.getText()).contains("charged twice").contains(word);
            WebElement decision = entries.stream().filter(e -> e.getText().contains("Routing decision")).findFirst().orElseThrow();
            assertThat(decision.findElements(By.cssSelector(".why ul li"))).isNotEmpty();
            decision.findElement(By.xpath(".//summary[starts-with(text(), 'Rule text of')]")).click();
            assertThat(decision.findElement(By.cssSelector("pre.drl")).getText()).contains("rule \"");
            decision.findElement(By.xpath(".//summary[text()='Facts the rules saw']")).click();
            assertThat(decision.findElement(By.cssSelector(".facts")).getText()).contains("message.text").contains(word);
            assertThat(page.findElement(By.cssSelector(".trace")).getText()).contains("Case process started")
                    .contains("customer-case version");
            assertThat(page.findElements(By.id("erase-title"))).as("an auditor erases nothing").isEmpty();

            page.findElement(By.xpath("//button[text()='Verify the chain']")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".verdict"), "The chain verifies"));
            browser.screenshot("audit-1-trace-1400");
            assertThat(Accessibility.seriousViolations(page)).as("axe-core, serious or critical").isEmpty();

            String export = page.findElement(By.xpath("//a[text()='Export JSON with chain proof']")).getDomAttribute("href");
            assertThat(export).isEqualTo("/api/audit/cases/" + caseId + "/export");
            JsonNode exported = Api.as(port, "auditor").get(export).json();
            assertThat(exported.get("proof").get("verification").get("valid").asBoolean()).isTrue();
            assertThat(exported.get("proof").get("algorithm").asText()).contains("SHA-256");
            assertThat(exported.get("trace").get("entries").findValuesAsText("kind")).contains("message.in", "routing.decided");
            // The page names the zone of its times, and asks for the PDF in the same one.
            String zone = (String) ((org.openqa.selenium.JavascriptExecutor) page)
                    .executeScript("return Intl.DateTimeFormat().resolvedOptions().timeZone");
            assertThat(page.findElement(By.id("time-zone")).getText()).startsWith("Times in " + (zone.equals("UTC") ? "UTC" : zone + " (UTC"));
            assertThat(page.findElement(By.xpath("//a[text()='Export PDF']")).getDomAttribute("href"))
                    .isEqualTo("/api/audit/cases/" + caseId + "/trace.pdf?zone=" + java.net.URLEncoder.encode(zone, java.nio.charset.StandardCharsets.UTF_8));

            // printed: no navigation, no search, every detail open
            ((ChromeDriver) page).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
            assertThat(page.findElement(By.cssSelector(".topbar")).isDisplayed()).isFalse();
            assertThat(page.findElement(By.cssSelector(".finder")).isDisplayed()).isFalse();
            browser.screenshot("audit-2-print");
            ((ChromeDriver) page).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));

            page.manage().window().setSize(new Dimension(360, 800));
            wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth"));
            browser.screenshot("audit-3-trace-360");
        }
    }

    @Test
    void anAdministratorErasesACustomerFromThePage() {
        String word = "er" + UUID.randomUUID().toString().substring(0, 8);
        long caseId = CustomerMessages.write(port, "EMAIL", "erase-page-" + word + "@example.com",
                "Please forget me " + word, null);
        await().atMost(Duration.ofSeconds(60)).until(() -> Api.as(port, "auditor").get("/api/audit/cases/" + caseId + "/trace")
                .json().get("entries").findValuesAsText("kind").contains("routing.decided"));
        long customer = Api.as(port, "admin").get("/api/cases/" + caseId).json().get("customerId").asLong();
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.signIn("http://127.0.0.1:" + port, "admin", "/audit.html?customer=" + customer);
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("erase-title")));
            WebElement erase = page.findElement(By.xpath("//button[starts-with(text(), 'Erase customer')]"));
            page.findElement(By.id("erase-reason")).sendKeys("Erasure request 7");
            assertThat(erase.isEnabled()).as("not before the customer number is typed").isFalse();
            page.findElement(By.id("erase-confirm")).sendKeys(String.valueOf(customer));
            assertThat(Accessibility.seriousViolations(page)).as("axe-core, serious or critical").isEmpty();
            erase.click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("erased-title"), "Customer #" + customer + " was erased."));
            assertThat(page.findElements(By.id("erase-title"))).as("no second erase form for an erased customer").isEmpty();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".entries"), "Customer data erased"));
            assertThat(page.findElement(By.cssSelector(".entries")).getText()).doesNotContain(word)
                    .contains("Content erased");
            browser.screenshot("audit-4-erased");
        }
    }
}
