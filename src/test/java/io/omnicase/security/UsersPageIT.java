package io.omnicase.security;

import io.omnicase.support.Accessibility;
import io.omnicase.support.Api;
import io.omnicase.support.Browser;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Users and queues" in Chromium, as an administrator meets it: the start page leads there, a new agent is added with a
 * queue through the form (a refused field is said next to it first), signs in with the password given and works that
 * queue; the administrator's own row cannot be disabled. A supervisor is told the page is not for their role. At 1400
 * and 360 px, with an axe-core check. Screenshots in target/screenshots.
 */
@RunningOmnicase
class UsersPageIT {

    private static final String PASSWORD = "correct horse battery 9";

    @LocalServerPort
    int port;

    @Test
    void anAdministratorAddsAnAgentWhoThenSignsInWithTheQueueGiven() {
        String login = "page" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.signIn("http://localhost:" + port, "admin", "/");
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));
            page.manage().window().setSize(new Dimension(1400, 1000));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a[data-page=users]"))).click();
            wait.until(ExpectedConditions.attributeToBe(By.id("users"), "data-state", "ready"));
            assertThat(page.getCurrentUrl()).endsWith("/users.html");
            assertThat(page.findElement(By.cssSelector("#users-table tr[data-user=agent] .roles")).getText()).contains("Agent");
            Accessibility.assertNoSeriousViolations(page, "#users");
            browser.screenshot("users-1-list-1400");

            // A password shorter than the rule: said next to the field, nothing added.
            page.findElement(By.id("new-username")).sendKeys(login);
            page.findElement(By.id("new-displayName")).sendKeys("Paige Billing");
            page.findElement(By.id("new-role-AGENT")).click();
            page.findElement(By.id("new-queue-billing")).click();
            page.findElement(By.id("new-password")).sendKeys("short");
            page.findElement(By.id("new-confirm")).sendKeys("short");
            page.findElement(By.id("new-save")).click();
            WebElement password = page.findElement(By.id("new-password"));
            wait.until(d -> "true".equals(password.getDomAttribute("aria-invalid")));
            assertThat(page.findElement(By.id("new-password-problem")).getText()).contains("12");
            assertThat(Api.as(port, "admin").get("/api/admin/users").body()).doesNotContain(login);
            browser.screenshot("users-2-password-refused");

            password.clear();
            password.sendKeys(PASSWORD);
            WebElement confirm = page.findElement(By.id("new-confirm"));
            confirm.clear();
            confirm.sendKeys(PASSWORD);
            page.findElement(By.id("new-save")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#users-table tr[data-user=" + login + "]")));
            WebElement row = page.findElement(By.cssSelector("#users-table tr[data-user=" + login + "]"));
            assertThat(row.findElement(By.cssSelector(".queues")).getText()).isEqualTo("billing");
            assertThat(row.findElement(By.cssSelector(".status")).getText()).contains("Active");

            // The new agent signs in with the password given and works billing.
            Api paige = Api.as(port, login, PASSWORD);
            assertThat(paige.get("/api/me").json().get("displayName").asText()).isEqualTo("Paige Billing");
            assertThat(paige.get("/api/me").json().get("roles").toString()).isEqualTo("[\"AGENT\"]");

            // One's own account: no Disable, the Administrator role held.
            page.findElement(By.cssSelector("#users-table tr[data-user=admin] .edit")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user-editor")));
            assertThat(page.findElements(By.id("editor-disable"))).isEmpty();
            assertThat(page.findElement(By.id("own-access")).getText()).contains("cannot disable your own account");
            assertThat(page.findElement(By.id("edit-role-ADMIN")).isEnabled()).isFalse();

            page.manage().window().setSize(new Dimension(360, 800));
            browser.screenshot("users-3-own-account-360");
            Accessibility.assertNoSeriousViolations(page, "#users");
        }
    }

    /**
     * Walks 46 and 47: the administrator's top bar cut its last link to "Camunda admi…" at 1366 px (the links scrolled
     * sideways). Every link is whole and in view, at 1366 px (two lines if need be) and at 360 px.
     */
    @Test
    void theAdministratorsTopBarShowsEveryLinkWholeOnADesktopAndAPhone() {
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.signIn("http://localhost:" + port, "admin", "/users.html");
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));
            wait.until(ExpectedConditions.attributeToBe(By.id("users"), "data-state", "ready"));
            for (int width : new int[] {1366, 360}) {
                page.manage().window().setSize(new Dimension(width, 900));
                wait.until(d -> ((Number) ((org.openqa.selenium.JavascriptExecutor) d)
                        .executeScript("return window.innerWidth")).intValue() <= width);
                @SuppressWarnings("unchecked")
                java.util.Map<String, Object> bar = (java.util.Map<String, Object>) ((org.openqa.selenium.JavascriptExecutor) page)
                        .executeScript("""
                                const nav = document.querySelector('.topbar nav');
                                const box = nav.getBoundingClientRect();
                                const cut = [...nav.querySelectorAll('a')].filter(a => {
                                  const r = a.getBoundingClientRect();
                                  return a.scrollWidth > a.clientWidth + 1 || r.left < box.left - 1 || r.right > box.right + 1
                                      || r.right > window.innerWidth;
                                }).map(a => a.textContent);
                                return { links: nav.querySelectorAll('a').length, cut: cut.join(', '),
                                         scrolls: nav.scrollWidth > nav.clientWidth + 1,
                                         page: document.documentElement.scrollWidth, view: window.innerWidth,
                                         admin: [...nav.querySelectorAll('a')].some(a => a.textContent === 'Camunda admin') };""");
                assertThat(bar.get("admin")).as(width + " px: " + bar).isEqualTo(true);
                assertThat(((Number) bar.get("links")).intValue()).isGreaterThanOrEqualTo(12);
                assertThat((String) bar.get("cut")).as(width + " px, links cut or out of view: " + bar).isEmpty();
                assertThat(bar.get("scrolls")).as(width + " px: " + bar).isEqualTo(false);
                assertThat(((Number) bar.get("page")).intValue()).as(width + " px: " + bar)
                        .isLessThanOrEqualTo(((Number) bar.get("view")).intValue());
                browser.screenshot("users-topbar-" + width);
            }
        }
    }

    @Test
    void aSupervisorIsToldThePageIsNotForTheirRole() {
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.signIn("http://localhost:" + port, "supervisor", "/users.html");
            new WebDriverWait(page, Duration.ofSeconds(20)).until(d -> d.findElement(By.tagName("body")).getText()
                    .contains("Not for your role"));
            assertThat(page.findElements(By.id("users-table"))).isEmpty();
            assertThat(page.findElement(By.tagName("body")).getText()).doesNotContain("agent@", "Alex Agent");
        }
    }
}
