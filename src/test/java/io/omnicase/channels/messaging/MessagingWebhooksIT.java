package io.omnicase.channels.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnicase.channels.ProviderStandIn;
import io.omnicase.channels.SharedData;
import io.omnicase.channels.Webhook;
import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** WhatsApp, Messenger and Twilio SMS webhooks against the whole app: signed calls land on cases, forged ones nowhere. */
@RunningOmnicase
class MessagingWebhooksIT {

    static final String WHATSAPP_SECRET = "demo-whatsapp-app-secret";
    static final String MESSENGER_SECRET = "demo-messenger-app-secret";
    static final String TWILIO_TOKEN = "demo-twilio-auth-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theWhatsAppHandshakeEchoesTheChallengeOnlyForTheRightVerifyToken() {
        Api.Response ok = Webhook.get(port, "/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=demo-verify-token&hub.challenge=1158201444");
        Api.Response wrong = Webhook.get(port, "/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
    }

    @Test
    void everyInboundWhatsAppTextFixtureLandsOnACaseWithItsText() throws IOException {
        Path folder = SharedData.folder("webhook-vectors").resolve("whatsapp");
        List<String> checked = new ArrayList<>();
        for (JsonNode fixture : JSON.readTree(folder.resolve("index.json").toFile())) {
            if (!fixture.path("is_text_message").asBoolean()) {
                continue;
            }
            String phone = phone();
            byte[] body = whatsAppMessage(folder.resolve(fixture.get("file").asText()), phone, "wamid." + UUID.randomUUID());

            Api.Response response = Webhook.postMetaJson(port, "/api/webhooks/whatsapp", body, HubSignature.sign(WHATSAPP_SECRET, body));

            assertThat(response.status()).as(fixture.get("file").asText()).isEqualTo(200);
            JsonNode inbound = onlyInbound(phone);
            assertThat(inbound.get("text").asText()).isEqualTo(fixture.get("text").asText());
            assertThat(inbound.get("channel").asText()).isEqualTo("WHATSAPP");
            checked.add(fixture.get("file").asText());
        }
        assertThat(checked).hasSize(5);
    }

    @Test
    void aRedeliveredWhatsAppMessageIsStoredOnce() throws IOException {
        String phone = phone();
        byte[] body = whatsAppMessage(fixture("message--text.json"), phone, "wamid." + UUID.randomUUID());
        String signature = HubSignature.sign(WHATSAPP_SECRET, body);

        JsonNode first = Webhook.postMetaJson(port, "/api/webhooks/whatsapp", body, signature).json();
        JsonNode again = Webhook.postMetaJson(port, "/api/webhooks/whatsapp", body, signature).json();

        assertThat(first.get("stored").asInt()).isEqualTo(1);
        assertThat(again.get("stored").asInt()).isZero();
        onlyInbound(phone);
    }

    @Test
    void forgedOrMissingSignaturesAreRefusedAndStoreNothing() throws IOException {
        String phone = phone();
        byte[] body = whatsAppMessage(fixture("message--text.json"), phone, "wamid." + UUID.randomUUID());

        Api.Response missing = Webhook.postMetaJson(port, "/api/webhooks/whatsapp", body, null);
        Api.Response forged = Webhook.postMetaJson(port, "/api/webhooks/whatsapp", body, HubSignature.sign("not-the-secret", body));
        Api.Response messengerForged = Webhook.postMetaJson(port, "/api/webhooks/messenger", body, HubSignature.sign("x", body));
        Map<String, String> sms = sms(phone, "SM" + UUID.randomUUID().toString().replace("-", ""), "hello");
        Api.Response smsForged = Webhook.postTwilioForm(port, "/api/webhooks/twilio/sms", sms, "bm90LWEtc2lnbmF0dXJl");
        Api.Response smsMissing = Webhook.postTwilioForm(port, "/api/webhooks/twilio/sms", sms, null);

        assertThat(missing.status()).isEqualTo(401);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(messengerForged.status()).isEqualTo(403);
        assertThat(smsForged.status()).isEqualTo(403);
        assertThat(smsMissing.status()).isEqualTo(401);
        assertThat(List.of(missing, forged, smsForged, smsMissing))
                .allSatisfy(r -> assertThat(r.contentType()).startsWith("application/problem+json"));
        // Nothing was stored: the first genuine delivery of the same message is new.
        JsonNode genuine = Webhook.postMetaJson(port, "/api/webhooks/whatsapp", body, HubSignature.sign(WHATSAPP_SECRET, body)).json();
        assertThat(genuine.get("stored").asInt()).isEqualTo(1);
        assertThat(Api.as(port, "agent").getOnceRouted("/api/customers/" + customerOf(phone)).json().get("identities")).hasSize(1);
    }

