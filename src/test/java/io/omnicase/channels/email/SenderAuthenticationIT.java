package io.omnicase.channels.email;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.channels.MailServer;
import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No automatic answer to a forged sender (backscatter), with the real mailbox (GreenMail IMAP + SMTP): a question the
 * assistant answers, from an address whose mail server found the sender failing DMARC, opens its case as any mail does
 * but goes to a person, and the case says why; the same verdict in a header of a server that is not the mailbox's own
 * (anyone can write one into a mail) changes nothing.
 */
@RunningOmnicase
class SenderAuthenticationIT {

    /** A question the shipped rules leave to the assistant, which answers it from the knowledge base. */
    private static final String QUESTION = "How do I download an invoice for my last payment?";

    @LocalServerPort
    int port;

    @Autowired
    EmailPoller poller;

    @Autowired
    JdbcClient jdbc;

    /**
     * The forger's own server passes SPF and signs with DKIM for the forger's domain. With {@code dmarc=fail} the
     * server says so; for a customer domain without a DMARC record ({@code dmarc=none}) nothing passed for the From's
     * domain, which proves no more (probe 48 L3: such a mail got the assistant's answer mailed to the victim).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "dkim=none; dmarc=fail (p=none) header.from=bank.example | dmarc=fail",
            "dkim=pass header.d=attacker.example; dmarc=none header.from=bank.example"
                    + " | spf=pass, dkim=pass for another domain than the sender's (bank.example)"})
    void aMailWhoseSenderTheMailServerFoundForgedGetsNoAutomaticAnswerAndTheCaseSaysWhy(String verdict, String reason)
            throws Exception {
        Instant start = Instant.now();
        String victim = "victim-" + UUID.randomUUID().toString().substring(0, 8) + "@bank.example";
        String id = deliver(victim, "Authentication-Results: " + MailServer.AUTHSERV_ID + ";\r\n"
                + "\tspf=pass (attacker's own server) smtp.mailfrom=attacker.example;\r\n\t" + verdict);
        long caseId = MailCases.caseOf(jdbc, id);

        MailCases.awaitQuiet(jdbc, start);
        assertThat(MailConversationsIT.mailsTo(victim)).as("no automatic answer to the forged sender").isEmpty();
        JsonNode view = Api.as(port, "admin").get("/api/cases/" + caseId).json();
        assertThat(view.get("status").asText()).as("a person takes the case").isEqualTo("ESCALATED");
        String why = "sender not verified: " + reason + " according to " + MailServer.AUTHSERV_ID;
        List<String> said = new ArrayList<>();
        for (JsonNode entry : Api.as(port, "admin").get("/api/cases/" + caseId + "/timeline").json()) {
            if (entry.toString().contains(why)) {
                said.add(entry.path("kind").asText());
            }
        }
        assertThat(said).as("the timeline says why where the mail arrived and where routing decided")
                .contains("STATUS", "DECISION");
        assertThat(Api.as(port, "admin").get("/api/cases/" + caseId + "/handover").toString()).contains(why);
    }

    @Test
    void aCustomerWhoseOwnServerPassesSpfGetsTheAnswerWithoutADmarcRecord() throws Exception {
        String customer = "customer-" + UUID.randomUUID().toString().substring(0, 8) + "@shop.example";
        String id = deliver(customer, "Authentication-Results: " + MailServer.AUTHSERV_ID + ";\r\n"
                + "\tspf=pass smtp.mailfrom=bounces@mta.shop.example; dkim=none; dmarc=none header.from=shop.example");
        long caseId = MailCases.caseOf(jdbc, id);

        await().atMost(Duration.ofSeconds(90)).until(() -> !MailConversationsIT.mailsTo(customer).isEmpty());
        assertThat(Api.as(port, "admin").get("/api/cases/" + caseId + "/timeline").toString())
                .doesNotContain("sender not verified");
    }

    @Test
    void theVerdictOfAServerThatIsNotTheMailboxsOwnIsIgnored() throws Exception {
        String customer = "customer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String id = deliver(customer, "Authentication-Results: mx.attacker.example;\r\n"
                + "\tspf=fail smtp.mailfrom=example.org; dkim=fail; dmarc=fail header.from=example.org");
        long caseId = MailCases.caseOf(jdbc, id);

        await().atMost(Duration.ofSeconds(90)).until(() -> !MailConversationsIT.mailsTo(customer).isEmpty());
        assertThat(Api.as(port, "admin").get("/api/cases/" + caseId + "/timeline").toString())
                .doesNotContain("sender not verified");
    }

    /** Puts a person's mail with the header into the support mailbox by IMAP APPEND, as it is, and reads it. */
    private String deliver(String from, String authenticationResults) throws Exception {
        String id = "<auth-" + UUID.randomUUID() + "@" + from.substring(from.indexOf('@') + 1) + ">";
        MimeMessage mail = Mails.parse(new ByteArrayInputStream((authenticationResults + "\r\nFrom: Customer <" + from
                + ">\r\nTo: " + MailServer.SUPPORT + "\r\nSubject: Invoice download\r\nMessage-ID: " + id
                + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + QUESTION + "\r\n")
                .getBytes(StandardCharsets.UTF_8)));
        MailConversationsIT.append(mail);
        assertThat(poller.poll()).containsEntry(EmailInbound.Outcome.NEW_CASE, 1);
        return id;
    }

}
