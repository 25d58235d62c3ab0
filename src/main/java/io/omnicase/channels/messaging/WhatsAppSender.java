package io.omnicase.channels.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.channels.ChannelsProperties;
import io.omnicase.channels.MessageSender;
import io.omnicase.customers.Channel;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.util.Map;

/** Sends replies through the WhatsApp Cloud API ({@code POST /{version}/{phone-number-id}/messages}). */
@Component
class WhatsAppSender implements MessageSender {

    private final ChannelsProperties.WhatsApp config;
    private final RestClient http;

    WhatsAppSender(ChannelsProperties properties) {
        this.config = properties.whatsapp();
        this.http = ProviderHttp.client(config.baseUrl() == null ? "https://graph.facebook.com" : config.baseUrl());
    }

    @Override
    public Channel channel() {
        return Channel.WHATSAPP;
    }

    @Override
    public boolean enabled() {
        return config.outbound();
    }

    @Override
    public String send(OutboundMessage message) {
        Map<String, Object> body = Map.of(
                "messaging_product", "whatsapp",
                "recipient_type", "individual",
                // WhatsApp ids are the E.164 number without the plus.
                "to", message.to().replaceAll("[^0-9]", ""),
                "type", "text",
                "text", Map.of("preview_url", false, "body", message.text()));
        return ProviderHttp.call("WhatsApp", () -> {
            JsonNode answer = http.post().uri("/{version}/{phone}/messages", config.apiVersion(), config.phoneNumberId())
                    .header("Authorization", "Bearer " + config.accessToken())
                    .contentType(MediaType.APPLICATION_JSON).body(body)
                    .retrieve().body(JsonNode.class);
            String id = answer == null ? "" : answer.path("messages").path(0).path("id").asText("");
            return id.isEmpty() ? null : id;
        });
    }
}
