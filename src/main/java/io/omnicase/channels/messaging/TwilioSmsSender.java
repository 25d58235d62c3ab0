package io.omnicase.channels.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.channels.ChannelsProperties;
import io.omnicase.customers.Channel;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Sends replies as SMS through Twilio's Messages resource ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}). */
@Component
class TwilioSmsSender extends ProviderSender {

    private final ChannelsProperties.Twilio config;

    TwilioSmsSender(ChannelsProperties properties) {
        super(Channel.SMS, properties.twilio().outbound(), properties.twilio().baseUrl(), "https://api.twilio.com");
        this.config = properties.twilio();
    }

    @Override
    public String send(OutboundMessage message) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("To", message.to());
        form.add("From", config.fromNumber());
        form.add("Body", message.text());
        if (config.publicUrl() != null && !config.publicUrl().isBlank()) {
            form.add("StatusCallback", config.publicUrl().replaceAll("/+$", "") + TwilioSmsWebhookController.STATUS_PATH);
        }
        String credentials = Base64.getEncoder().encodeToString(
                (config.accountSid() + ":" + config.authToken()).getBytes(StandardCharsets.UTF_8));
        return ProviderHttp.call("Twilio", () -> {
            JsonNode answer = http.post().uri("/2010-04-01/Accounts/{sid}/Messages.json", config.accountSid())
                    .header("Authorization", "Basic " + credentials)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                    .retrieve().body(JsonNode.class);
            String sid = answer == null ? "" : answer.path("sid").asText("");
            return sid.isEmpty() ? null : sid;
        });
    }
}
