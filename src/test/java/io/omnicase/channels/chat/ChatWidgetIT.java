package io.omnicase.channels.chat;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.omnicase.channels.MailServer;
import io.omnicase.support.Accessibility;
import io.omnicase.support.Api;
import io.omnicase.support.Browser;
import io.omnicase.support.RunningOmnicase;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The customer's side of a chat in a real headless Chromium: the widget a site embeds with one tag, from the launcher
 * to an agent's reply, through a reload and a second tab, on a phone-sized screen, checked with axe-core.
 */
@RunningOmnicase
class ChatWidgetIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final By ROOT = By.id("omnicase-chat");
    private static final By LAUNCHER = By.cssSelector("#omnicase-chat .oc-launcher");
    private static final By MESSAGE = By.cssSelector("#omnicase-chat textarea[name=message]");

    @LocalServerPort
    int port;

    @Test
    void theCustomersWholeConversationIsAnsweredAtEachStepAndSurvivesAReloadAndASecondTab() {
        String marker = UUID.randomUUID().toString().substring(0, 6);
        String email = "chat-" + marker + "@example.com";
        String answer = "I am sorry about the double charge " + marker + ": the second one is refunded today.";
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.driver();
            page.get(demo());
            awaitConnected(page);
            // The chat starts minimised: a launcher that says so to assistive technology.
            WebElement launcher = page.findElement(LAUNCHER);
            assertThat(launcher.getDomAttribute("aria-expanded")).isEqualTo("false");
            assertThat(page.findElement(MESSAGE).isDisplayed()).isFalse();
            browser.screenshot("chat-widget-launcher");

            launcher.click();
            assertThat(launcher.getDomAttribute("aria-expanded")).isEqualTo("true");
            // The keyboard is where the customer writes, and Enter sends.
            assertThat(page.switchTo().activeElement().getDomAttribute("name")).isEqualTo("message");
            page.switchTo().activeElement().sendKeys("Hi, I was charged twice for order " + marker + " <b>why</b>?", Keys.ENTER);
            await().atMost(WAIT).until(() -> notes(page).stream().anyMatch(n -> n.startsWith("Thanks, we got your message")));
            await().atMost(WAIT).until(() -> "Delivered".equals(customerLines(page).get(0).findElement(By.className("oc-state")).getText()));
            long caseId = Long.parseLong(page.findElement(ROOT).getDomAttribute("data-case-id"));
            // What the customer wrote is shown as text.
            assertThat(page.findElements(By.cssSelector("#omnicase-chat .oc-visitor b"))).isEmpty();
            assertThat(customerLines(page).get(0).findElement(By.className("oc-text")).getText()).endsWith("<b>why</b>?");

            page.findElement(MESSAGE).sendKeys("Can I talk to a person please?");
            page.findElement(By.cssSelector("#omnicase-chat button[name=send]")).click();
            // The answer to the request and the place in the queue: one notice, not two stacked.
            await().atMost(WAIT).until(() -> page.findElement(ROOT).getDomAttribute("data-queue-position") != null
                    && notes(page).stream().anyMatch(n -> n.startsWith("You asked for a person") && n.contains("in the queue")));
            int position = Integer.parseInt(page.findElement(ROOT).getDomAttribute("data-queue-position"));
            assertThat(notes(page)).anyMatch(n -> n.startsWith("You asked for a person") && n.contains("join this chat soon")
                    && n.contains(position == 1 ? "you are next in the queue" : "number " + position + " in the queue"));
            assertThat(notesAfter(page, "Can I talk to a person please?")).hasSize(1);

            // The agent types, then answers.
            assertThat(Api.as(port, "supervisor").post("/api/desk/cases/" + caseId + "/typing", "application/json", "")
                    .status()).isEqualTo(204);
            await().atMost(WAIT).until(() -> "Sara Supervisor is typing…".equals(
                    page.findElement(By.cssSelector("#omnicase-chat .oc-typing")).getText()));
            browser.screenshot("chat-widget-agent-typing");
            assertThat(Api.as(port, "supervisor").postJson("/api/cases/" + caseId + "/replies", Map.of("text", answer))
                    .status()).isEqualTo(201);
            await().atMost(WAIT).until(() -> replyTexts(page).contains(answer));
            WebElement reply = reply(page, answer);
            assertThat(reply.findElement(By.className("oc-author")).getText()).isEqualTo("Sara Supervisor");
            assertThat(reply.findElement(By.tagName("time")).getDomAttribute("datetime")).isNotBlank();
            assertThat(reply.findElement(By.tagName("time")).getText()).matches("\\d{1,2}:\\d{2}( [AP]M)?");
            // The chat is open on a visible page: the agent's timeline says the customer read it.
            await().atMost(WAIT).until(() -> "READ".equals(ChatVisitor.replyDelivery(port, caseId, answer)));

            // An address typed for a code becomes a note for agents: never part of what the customer is shown back.
            page.findElement(By.cssSelector("#omnicase-chat input[name=email]")).sendKeys(email);
            page.findElement(By.cssSelector("#omnicase-chat button[name=verify]")).click();
            await().atMost(WAIT).until(() -> !codeMailsTo(email).isEmpty());
            Matcher code = Pattern.compile("\\b(\\d{8})\\b").matcher(GreenMailUtil.getBody(codeMailsTo(email).get(0)));
            assertThat(code.find()).isTrue();
            await().atMost(WAIT).until(() -> page.findElement(By.cssSelector("#omnicase-chat input[name=code]")).isDisplayed());
            page.findElement(By.cssSelector("#omnicase-chat input[name=code]")).sendKeys(code.group(1));
            page.findElement(By.cssSelector("#omnicase-chat button[name=confirm]")).click();
            await().atMost(WAIT).until(() -> email.equals(page.findElement(ROOT).getDomAttribute("data-verified-email")));
            browser.screenshot("chat-widget-conversation");
            Accessibility.assertNoSeriousViolations(page, "#omnicase-chat");

            // The browser keeps a signed token (visitor, expiry, signature) and whether the chat is open: not the case.
            JavascriptExecutor js = (JavascriptExecutor) page;
            assertThat(((List<?>) js.executeScript("return Object.keys(localStorage)")).stream().map(String::valueOf).toList())
                    .containsExactlyInAnyOrder("omnicase-chat-token", "omnicase-chat-open");
            assertThat((String) js.executeScript("return localStorage.getItem('omnicase-chat-token')"))
                    .matches("v1\\.v-[0-9a-f-]{36}\\.\\d{10}\\.[A-Za-z0-9_-]{43}");

            page.navigate().refresh();
            awaitConnected(page);
            await().atMost(WAIT).until(() -> replyTexts(page).contains(answer));
            assertThat(page.findElement(LAUNCHER).getDomAttribute("aria-expanded")).isEqualTo("true");
            assertThat(customerTexts(page)).containsExactly("Hi, I was charged twice for order " + marker + " <b>why</b>?",
                    "Can I talk to a person please?");
            assertThat(reply(page, answer).findElement(By.className("oc-author")).getText()).isEqualTo("Sara Supervisor");
            assertThat(page.findElement(By.cssSelector("#omnicase-chat .oc-verified")).getText()).isEqualTo("Linked to " + email);
            String shown = page.findElement(By.cssSelector("#omnicase-chat .oc-log")).getText();
            assertThat(shown).doesNotContain("not verified").doesNotContain("Escalate").doesNotContain("Self-service");
            // An agent has answered: the customer is no longer told one will join.
            assertThat(notes(page)).noneMatch(n -> n.startsWith("An agent will join"));
            browser.screenshot("chat-widget-after-reload");

            // A second tab is the same conversation, and what is written there shows in the first.
            String firstTab = page.getWindowHandle();
            page.switchTo().newWindow(WindowType.TAB);
            page.get(demo());
            awaitConnected(page);
            await().atMost(WAIT).until(() -> replyTexts(page).contains(answer));
            page.findElement(MESSAGE).sendKeys("Thanks, that helps " + marker, Keys.ENTER);
            page.switchTo().window(firstTab);
            await().atMost(WAIT).until(() -> customerTexts(page).contains("Thanks, that helps " + marker));
        }
    }

    @Test
    void onA360PixelPhoneScreenTheWidgetFitsAndWorks() {
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.driver();
            ((ChromeDriver) page).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 360, "height", 740, "deviceScaleFactor", 2, "mobile", true));
            page.get(demo());
            awaitConnected(page);
            page.findElement(LAUNCHER).click();
            page.findElement(MESSAGE).sendKeys("My printer shows error E42, what does it mean?", Keys.ENTER);
            await().atMost(WAIT).until(() -> notes(page).stream().anyMatch(n -> n.startsWith("Thanks, we got your message")));

            JavascriptExecutor js = (JavascriptExecutor) page;
            assertThat(((Number) js.executeScript("return window.innerWidth")).intValue()).isEqualTo(360);
            // Nothing sticks out sideways, and the whole panel with its send button is on the screen.
            assertThat(((Number) js.executeScript("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(360);
            Map<?, ?> panel = (Map<?, ?>) js.executeScript("const r = document.querySelector('#omnicase-chat .oc-panel')"
                    + ".getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};");
            assertThat(((Number) panel.get("left")).doubleValue()).isGreaterThanOrEqualTo(0);
            assertThat(((Number) panel.get("right")).doubleValue()).isLessThanOrEqualTo(360);
            assertThat(((Number) panel.get("top")).doubleValue()).isGreaterThanOrEqualTo(0);
            assertThat(page.findElement(By.cssSelector("#omnicase-chat button[name=send]")).isDisplayed()).isTrue();
            browser.screenshot("chat-widget-360px");
            Accessibility.assertNoSeriousViolations(page, "#omnicase-chat");
        }
    }

    @Test
    void aForgedTokenInTheBrowserIsRefusedAndItsHolderSeesNoConversation() {
        String secret = "My account number is " + UUID.randomUUID().toString().substring(0, 8);
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.driver();
            JavascriptExecutor js = (JavascriptExecutor) page;
            page.get(demo());
            awaitConnected(page);
            page.findElement(LAUNCHER).click();
            page.findElement(MESSAGE).sendKeys(secret, Keys.ENTER);
            await().atMost(WAIT).until(() -> "stored".equals(customerLines(page).get(0).getDomAttribute("data-state")));
            String token = (String) js.executeScript("return localStorage.getItem('omnicase-chat-token')");
            String[] parts = token.split("\\.");

            // Someone edits the token to stay longer than it may: the signature no longer fits.
            String forged = parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 31_536_000L) + "." + parts[3];
            js.executeScript("localStorage.setItem('omnicase-chat-token', arguments[0])", forged);
            page.navigate().refresh();
            awaitConnected(page);
            await().atMost(WAIT).until(() -> !forged.equals(js.executeScript("return localStorage.getItem('omnicase-chat-token')")));
            String replaced = (String) js.executeScript("return localStorage.getItem('omnicase-chat-token')");
            assertThat(replaced.split("\\.")[1]).isNotEqualTo(parts[1]);
            assertThat(page.findElement(By.cssSelector("#omnicase-chat .oc-log")).getText()).doesNotContain(secret);
            assertThat(customerLines(page)).isEmpty();
        }
    }

    private String demo() {
        return "http://127.0.0.1:" + port + "/chat/demo.html";
    }

    private static void awaitConnected(WebDriver page) {
        await().atMost(WAIT).until(() -> !page.findElements(ROOT).isEmpty()
                && "connected".equals(page.findElement(ROOT).getDomAttribute("data-state")));
    }

    private static List<WebElement> customerLines(WebDriver page) {
        return page.findElements(By.cssSelector("#omnicase-chat .oc-visitor"));
    }

    private static List<String> customerTexts(WebDriver page) {
        return page.findElements(By.cssSelector("#omnicase-chat .oc-visitor .oc-text")).stream().map(WebElement::getText).toList();
    }

    private static List<String> replyTexts(WebDriver page) {
        return page.findElements(By.cssSelector("#omnicase-chat .oc-agent .oc-text")).stream().map(WebElement::getText).toList();
    }

    private static WebElement reply(WebDriver page, String text) {
        return page.findElements(By.cssSelector("#omnicase-chat .oc-agent")).stream()
                .filter(e -> e.findElement(By.className("oc-text")).getText().equals(text)).findFirst().orElseThrow();
    }

    /** The notices shown after the customer's message {@code text}, up to their next message. */
    private static List<String> notesAfter(WebDriver page, String text) {
        List<String> after = new ArrayList<>();
        boolean seen = false;
        for (WebElement line : page.findElements(By.cssSelector("#omnicase-chat .oc-msg"))) {
            String kind = line.getDomAttribute("class");
            if (kind.contains("oc-visitor")) {
                seen = line.findElement(By.className("oc-text")).getText().equals(text);
            } else if (seen && kind.contains("oc-note")) {
                after.add(line.getText());
            }
        }
        return after;
    }

    private static List<String> notes(WebDriver page) {
        return page.findElements(By.cssSelector("#omnicase-chat .oc-note")).stream().map(WebElement::getText).toList();
    }

    private static List<MimeMessage> codeMailsTo(String address) {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage m : MailServer.get().greenMail().getReceivedMessages()) {
            try {
                if (Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address))) {
                    mails.add(m);
                }
            } catch (Exception e) {
                // not a mail to this address
            }
        }
        return mails;
    }
}
