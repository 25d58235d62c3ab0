package io.omnicase.channels.messaging;

import io.swagger.v3.oas.annotations.Operation;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.channels.ChannelsProperties;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * Meta's webhooks: the WhatsApp Cloud API and Messenger (a Facebook Page). Both register with the same subscription
 * handshake and sign their notifications the same way; each app has its own verify token and secret.
 */
@RestController
class MetaWebhookController {

    private static final String SIGNATURE = "X-Hub-Signature-256";

    private final WhatsAppInbound whatsApp;
    private final MessengerInbound messenger;
    private final ChannelsProperties config;
    private final ObjectMapper json;

    MetaWebhookController(WhatsAppInbound whatsApp, MessengerInbound messenger, ChannelsProperties config,
                          ObjectMapper json) {
        this.whatsApp = whatsApp;
        this.messenger = messenger;
        this.config = config;
        this.json = json;
    }

    @Operation(summary = "Meta's webhook verification handshake (WhatsApp, Messenger)")
    @GetMapping("/api/webhooks/{app:whatsapp|messenger}")
    ResponseEntity<String> verify(@PathVariable String app, @RequestParam("hub.mode") String mode,
                                  @RequestParam("hub.verify_token") String token, @RequestParam("hub.challenge") String challenge) {
        String expected = app.equals("whatsapp") ? config.whatsapp().verifyToken() : config.messenger().verifyToken();
        return MetaWebhooks.handshake(mode, token, challenge, expected);
    }

    @Operation(summary = "WhatsApp Cloud API webhook (signed by Meta)")
    @PostMapping(path = "/api/webhooks/whatsapp", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Integer> whatsApp(@RequestBody byte[] body, @RequestHeader(name = SIGNATURE, required = false) String signature) {
        return Map.of("stored", whatsApp.receive(
                MetaWebhooks.verifiedJson(json, body, signature, config.whatsapp().appSecret(), "whatsapp_business_account")));
    }

    @Operation(summary = "Messenger webhook (signed by Meta)")
    @PostMapping(path = "/api/webhooks/messenger", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Integer> messenger(@RequestBody byte[] body, @RequestHeader(name = SIGNATURE, required = false) String signature) {
        return Map.of("stored", messenger.receive(
                MetaWebhooks.verifiedJson(json, body, signature, config.messenger().appSecret(), "page")));
    }
}
