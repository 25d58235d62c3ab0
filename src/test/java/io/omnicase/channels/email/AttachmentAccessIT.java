package io.omnicase.channels.email;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.channels.MailServer;
import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The attachments of a billing customer's mail are listed and downloaded by billing agents only, never by {@code tech}. */
@RunningOmnicase
class AttachmentAccessIT {

    @LocalServerPort
    int port;

    @Autowired
    EmailPoller poller;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAgentOfAnotherQueueCanNeitherListNorDownloadTheAttachmentsOfABillingCase() throws Exception {
        String customer = "bill-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
        MimeMessage mail = mailWith(customer, "Charged twice",
                "I was charged twice for my subscription, please refund. The invoice is attached.",
                MailCases.attachment("invoice.pdf", "application/pdf", "%PDF-1.4\nsecret invoice of the customer\n".getBytes(StandardCharsets.US_ASCII)));
        MailServer.get().deliver(mail);
        poller.poll();
        long caseId = jdbc.sql("SELECT case_id FROM interactions WHERE channel = 'EMAIL' AND provider_message_id = ?")
                .param(mail.getMessageID()).query(Long.class).single();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "billing".equals(Api.as(port, "supervisor").get("/api/cases/" + caseId).json().path("queue").asText()));

        JsonNode files = Api.as(port, "agent").getOnceRouted("/api/cases/" + caseId + "/attachments").json();
        assertThat(files).hasSize(1);
        String download = "/api/cases/" + caseId + "/attachments/" + files.get(0).get("id").asLong();
        HttpResponse<String> byAgent = fetch("agent", download);
        assertThat(byAgent.statusCode()).isEqualTo(200);
        assertThat(byAgent.body()).contains("secret invoice");

        Api.Response listByTech = Api.as(port, "tech").get("/api/cases/" + caseId + "/attachments");
        assertThat(listByTech.status()).isEqualTo(403);
        assertThat(listByTech.contentType()).startsWith("application/problem+json");
        assertThat(listByTech.body()).doesNotContain("invoice").doesNotContain(customer);
        HttpResponse<String> downloadByTech = fetch("tech", download);
        assertThat(downloadByTech.statusCode()).isEqualTo(403);
        assertThat(downloadByTech.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(downloadByTech.body()).doesNotContain("secret invoice").doesNotContain(customer);
        assertThat(fetch("auditor", download).statusCode()).isEqualTo(200);
    }

    /**
     * Plain text is any bytes, so the type check let a customer's program through under its own name: a text part named
     * {@code invoice.exe} holding an executable, or {@code Rechnung.pdf.bat}, was listed and downloaded under that name
     * and saved by the agent's browser as a program (probe 50). The name now ends in the checked type's extension, and
     * direction characters that made "scan\u202Egpj.exe" read "scanexe.jpg" are gone.
     */
    @Test
    void aFileIsListedAndDownloadedUnderANameOfTheTypeItWasCheckedToBe() throws Exception {
        String customer = "files-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
        MimeMessage mail = mailWith(customer, "My invoice is wrong", "I was charged twice, please refund. The invoice is attached.",
                MailCases.attachment("invoice.exe", "text/plain", new byte[]{'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0}),
                MailCases.attachment("Rechnung.pdf.bat", "text/plain", "@echo off\r\ndel /q *\r\n".getBytes(StandardCharsets.US_ASCII)),
                MailCases.attachment("scan\u202Egpj.exe", "application/pdf", "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII)),
                MailCases.attachment("notes.txt", "text/plain", "my notes".getBytes(StandardCharsets.US_ASCII)),
                MailCases.attachment("photo\u202Egpj.exe", "application/x-msdownload", new byte[]{'M', 'Z', (byte) 0x90, 0}));
        MailServer.get().deliver(mail);
        poller.poll();
        long caseId = jdbc.sql("SELECT case_id FROM interactions WHERE channel = 'EMAIL' AND provider_message_id = ?")
                .param(mail.getMessageID()).query(Long.class).single();

        JsonNode files = Api.as(port, "supervisor").get("/api/cases/" + caseId + "/attachments").json();
        assertThat(files.findValuesAsText("filename"))
                .containsExactly("invoice.exe.txt", "Rechnung.pdf.bat.txt", "scangpj.exe.pdf", "notes.txt");
        for (JsonNode file : files) {
            HttpResponse<String> download = fetch("supervisor", "/api/cases/" + caseId + "/attachments/" + file.get("id").asLong());
            assertThat(download.statusCode()).isEqualTo(200);
            String disposition = download.headers().firstValue("Content-Disposition").orElse("");
            assertThat(disposition).startsWith("attachment;")
                    .contains("filename*=UTF-8''" + java.net.URLEncoder.encode(file.get("filename").asText(), StandardCharsets.UTF_8)
                            .replace("+", "%20"))
                    .doesNotContain(".exe\"", ".bat\"", "%E2%80%AE");
        }
        // A refused file is not kept; the timeline names it as it reads, no direction character turning it around.
        String note = Api.as(port, "supervisor").get("/api/cases/" + caseId + "/timeline").json().get(0).get("text").asText();
        assertThat(note).contains("photogpj.exe (not kept").doesNotContain("\u202E");
    }

    private static MimeMessage mailWith(String from, String subject, String text, MimeBodyPart... files) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(new InternetAddress(from));
        mail.setRecipients(Message.RecipientType.TO, MailServer.SUPPORT);
        mail.setSubject(subject);
        MimeMultipart parts = new MimeMultipart();
        MimeBodyPart body = new MimeBodyPart();
        body.setText(text, "UTF-8");
        parts.addBodyPart(body);
        for (MimeBodyPart file : files) {
            parts.addBodyPart(file);
        }
        mail.setContent(parts);
        mail.saveChanges();
        return mail;
    }

    /** Downloads as a browser link would: any type accepted. */
    private HttpResponse<String> fetch(String user, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "*/*").build(), HttpResponse.BodyHandlers.ofString());
    }

}
