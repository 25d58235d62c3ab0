package io.omnicase.channels.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.channels.ChannelsProperties;
import io.omnicase.channels.MessageSender;
import io.omnicase.customers.Channel;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.util.Map;

/** Sends replies through the Messenger Send API ({@code POST /{version}/me/messages}) as the Page. */
@Component
class MessengerSender implements MessageSender {

    private final ChannelsProperties.Messenger config;
    private final RestClient http;

    MessengerSender(ChannelsProperties properties) {
        this.config = properties.messenger();
        this.http = ProviderHttp.client(config.baseUrl() == null ? "https://graph.facebook.com" : config.baseUrl());
    }

    @Override
    public Channel channel() {
        return Channel.MESSENGER;
    }

    @Override
    public boolean enabled() {
        return config.outbound();
    }

    @Override
    public String send(OutboundMessage message) {
        Map<String, Object> body = Map.of(
                "recipient", Map.of("id", message.to()),
                // A reply to the customer's message, inside Messenger's standard messaging window.
                "messaging_type", "RESPONSE",
                "message", Map.of("text", message.text()));
        return ProviderHttp.call("Messenger", () -> {
            JsonNode answer = http.post().uri("/{version}/me/messages", config.apiVersion())
                    .header("Authorization", "Bearer " + config.pageAccessToken())
                    .contentType(MediaType.APPLICATION_JSON).body(body)
                    .retrieve().body(JsonNode.class);
            String id = answer == null ? "" : answer.path("message_id").asText("");
            return id.isEmpty() ? null : id;
        });
    }
}