    @Test
    void aSignedTwilioSmsIsStoredOnceAndTheSamePhoneOnWhatsAppContinuesTheCase() throws IOException {
        String phone = phone();
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> params = sms(phone, sid, "My router keeps rebooting");
        String path = "/api/webhooks/twilio/sms?tenant=demo";
        // The app is configured with a public URL, as behind a proxy: Twilio signs the URL it called, not the local one.
        String signature = TwilioSignature.sign(TWILIO_TOKEN, ProviderStandIn.Initializer.PUBLIC_URL + path, params);

        Api.Response first = Webhook.postTwilioForm(port, path, params, signature);
        Api.Response again = Webhook.postTwilioForm(port, path, params, signature);
        byte[] whatsApp = whatsAppMessage(fixture("message--text.json"), phone, "wamid." + UUID.randomUUID());
        Webhook.postMetaJson(port, "/api/webhooks/whatsapp", whatsApp, HubSignature.sign(WHATSAPP_SECRET, whatsApp));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains("<Response>");
        assertThat(again.status()).isEqualTo(200);
        JsonNode timeline = timelineOf(phone);
        assertThat(inbound(timeline)).extracting(e -> e.get("channel").asText()).containsExactly("SMS", "WHATSAPP");
        assertThat(inbound(timeline).get(0).get("text").asText()).isEqualTo("My router keeps rebooting");
    }

    @Test
    void aSignedMessengerMessageIsStoredAndThePagesOwnEchoIsNot() throws IOException {
        String psid = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_999_999_999_999L));
        String mid = "m_" + UUID.randomUUID();
        byte[] body = JSON.writeValueAsBytes(JSON.readTree("""
                {"object":"page","entry":[{"id":"1122334455","time":1700000000000,"messaging":[
                  {"sender":{"id":"%s"},"recipient":{"id":"1122334455"},"timestamp":1700000000000,
                   "message":{"mid":"%s","text":"Where is my parcel?"}},
                  {"sender":{"id":"1122334455"},"recipient":{"id":"%s"},"timestamp":1700000000001,
                   "message":{"mid":"%s-echo","is_echo":true,"text":"An earlier reply"}}]}]}
                """.formatted(psid, mid, psid, mid)));

        Api.Response response = Webhook.postMetaJson(port, "/api/webhooks/messenger", body, HubSignature.sign(MESSENGER_SECRET, body));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("stored").asInt()).isEqualTo(1);
        JsonNode inbound = onlyInbound(psid);
        assertThat(inbound.get("text").asText()).isEqualTo("Where is my parcel?");
        assertThat(inbound.get("channel").asText()).isEqualTo("MESSENGER");
    }

    static Path fixture(String file) {
        return SharedData.folder("webhook-vectors").resolve("whatsapp").resolve(file);
    }

    /** A WhatsApp fixture re-addressed to a fresh sender and message id (the fixtures share placeholder ids). */
    static byte[] whatsAppMessage(Path fixture, String phone, String messageId) throws IOException {
        JsonNode payload = JSON.readTree(fixture.toFile());
        JsonNode value = payload.get("entry").get(0).get("changes").get(0).get("value");
        ((ObjectNode) value.get("contacts").get(0)).put("wa_id", phone.substring(1));
        ObjectNode message = (ObjectNode) value.get("messages").get(0);
        message.put("from", phone.substring(1));
        message.put("id", messageId);
        return JSON.writeValueAsBytes(payload);
    }

    static byte[] whatsAppStatus(Path fixture, String messageId) throws IOException {
        JsonNode payload = JSON.readTree(fixture.toFile());
        ((ObjectNode) payload.get("entry").get(0).get("changes").get(0).get("value").get("statuses").get(0)).put("id", messageId);
        return JSON.writeValueAsBytes(payload);
    }

    static Map<String, String> sms(String phone, String sid, String text) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", sid);
        params.put("AccountSid", "ACdemo00000000000000000000000000");
        params.put("From", phone);
        params.put("To", "+15005550006");
        params.put("Body", text);
        params.put("NumMedia", "0");
        return params;
    }

    static String phone() {
        return "+4915" + ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
    }

    JsonNode timelineOf(String address) {
        return timelineOf(port, jdbc, address);
    }

    long customerOf(String address) {
        return customerOf(jdbc, address);
    }

    JsonNode onlyInbound(String address) {
        List<JsonNode> inbound = inbound(timelineOf(address));
        assertThat(inbound).hasSize(1);
        return inbound.get(0);
    }

    /** The customer known by an address; the API has no lookup by address, so the test reads the identity table. */
    static long customerOf(JdbcClient jdbc, String address) {
        return jdbc.sql("SELECT customer_id FROM customer_identities WHERE address = ?").param(address)
                .query(Long.class).single();
    }

    /** The timeline of the latest case of the customer known by an address, as an agent sees it. */
    static JsonNode timelineOf(int port, JdbcClient jdbc, String address) {
        Api agent = Api.as(port, "agent");
        long caseId = agent.getOnceRouted("/api/customers/" + customerOf(jdbc, address)).json().get("cases").get(0).get("id").asLong();
        return agent.getOnceRouted("/api/cases/" + caseId + "/timeline").json();
    }

    static List<JsonNode> inbound(JsonNode timeline) {
        List<JsonNode> entries = new ArrayList<>();
        timeline.forEach(e -> {
            if ("INBOUND".equals(e.get("kind").asText())) {
                entries.add(e);
            }
        });
        return entries;
    }
}
