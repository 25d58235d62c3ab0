package io.omnicase.channels.messaging;

import io.omnicase.channels.ChannelsProperties;
import io.omnicase.customers.Channel;
import org.springframework.stereotype.Component;

import java.util.Map;

/** Sends replies through the Messenger Send API ({@code POST /{version}/me/messages}) as the Page. */
@Component
class MessengerSender extends ProviderSender {

    private final ChannelsProperties.Messenger config;

    MessengerSender(ChannelsProperties properties) {
        super(Channel.MESSENGER, properties.messenger().outbound(), properties.messenger().baseUrl(), "https://graph.facebook.com");
        this.config = properties.messenger();
    }

    @Override
    public String send(OutboundMessage message) {
        Map<String, Object> body = Map.of(
                "recipient", Map.of("id", message.to()),
                // A reply to the customer's message, inside Messenger's standard messaging window.
                "messaging_type", "RESPONSE",
                "message", Map.of("text", message.text()));
        return ProviderHttp.postGraphJson(http, "Messenger", config.pageAccessToken(), body,
                answer -> answer.path("message_id").asText(""), "/{version}/me/messages", config.apiVersion());
    }
}
