package io.omnicase.channels.messaging;

import io.omnicase.channels.ChannelsProperties;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** The WhatsApp Cloud API webhook: Meta's subscription handshake and signed message/status notifications. */
@RestController
class WhatsAppWebhookController {

    static final String PATH = "/api/webhooks/whatsapp";

    private final WhatsAppInbound inbound;
    private final ChannelsProperties.WhatsApp config;

    WhatsAppWebhookController(WhatsAppInbound inbound, ChannelsProperties properties) {
        this.inbound = inbound;
        this.config = properties.whatsapp();
    }

    @GetMapping(PATH)
    ResponseEntity<String> verify(@RequestParam("hub.mode") String mode, @RequestParam("hub.verify_token") String token,
                                  @RequestParam("hub.challenge") String challenge) {
        return MetaWebhooks.handshake(mode, token, challenge, config.verifyToken());
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Integer> receive(@RequestBody byte[] body,
                                 @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature) {
        int stored = inbound.receive(MetaWebhooks.verifiedJson(body, signature, config.appSecret(), "whatsapp_business_account"));
        return Map.of("stored", stored);
    }
}
