package io.omnicase.channels.messaging;

import io.omnicase.channels.ChannelsProperties;
import io.omnicase.customers.Channel;
import org.springframework.stereotype.Component;

import java.util.Map;

/** Sends replies through the WhatsApp Cloud API ({@code POST /{version}/{phone-number-id}/messages}). */
@Component
class WhatsAppSender extends ProviderSender {

    private final ChannelsProperties.WhatsApp config;

    WhatsAppSender(ChannelsProperties properties) {
        super(Channel.WHATSAPP, properties.whatsapp().outbound(), properties.whatsapp().baseUrl(), "https://graph.facebook.com");
        this.config = properties.whatsapp();
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
        return ProviderHttp.postGraphJson(http, "WhatsApp", config.accessToken(), body,
                answer -> answer.path("messages").path(0).path("id").asText(""),
                "/{version}/{phone}/messages", config.apiVersion(), config.phoneNumberId());
    }
}
