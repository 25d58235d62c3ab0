package io.omnicase.channels.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.http.InvalidFieldException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/** What Meta's webhooks (WhatsApp Cloud API, Messenger) share: the subscription handshake and the signed JSON body. */
final class MetaWebhooks {

    private MetaWebhooks() {
    }

    /** Meta's subscription check: echo {@code hub.challenge} when the mode is subscribe and the verify token is ours. */
    static ResponseEntity<String> handshake(String mode, String token, String challenge, String expectedToken) {
        boolean tokenMatches = expectedToken != null && !expectedToken.isEmpty() && token != null
                && MessageDigest.isEqual(expectedToken.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
        if (!"subscribe".equals(mode) || !tokenMatches) {
            throw new WebhookRejectedException(HttpStatus.FORBIDDEN, "The verify token does not match");
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
    }

    /** The body as JSON once its signature is proven; nothing is parsed before. */
    static JsonNode verifiedJson(ObjectMapper json, byte[] body, String signature, String appSecret,
                                 String expectedObject) {
        if (!HubSignature.verify(appSecret, body, signature)) {
            throw WebhookRejectedException.forSignature(signature, "X-Hub-Signature-256");
        }
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (IOException e) {
            throw new InvalidFieldException("body", "is not valid JSON");
        }
        if (payload == null || !expectedObject.equals(payload.path("object").asText())) {
            throw new InvalidFieldException("object", "must be " + expectedObject);
        }
        return payload;
    }
}
