package io.omnicase.channels.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.channels.ChannelsProperties;
import io.omnicase.channels.MessageSender;
import io.omnicase.customers.Channel;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Sends replies as SMS through Twilio's Messages resource ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}). */
@Component
class TwilioSmsSender implements MessageSender {

    private final ChannelsProperties.Twilio config;
    private final RestClient http;

    TwilioSmsSender(ChannelsProperties properties) {
        this.config = properties.twilio();
        this.http = ProviderHttp.client(config.baseUrl() == null ? "https://api.twilio.com" : config.baseUrl());
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public boolean enabled() {
        return config.outbound();
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
