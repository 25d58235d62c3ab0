package io.omnicase.http;

import io.omnicase.support.Browser;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Omnicase's pages work under their Content-Security-Policy in a real Chromium: nothing is blocked, nothing inline. */
@RunningOmnicase
class ContentSecurityPolicyBrowserIT {

    /** Collects the page's CSP violations; injected by DevTools, so the page's own policy does not apply to it. */
    private static final String RECORD_VIOLATIONS = "window.__violations = [];"
            + "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
            + "e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));";

    @LocalServerPort
    int port;

    @Test
    void theLoginPageTheStartPageAndTheDeskRunUnderTheirPolicyWithoutAViolation() {
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.driver();
            ((ChromeDriver) page).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_VIOLATIONS));
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(30));

            page.get(base() + "/desk.html");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            assertThat(violations(page)).as("login page").isEmpty();
            page.findElement(By.id("username")).sendKeys("agent");
            page.findElement(By.id("password")).sendKeys("demo");
            page.findElement(By.cssSelector("button[type=submit]")).click();

            // The desk's script ran: it asked the API for the agent's queue and listed it (or said there is nothing).
            wait.until(d -> !d.findElements(By.cssSelector("#queue-list li.queue-item")).isEmpty()
                    || !d.findElements(By.id("queue-empty")).isEmpty());
            browser.screenshot("csp-desk");
            assertThat(violations(page)).as("desk").isEmpty();

            page.get(base() + "/");
            // The start page's script ran (it lists the agent's pages) and its styles, from a file, applied.
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ul.cards a")));
            assertThat(page.findElement(By.className("topbar")).getCssValue("background-color")).isEqualTo("rgba(20, 33, 61, 1)");
            assertThat(violations(page)).as("start page").isEmpty();

            page.get(base() + "/swagger-ui/index.html");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "/api/messages"));
            assertThat(violations(page)).as("API documentation").filteredOn(v -> v.startsWith("script-src")).isEmpty();
        }
    }

    @Test
    void cockpitStillLoadsUnderCamundasOwnPolicy() {
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.driver();
            ((ChromeDriver) page).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_VIOLATIONS));
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(60));
            page.get(base() + "/camunda/app/cockpit/default/#/processes");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
            page.findElement(By.name("username")).sendKeys("supervisor");
            page.findElement(By.name("password")).sendKeys("demo");
            page.findElement(By.cssSelector("button[type=submit]")).click();

            // After the login Cockpit shows either the address's process list or its dashboard. Going to the list
            // through Cockpit's own menu, as a user does, never reloads the page: loading the address again while
            // Cockpit still starts its plugins could leave the page spinning (CI, twice).
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.name("username")));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Sara Supervisor"));
            wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Processes"))).click();
            try {
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Customer case"));
            } finally {
                browser.screenshot("csp-cockpit");
            }
            assertThat(violations(page)).as("cockpit").isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> violations(WebDriver page) {
        Object recorded = ((JavascriptExecutor) page).executeScript("return window.__violations || [];");
        return (List<String>) recorded;
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
