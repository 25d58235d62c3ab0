package io.omnicase.channels.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.support.Api;
import io.omnicase.support.Browser;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A visitor chats through the embedded widget in a real headless Chromium; an agent answers and the visitor sees it. */
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

            page.findElement(By.cssSelector("#omnicase-chat input[name=email]")).sendKeys(email);
            page.findElement(By.cssSelector("#omnicase-chat input[name=message]")).sendKeys("Hi, my printer shows error E42 <b>help</b>");
            page.findElement(By.cssSelector("#omnicase-chat button")).click();

            await().atMost(Duration.ofSeconds(20)).until(() -> page.findElement(By.id("omnicase-chat")).getDomAttribute("data-case-id") != null);
            long caseId = Long.parseLong(page.findElement(By.id("omnicase-chat")).getDomAttribute("data-case-id"));
            String visitor = (String) ((JavascriptExecutor) page).executeScript("return localStorage.getItem('omnicase-chat-visitor')");

            // A printer error is a technical case, and it may not be routed yet: the supervisor works every queue.
            Api.Response reply = Api.as(port, "supervisor").postJson("/api/cases/" + caseId + "/replies",
                    Map.of("text", "E42 is a paper jam: open the rear door and pull the sheet out."));
            assertThat(reply.status()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(30)).until(() -> agentLines(page)
                    .contains("E42 is a paper jam: open the rear door and pull the sheet out."));
            Path shot = browser.screenshot("chat-widget");
            assertThat(shot).exists();
            assertThat(Files.isRegularFile(shot)).isTrue();

            JsonNode timeline = Api.as(port, "supervisor").get("/api/cases/" + caseId + "/timeline").json();
            assertThat(timeline.get(0).get("channel").asText()).isEqualTo("CHAT");
            assertThat(timeline.get(0).get("text").asText()).isEqualTo("Hi, my printer shows error E42 <b>help</b>");
            // The visitor who gave an email is the customer with that email.
            long customer = Api.as(port, "supervisor").get("/api/cases/" + caseId).json().get("customerId").asLong();
            List<String> identities = new ArrayList<>();
            Api.as(port, "supervisor").get("/api/customers/" + customer).json().get("identities")
                    .forEach(i -> identities.add(i.get("kind").asText() + ":" + i.get("address").asText()));
            assertThat(identities).contains("EMAIL:" + email, "CHAT_VISITOR:" + visitor);
            // Text is shown as text: the visitor's own markup was not rendered.
            assertThat(page.findElements(By.cssSelector("#omnicase-chat .oc-visitor b"))).isEmpty();
        }
    }

    private static List<String> agentLines(WebDriver page) {
        return page.findElements(By.cssSelector("#omnicase-chat .oc-agent")).stream().map(e -> e.getText()).toList();
    }
}
