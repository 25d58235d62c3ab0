package io.omnicase.channels.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnicase.channels.ProviderStandIn;
import io.omnicase.channels.Webhook;
import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.omnicase.channels.messaging.MessagingWebhooksIT.MESSENGER_SECRET;
import static io.omnicase.channels.messaging.MessagingWebhooksIT.TWILIO_TOKEN;
import static io.omnicase.channels.messaging.MessagingWebhooksIT.WHATSAPP_SECRET;
import static io.omnicase.channels.messaging.MessagingWebhooksIT.fixture;
import static io.omnicase.channels.messaging.MessagingWebhooksIT.phone;
import static io.omnicase.channels.messaging.MessagingWebhooksIT.sms;
import static io.omnicase.channels.messaging.MessagingWebhooksIT.whatsAppMessage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider's webhook cannot be told "400, try again with shorter fields": what a signed call carries that does not fit
 * (a 300-character profile name, a NUL, an id longer than the column, a time no sender had) is stored shortened and
 * cleaned, never answered 500, and a second delivery of the same message is still recognised.
 */
@RunningOmnicase
class HostileWebhookInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aThreeHundredCharacterWhatsAppProfileNameIsStoredCutToTheColumnAndARedeliveryIsStillDeduplicated() throws IOException {
        String phone = phone();
        // 300 characters of which the 200th is the first half of an emoji, and a NUL in the middle.
        String name = "N".repeat(99) + "\u0000" + "a".repeat(99) + "😀" + "z".repeat(99);
        byte[] body = whatsApp(phone, "wamid." + UUID.randomUUID(), m -> {
        }, v -> ((ObjectNode) v.get("contacts").get(0).get("profile")).put("name", name));
        String signature = HubSignature.sign(WHATSAPP_SECRET, body);

