package io.omnicase.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.support.Api;
import io.omnicase.support.Browser;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The front end's shell in a real Chromium: the branded sign-in page, a start page and navigation that depend on who
 * signed in, and no password printed anywhere. Screenshots in target/screenshots.
 */
@RunningOmnicase
class SignInAndNavigationIT {

    @LocalServerPort
    int port;

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void theStartPageGreetsAVisitorWithoutListingAnyAccountOrPassword() {
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.driver();
            page.get(base() + "/");
            await().atMost(Duration.ofSeconds(20)).until(() -> !page.findElements(By.cssSelector("a[href='/login']")).isEmpty());
            String text = page.findElement(By.tagName("body")).getText();
            assertThat(text).contains("Sign in").doesNotContain("demo").doesNotContain("supervisor").doesNotContain("Agent desk");
            browser.screenshot("shell-1-start-signed-out");
        }
    }

    @Test
    void aWrongPasswordIsSaidOnTheSignInPageAndTheRightOneLeadsHome() {
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.driver();
            long caseId = io.omnicase.support.QueueCases.escalatedIn(port, "billing").caseId();
            page.get(base() + "/desk.html#case-" + caseId);
            await().atMost(Duration.ofSeconds(20)).until(() -> page.getCurrentUrl().contains("/login"));
            page.findElement(By.id("username")).sendKeys("agent");
            page.findElement(By.id("password")).sendKeys("not-the-password");
            page.findElement(By.cssSelector("button[type=submit]")).click();
            await().atMost(Duration.ofSeconds(20)).until(() -> !page.findElements(By.id("login-error")).isEmpty());
            assertThat(page.findElement(By.id("login-error")).getText()).contains("do not match");
            assertThat(page.findElement(By.id("password")).getDomProperty("value")).isEmpty();
            browser.screenshot("shell-2-sign-in-refused");

            page.findElement(By.id("password")).sendKeys("demo");
            page.findElement(By.cssSelector("button[type=submit]")).click();
            // Back to the page that asked for the sign-in, with the case that was linked open.
            await().atMost(Duration.ofSeconds(20)).until(() -> page.getCurrentUrl().endsWith("/desk.html#case-" + caseId));
            await().atMost(Duration.ofSeconds(20)).until(() -> !page.findElements(By.cssSelector("#case-view[data-case='" + caseId + "'] #case-title")).isEmpty());
        }
    }

    @Test
    void eachRoleSeesItsOwnPagesAndIsToldPlainlyWhatAPageIsNotFor() {
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.signIn(base(), "auditor", "/");
            List<String> cards = texts(page, "ul.cards a strong");
            assertThat(cards).contains("Routing rules", "Cockpit").doesNotContain("Agent desk", "Tasklist", "Camunda admin");
            assertThat(page.findElement(By.id("me")).getText()).isNotBlank();
            assertThat(texts(page, "nav a")).contains("Routing rules").doesNotContain("Agent desk");
            browser.screenshot("shell-3-auditor-home");

            page.get(base() + "/desk.html");
            await().atMost(Duration.ofSeconds(20)).until(() -> !page.findElements(By.id("no-access")).isEmpty());
            assertThat(page.findElement(By.id("no-access")).getText()).contains("Auditor").contains("Routing rules");
            browser.screenshot("shell-4-auditor-on-desk");
        }
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.signIn(base(), "agent", "/");
            assertThat(texts(page, "ul.cards a strong")).contains("Agent desk", "Tasklist").doesNotContain("Routing rules", "Cockpit");
        }
    }

    @Test
    void theApiSaysWhoIsSignedInAndWhichPagesTheirRolesOpen() {
        JsonNode designer = Api.as(port, "designer").get("/api/me").json();
        assertThat(designer.get("username").asText()).isEqualTo("designer");
        List<String> pages = new ArrayList<>();
        designer.get("pages").forEach(p -> pages.add(p.get("id").asText()));
        assertThat(pages).contains("cockpit").doesNotContain("desk", "routing-rules", "admin");
        assertThat(Api.anonymous(port).get("/api/me").status()).isEqualTo(401);
        // colleagues by name, for pages that show who holds or changed something
        java.util.Map<String, String> people = new java.util.HashMap<>();
        Api.as(port, "agent").get("/api/me").json().get("people")
                .forEach(p -> people.put(p.get("username").asText(), p.get("displayName").asText()));
        assertThat(people).containsEntry("senior", "Sam Senior").containsEntry("supervisor", "Sara Supervisor");
    }

    /** A reader is told what they can do on a page others change: the auditor's start page promises no editing. */
    @Test
    void anAuditorsPagesSayWhatAnAuditorDoesThere() {
        java.util.Map<String, String> auditor = new java.util.HashMap<>();
        Api.as(port, "auditor").get("/api/me").json().get("pages")
                .forEach(p -> auditor.put(p.get("id").asText(), p.get("description").asText()));
        assertThat(auditor.get("designer")).contains("read only").doesNotContain("deploy", "roll back", "migrate");
        assertThat(auditor.get("routing-rules")).contains("read only").doesNotContain("rollback");
        assertThat(auditor.get("audit")).doesNotContain("erase");
        java.util.Map<String, String> admin = new java.util.HashMap<>();
        Api.as(port, "admin").get("/api/me").json().get("pages")
                .forEach(p -> admin.put(p.get("id").asText(), p.get("description").asText()));
        assertThat(admin.get("audit")).contains("erase a customer's data");
        assertThat(admin.get("designer")).contains("deploy a new version");
    }

    private static List<String> texts(WebDriver page, String css) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !page.findElements(By.cssSelector(css)).isEmpty());
        return page.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }
}
