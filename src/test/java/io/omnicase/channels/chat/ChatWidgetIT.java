package io.omnicase.channels.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.omnicase.channels.MailServer;
import io.omnicase.support.Api;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import io.omnicase.support.Browser;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

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
 * A visitor chats through the embedded widget in a real headless Chromium; an agent answers and the visitor sees it,
 * then the visitor links the chat to their email with the code mailed to it.
 */
@RunningOmnicase
class ChatWidgetIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aVisitorWritesAnAgentAnswersAndTheVisitorSeesTheAnswerLive() {
        String email = "chat-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.driver();
            page.get("http://127.0.0.1:" + port + "/chat/demo.html");
            await().atMost(Duration.ofSeconds(20)).until(() -> "connected".equals(
                    page.findElement(By.id("omnicase-chat")).getDomAttribute("data-state")));

            page.findElement(By.cssSelector("#omnicase-chat input[name=message]")).sendKeys("Hi, my printer shows error E42 <b>help</b>");
            page.findElement(By.cssSelector("#omnicase-chat button[name=send]")).click();

            await().atMost(Duration.ofSeconds(20)).until(() -> page.findElement(By.id("omnicase-chat")).getDomAttribute("data-case-id") != null);
            long caseId = Long.parseLong(page.findElement(By.id("omnicase-chat")).getDomAttribute("data-case-id"));
            String visitor = (String) ((JavascriptExecutor) page).executeScript("return localStorage.getItem('omnicase-chat-visitor')");

            // A printer error is a technical case, and it may not be routed yet: the supervisor works every queue.
            Api.Response reply = Api.as(port, "supervisor").postJson("/api/cases/" + caseId + "/replies",
                    Map.of("text", "E42 is a paper jam: open the rear door and pull the sheet out."));
            assertThat(reply.status()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(30)).until(() -> agentLines(page)
                    .contains("E42 is a paper jam: open the rear door and pull the sheet out."));

            JsonNode timeline = Api.as(port, "supervisor").get("/api/cases/" + caseId + "/timeline").json();
            assertThat(timeline.get(0).get("channel").asText()).isEqualTo("CHAT");
            assertThat(timeline.get(0).get("text").asText()).isEqualTo("Hi, my printer shows error E42 <b>help</b>");
            // Text is shown as text: the visitor's own markup was not rendered.
            assertThat(page.findElements(By.cssSelector("#omnicase-chat .oc-visitor b"))).isEmpty();
            // The widget's style came from its own file (a strict CSP allows it), not from an inline style element.
            assertThat(page.findElement(By.cssSelector("#omnicase-chat header")).getCssValue("background-color"))
                    .isEqualTo("rgba(31, 78, 140, 1)");
            assertThat(page.findElements(By.cssSelector("style"))).isEmpty();

            // The visitor proves their email with the code mailed to it; only then is the chat their customer record.
            long customer = Api.as(port, "supervisor").get("/api/cases/" + caseId).json().get("customerId").asLong();
            assertThat(identities(customer)).containsExactly("CHAT_VISITOR:" + visitor);
            page.findElement(By.cssSelector("#omnicase-chat input[name=email]")).sendKeys(email);
            page.findElement(By.cssSelector("#omnicase-chat button[name=verify]")).click();
            await().atMost(Duration.ofSeconds(30)).until(() -> !codeMailsTo(email).isEmpty());
            Matcher code = Pattern.compile("\\b(\\d{8})\\b").matcher(GreenMailUtil.getBody(codeMailsTo(email).get(0)));
            assertThat(code.find()).isTrue();
            page.findElement(By.cssSelector("#omnicase-chat input[name=code]")).sendKeys(code.group(1));
            page.findElement(By.cssSelector("#omnicase-chat button[name=confirm]")).click();
            await().atMost(Duration.ofSeconds(20)).until(() -> email.equals(
                    page.findElement(By.id("omnicase-chat")).getDomAttribute("data-verified-email")));
            browser.screenshot("chat-widget");

            long linked = Api.as(port, "supervisor").get("/api/cases/" + caseId).json().get("customerId").asLong();
            assertThat(identities(linked)).contains("EMAIL:" + email, "CHAT_VISITOR:" + visitor);
        }
    }

    private List<String> identities(long customer) {
        List<String> identities = new ArrayList<>();
        Api.as(port, "supervisor").get("/api/customers/" + customer).json().get("identities")
                .forEach(i -> identities.add(i.get("kind").asText() + ":" + i.get("address").asText()));
        return identities;
    }

    private static List<MimeMessage> codeMailsTo(String address) {
        return Arrays.stream(MailServer.get().greenMail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static List<String> agentLines(WebDriver page) {
        return page.findElements(By.cssSelector("#omnicase-chat .oc-agent")).stream().map(e -> e.getText()).toList();
    }
}