        Api.Response first = Webhook.postMetaJson(port, "/api/webhooks/whatsapp", body, signature);
        Api.Response again = Webhook.postMetaJson(port, "/api/webhooks/whatsapp", body, signature);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("stored").asInt()).isEqualTo(1);
        assertThat(again.json().get("stored").asInt()).as("second delivery").isZero();
        String stored = displayNameOf(phone);
        assertThat(stored).isEqualTo("N".repeat(99) + " " + "a".repeat(99) + "😀");
        assertThat(stored.codePointCount(0, stored.length())).isEqualTo(200);
        assertThat(MessagingWebhooksIT.inbound(MessagingWebhooksIT.timelineOf(port, jdbc, phone))).hasSize(1);
    }

    @Test
    void aWhatsAppMessageWithAnImpossibleTimeAControlCharacterAndAnOverlongIdIsStoredOnceCleaned() throws IOException {
        String phone = phone();
        String longId = "wamid." + "X".repeat(300) + UUID.randomUUID();
        byte[] body = whatsApp(phone, longId, m -> {
            m.put("timestamp", "999999999999");
            ((ObjectNode) m.get("text")).put("body", "Hello\u0000 there\u0007!");
        }, v -> {
        });
        String signature = HubSignature.sign(WHATSAPP_SECRET, body);

        Api.Response first = Webhook.postMetaJson(port, "/api/webhooks/whatsapp", body, signature);
        Api.Response again = Webhook.postMetaJson(port, "/api/webhooks/whatsapp", body, signature);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("stored").asInt()).isEqualTo(1);
        assertThat(again.json().get("stored").asInt()).as("second delivery of the same long id").isZero();
        Map<String, Object> row = jdbc.sql("SELECT body, occurred_at FROM interactions WHERE author = ? AND kind = 'INBOUND'")
                .param(phone).query().singleRow();
        assertThat(row.get("body")).isEqualTo("Hello there!");
        Instant occurred = ((Timestamp) row.get("occurred_at")).toInstant();
        assertThat(occurred).as("an impossible send time is taken as the arrival time")
                .isBetween(Instant.now().minus(Duration.ofMinutes(5)), Instant.now().plus(Duration.ofMinutes(1)));
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void aWhatsAppChangeOfAnotherWebhookFieldIsAnsweredAndLeavesALineInTheLog(
            org.springframework.boot.test.system.CapturedOutput output) throws IOException {
        String entry = "entry-" + UUID.randomUUID();
        byte[] body = JSON.writeValueAsBytes(Map.of("object", "whatsapp_business_account", "entry", java.util.List.of(
                Map.of("id", entry, "changes", java.util.List.of(Map.of("field", "account_update",
                        "value", Map.of("event", "VERIFIED_ACCOUNT")))))));

        Api.Response response = Webhook.postMetaJson(port, "/api/webhooks/whatsapp", body,
                HubSignature.sign(WHATSAPP_SECRET, body));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("stored").asInt()).isZero();
        assertThat(output.getOut()).contains("WhatsApp change of field account_update in entry " + entry
                + " skipped: no messages or statuses");
    }

    @Test
    void aWhatsAppSenderThatIsNoPhoneNumberIsSkippedAndMakesNoIdentity() throws IOException {
        String digits = Long.toString(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
        for (String from : new String[]{"4915" + digits + "1234567", "4915" + digits + "\u0000", "<script>" + digits}) {
            byte[] body = whatsApp("+4915" + digits, "wamid." + UUID.randomUUID(), m -> m.put("from", from), v -> {
            });

            Api.Response response = Webhook.postMetaJson(port, "/api/webhooks/whatsapp", body, HubSignature.sign(WHATSAPP_SECRET, body));

            assertThat(response.status()).as(from).isEqualTo(200);
            assertThat(response.json().get("stored").asInt()).isZero();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_identities WHERE address LIKE ?").param("%" + digits + "%")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aMessengerMessageFromTheFarFutureIsStoredAtItsArrivalTime() throws IOException {
        String psid = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_999_999_999_999L));
        String mid = "m_" + UUID.randomUUID();
        byte[] body = JSON.writeValueAsBytes(JSON.readTree("""
                {"object":"page","entry":[{"id":"1122334455","time":1700000000000,"messaging":[
                  {"sender":{"id":"%s"},"recipient":{"id":"1122334455"},"timestamp":%d,
                   "message":{"mid":"%s","text":"From the future"}}]}]}
                """.formatted(psid, Long.MAX_VALUE, mid)));

        Api.Response response = Webhook.postMetaJson(port, "/api/webhooks/messenger", body, HubSignature.sign(MESSENGER_SECRET, body));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("stored").asInt()).isEqualTo(1);
        Timestamp occurred = jdbc.sql("SELECT occurred_at FROM interactions WHERE channel = 'MESSENGER' AND provider_message_id = ?")
                .param(mid).query(Timestamp.class).single();
        assertThat(occurred.toInstant()).isAfter(Instant.now().minus(Duration.ofMinutes(5)));
    }

    @Test
    void aTwilioSmsFromAnOverlongNumberIsNamedAndOneWithControlCharactersIsStoredCleaned() throws IOException {
        String phone = phone();
        String path = "/api/webhooks/twilio/sms";
        Map<String, String> overlong = sms(phone + "123456789", "SM" + UUID.randomUUID().toString().replace("-", ""), "hi");
        Map<String, String> control = sms(phone, "SM" + UUID.randomUUID().toString().replace("-", ""), "Bad\u0000 byte\u001b[31m");

        Api.Response refused = Webhook.postTwilioForm(port, path, overlong,
                TwilioSignature.sign(TWILIO_TOKEN, ProviderStandIn.Initializer.PUBLIC_URL + path, overlong));
        Api.Response cleaned = Webhook.postTwilioForm(port, path, control,
                TwilioSignature.sign(TWILIO_TOKEN, ProviderStandIn.Initializer.PUBLIC_URL + path, control));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("errors").findValuesAsText("field")).contains("From");
        assertThat(cleaned.status()).as(cleaned.toString()).isEqualTo(200);
        assertThat(MessagingWebhooksIT.inbound(MessagingWebhooksIT.timelineOf(port, jdbc, phone)))
                .extracting(e -> e.get("text").asText()).containsExactly("Bad byte[31m");
    }

    @Test
    void aTwilioFormBodyThatIsNotFormEncodedIsRefusedAsBadInputNotAnInternalError() {
        // A '%' without two hex digits after it cannot be decoded: a sender's mistake (or a probe), never a 500.
        for (String path : new String[]{"/api/webhooks/twilio/sms", "/api/webhooks/twilio/sms/status"}) {
            for (String body : new String[]{"Body=%", "MessageSid=%G1", "%=x"}) {
                Api.Response answer = Api.anonymous(port).post(path, "application/x-www-form-urlencoded", body);
                assertThat(answer.status()).as(path + " " + body + ": " + answer).isEqualTo(400);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.json().get("errors").findValuesAsText("field")).containsExactly("body");
            }
        }
    }

    private String displayNameOf(String phone) {
        return jdbc.sql("SELECT c.display_name FROM customers c JOIN customer_identities i ON i.customer_id = c.id "
                + "WHERE i.kind = 'PHONE' AND i.address = ?").param(phone).query(String.class).single();
    }

    /** The WhatsApp text fixture for a fresh sender and id, with the message and the value object changed as given. */
    private static byte[] whatsApp(String phone, String id, java.util.function.Consumer<ObjectNode> message,
                                   java.util.function.Consumer<JsonNode> value) throws IOException {
        JsonNode payload = JSON.readTree(whatsAppMessage(fixture("message--text.json"), phone, id));
        JsonNode v = payload.get("entry").get(0).get("changes").get(0).get("value");
        message.accept((ObjectNode) v.get("messages").get(0));
        value.accept(v);
        return JSON.writeValueAsBytes(payload);
    }
}
