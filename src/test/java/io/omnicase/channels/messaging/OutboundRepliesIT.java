package io.omnicase.channels.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.Delivery;
import io.omnicase.cases.DeliveryStatus;
import io.omnicase.channels.ProviderStandIn;
import io.omnicase.channels.Webhook;
import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.omnicase.channels.messaging.MessagingWebhooksIT.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Agents' replies leave through the provider of the channel the customer used, once, after commit: a real local HTTP
 * server stands in for the WhatsApp Graph API, the Messenger Send API and Twilio, and the test asserts the exact request.
 */
@RunningOmnicase
class OutboundRepliesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CaseManagement cases;

    private final ProviderStandIn provider = ProviderStandIn.get();

    @Test
    void aReplyToAWhatsAppCustomerIsSentThroughTheGraphApiAndItsStatusCallbacksShowOnTheTimeline() throws IOException {
        String phone = phone();
        whatsAppCustomerWrites(phone);

        long replyId = reply(phone, "Your parcel left the depot this morning.");

        ProviderStandIn.Recorded sent = awaitOneRequestFor(phone.substring(1));
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v21.0/100000000000001/messages");
        assertThat(sent.headers()).containsEntry("authorization", "Bearer demo-whatsapp-access-token");
        assertThat(JSON.readTree(sent.body())).isEqualTo(JSON.readTree("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"%s","type":"text",
                 "text":{"preview_url":false,"body":"Your parcel left the depot this morning."}}""".formatted(phone.substring(1))));
        String wamid = JSON.readTree(sent.answer()).get("messages").get(0).get("id").asText();
        awaitDelivery(phone, replyId, "SENT");
        assertThat(entry(timelineOf(port, jdbc, phone), replyId).get("providerMessageId").asText()).isEqualTo(wamid);

        for (String status : List.of("message_status--delivered.json", "message_status--read.json", "message_status--delivered.json")) {
            byte[] callback = whatsAppStatus(fixture(status), wamid);
            assertThat(Webhook.postMetaJson(port, "/api/webhooks/whatsapp", callback,
                    HubSignature.sign(WHATSAPP_SECRET, callback)).status()).isEqualTo(200);
        }
        // A late "delivered" after "read" does not set the status back.
        assertThat(entry(timelineOf(port, jdbc, phone), replyId).get("detail").get("delivery").asText()).isEqualTo("READ");
    }

    @Test
    void aReplyToAnSmsCustomerIsSentThroughTwilioWithAStatusCallbackThatUpdatesTheTimeline() {
        String phone = phone();
        Map<String, String> sms = sms(phone, "SM" + UUID.randomUUID().toString().replace("-", ""), "Is my line down?");
        String path = "/api/webhooks/twilio/sms";
        Webhook.postTwilioForm(port, path, sms, TwilioSignature.sign(TWILIO_TOKEN, ProviderStandIn.Initializer.PUBLIC_URL + path, sms));

        long replyId = reply(phone, "No outage in your area; we are checking your line.");

        ProviderStandIn.Recorded sent = awaitOneRequestFor(phone.substring(1));
        assertThat(sent.path()).isEqualTo("/2010-04-01/Accounts/ACdemo00000000000000000000000000/Messages.json");
        assertThat(sent.headers()).containsEntry("authorization", "Basic " + Base64.getEncoder()
                .encodeToString("ACdemo00000000000000000000000000:demo-twilio-auth-token".getBytes()));
        assertThat(sent.headers().get("content-type")).startsWith("application/x-www-form-urlencoded");
        assertThat(TwilioSmsWebhookController.formParams(sent.body())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "To", phone, "From", "+15005550006", "Body", "No outage in your area; we are checking your line.",
                "StatusCallback", "https://omnicase.test/api/webhooks/twilio/sms/status"));
        String sid = readSid(sent.answer());
        awaitDelivery(phone, replyId, "SENT");

        Map<String, String> status = Map.of("MessageSid", sid, "MessageStatus", "delivered", "To", phone,
                "AccountSid", "ACdemo00000000000000000000000000");
        String statusPath = "/api/webhooks/twilio/sms/status";
        Api.Response callback = Webhook.postTwilioForm(port, statusPath, status,
                TwilioSignature.sign(TWILIO_TOKEN, ProviderStandIn.Initializer.PUBLIC_URL + statusPath, status));

        assertThat(callback.status()).isEqualTo(204);
        assertThat(entry(timelineOf(port, jdbc, phone), replyId).get("detail").get("delivery").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void aReplyToAMessengerCustomerIsSentThroughTheSendApiAsThePage() throws IOException {
        String psid = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_999_999_999_999L));
        byte[] body = JSON.writeValueAsBytes(JSON.readTree("""
                {"object":"page","entry":[{"id":"1122334455","time":1700000000000,"messaging":[
                  {"sender":{"id":"%s"},"recipient":{"id":"1122334455"},"timestamp":1700000000000,
                   "message":{"mid":"m_%s","text":"Can I change my delivery address?"}}]}]}
                """.formatted(psid, UUID.randomUUID())));
        Webhook.postMetaJson(port, "/api/webhooks/messenger", body, HubSignature.sign(MESSENGER_SECRET, body));

        long replyId = reply(psid, "Yes, until the parcel is handed to the courier.");

        ProviderStandIn.Recorded sent = awaitOneRequestFor(psid);
        assertThat(sent.path()).isEqualTo("/v21.0/me/messages");
        assertThat(sent.headers()).containsEntry("authorization", "Bearer demo-page-access-token");
        assertThat(JSON.readTree(sent.body())).isEqualTo(JSON.readTree("""
                {"recipient":{"id":"%s"},"messaging_type":"RESPONSE",
                 "message":{"text":"Yes, until the parcel is handed to the courier."}}""".formatted(psid)));
        awaitDelivery(psid, replyId, "SENT");
        assertThat(entry(timelineOf(port, jdbc, psid), replyId).get("providerMessageId").asText())
                .isEqualTo(JSON.readTree(sent.answer()).get("message_id").asText());

        // Reading is reported per person and up to a moment: another person's read, and a read before the reply
        // left, do not mark it read.
        String otherPsid = Long.toString(Long.parseLong(psid) + 1);
        for (String[] reader : new String[][]{{otherPsid, Long.toString(System.currentTimeMillis())},
                {psid, "1700000000000"}}) {
            byte[] notOurs = JSON.writeValueAsBytes(JSON.readTree("""
                    {"object":"page","entry":[{"id":"1122334455","time":%s,"messaging":[
                      {"sender":{"id":"%s"},"recipient":{"id":"1122334455"},"timestamp":%s,"read":{"watermark":%s}}]}]}
                    """.formatted(reader[1], reader[0], reader[1], reader[1])));
            assertThat(Webhook.postMetaJson(port, "/api/webhooks/messenger", notOurs,
                    HubSignature.sign(MESSENGER_SECRET, notOurs)).status()).isEqualTo(200);
        }
        assertThat(entry(timelineOf(port, jdbc, psid), replyId).get("detail").get("delivery").asText()).isEqualTo("SENT");

        byte[] read = JSON.writeValueAsBytes(JSON.readTree("""
                {"object":"page","entry":[{"id":"1122334455","time":%d,"messaging":[
                  {"sender":{"id":"%s"},"recipient":{"id":"1122334455"},"timestamp":%d,"read":{"watermark":%d}}]}]}
                """.formatted(System.currentTimeMillis(), psid, System.currentTimeMillis(), System.currentTimeMillis())));
        Webhook.postMetaJson(port, "/api/webhooks/messenger", read, HubSignature.sign(MESSENGER_SECRET, read));
        assertThat(entry(timelineOf(port, jdbc, psid), replyId).get("detail").get("delivery").asText()).isEqualTo("READ");
    }

    @Test
    void aProviderOutageDelaysTheReplyButItIsSentExactlyOnce() throws IOException {
        String phone = phone();
        whatsAppCustomerWrites(phone);
        provider.failNext(1, 503);

        long replyId = reply(phone, "Sorry for the wait.");

        awaitDelivery(phone, replyId, "SENT");
        List<ProviderStandIn.Recorded> attempts = requestsFor(phone.substring(1));
        assertThat(attempts).extracting(r -> r.answer() != null).containsExactly(false, true);
        // Later redeliveries of the event find the reply sent and leave it alone.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                .until(() -> requestsFor(phone.substring(1)).size() == 2);
    }

    @Test
    void aReplyTheProviderRefusesIsMarkedFailedAndNotRetried() throws IOException {
        String phone = phone();
        whatsAppCustomerWrites(phone);
        provider.failNext(1, 400);

        long replyId = reply(phone, "This one the provider refuses.");

        awaitDelivery(phone, replyId, "FAILED");
        assertThat(entry(timelineOf(port, jdbc, phone), replyId).get("detail").get("deliveryError").asText()).contains("400");
        // The audit trail says so too (walk 46: it showed only "Reply handed to the channel", which read as sent).
        long caseId = Api.as(port, "agent").getOnceRouted("/api/customers/" + customerOf(jdbc, phone)).json()
                .get("cases").get(0).get("id").asLong();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode failed = null;
            for (JsonNode e : Api.as(port, "auditor").get("/api/audit/cases/" + caseId + "/trace").json().get("entries")) {
                if ("reply.failed".equals(e.get("kind").asText()) && e.path("content").path("interactionId").asLong() == replyId) {
                    failed = e;
                }
            }
            assertThat(failed).as("a reply.failed entry for reply " + replyId).isNotNull();
            assertThat(failed.path("content").path("error").asText()).contains("400");
        });
        // The failure reported again (a retried send, a provider's late "failed" callback) changes nothing shown:
        // the first reason stays, and the trail holds one entry, on whichever node the report arrives.
        assertThat(cases.showDelivery(replyId, Delivery.refused("refused again", java.time.Instant.now()))).isFalse();
        assertThat(cases.showDelivery(replyId, Delivery.reported(DeliveryStatus.FAILED, java.time.Instant.now()))).isFalse();
        assertThat(entry(timelineOf(port, jdbc, phone), replyId).get("detail").get("deliveryError").asText()).contains("400");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            int entries = 0;
            for (JsonNode e : Api.as(port, "auditor").get("/api/audit/cases/" + caseId + "/trace").json().get("entries")) {
                entries += "reply.failed".equals(e.get("kind").asText()) && e.path("content").path("interactionId").asLong() == replyId ? 1 : 0;
            }
            assertThat(entries).isEqualTo(1);
        });
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                .until(() -> requestsFor(phone.substring(1)).size() == 1);
    }

    /** A customer's WhatsApp message arrives through the signed webhook, opening their case. */
    private void whatsAppCustomerWrites(String phone) throws IOException {
        byte[] inbound = whatsAppMessage(fixture("message--text.json"), phone, "wamid." + UUID.randomUUID());
        assertThat(Webhook.postMetaJson(port, "/api/webhooks/whatsapp", inbound, HubSignature.sign(WHATSAPP_SECRET, inbound))
                .status()).isEqualTo(200);
        // Let the case settle first: routing has decided, and whatever the assistant answered has gone out.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode timeline = timelineOf(port, jdbc, phone);
            boolean decided = false;
            boolean allSent = true;
            for (JsonNode e : timeline) {
                decided |= "DECISION".equals(e.get("kind").asText());
                allSent &= !"OUTBOUND".equals(e.get("kind").asText()) || e.path("detail").has("delivery");
            }
            return decided && allSent;
        });
    }

    private String lastReply;

    private long reply(String address, String text) {
        lastReply = text;
        long caseId = Api.as(port, "agent").getOnceRouted("/api/customers/" + customerOf(jdbc, address)).json()
                .get("cases").get(0).get("id").asLong();
        Api.Response created = Api.as(port, "agent").postJson("/api/cases/" + caseId + "/replies", Map.of("text", text));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("interactionId").asLong();
    }

    /** The provider requests that carry the agent's last reply to a recipient (the assistant may have answered too). */
    private List<ProviderStandIn.Recorded> requestsFor(String recipient) {
        return provider.requests(r -> r.body().contains(recipient) && (lastReply == null || r.body().contains(lastReply)
                || r.body().contains(java.net.URLEncoder.encode(lastReply, java.nio.charset.StandardCharsets.UTF_8))));
    }

    private ProviderStandIn.Recorded awaitOneRequestFor(String recipient) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !requestsFor(recipient).isEmpty());
        List<ProviderStandIn.Recorded> requests = requestsFor(recipient);
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private void awaitDelivery(String address, long replyId, String delivery) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode detail = entry(timelineOf(port, jdbc, address), replyId).get("detail");
            assertThat(detail.path("delivery").asText()).isEqualTo(delivery);
        });
    }

    private static String readSid(String answer) {
        try {
            return JSON.readTree(answer).get("sid").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode entry(JsonNode timeline, long id) {
        for (JsonNode e : timeline) {
            if (e.get("id").asLong() == id) {
                return e;
            }
        }
        throw new AssertionError("no timeline entry " + id);
    }
}
