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

/** The Messenger Platform webhook of a Facebook Page: handshake and signed message/delivery notifications. */
@RestController
class MessengerWebhookController {

    static final String PATH = "/api/webhooks/messenger";

    private final MessengerInbound inbound;
    private final ChannelsProperties.Messenger config;

    MessengerWebhookController(MessengerInbound inbound, ChannelsProperties properties) {
        this.inbound = inbound;
        this.config = properties.messenger();
    }

    @GetMapping(PATH)
    ResponseEntity<String> verify(@RequestParam("hub.mode") String mode, @RequestParam("hub.verify_token") String token,
                                  @RequestParam("hub.challenge") String challenge) {
        return MetaWebhooks.handshake(mode, token, challenge, config.verifyToken());
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Integer> receive(@RequestBody byte[] body,
                                 @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature) {
        return Map.of("stored", inbound.receive(MetaWebhooks.verifiedJson(body, signature, config.appSecret(), "page")));
    }
}
