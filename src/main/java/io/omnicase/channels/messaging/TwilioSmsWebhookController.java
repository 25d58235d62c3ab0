package io.omnicase.channels.messaging;

import io.swagger.v3.oas.annotations.Operation;
import io.omnicase.channels.ChannelsProperties;
import io.omnicase.http.InvalidFieldException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Twilio's SMS webhooks: incoming messages (answered with empty TwiML) and status callbacks of sent messages. */
@RestController
class TwilioSmsWebhookController {

    static final String PATH = "/api/webhooks/twilio/sms";
    static final String STATUS_PATH = PATH + "/status";
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final TwilioSmsInbound inbound;
    private final ChannelsProperties.Twilio config;

    TwilioSmsWebhookController(TwilioSmsInbound inbound, ChannelsProperties properties) {
        this.inbound = inbound;
        this.config = properties.twilio();
    }

    @Operation(summary = "Twilio SMS webhook: an inbound text (signed by Twilio)")
    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> receive(HttpServletRequest request,
                                   @RequestHeader(name = "X-Twilio-Signature", required = false) String signature)
            throws IOException {
        inbound.receive(verifiedParams(request, signature));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(EMPTY_TWIML);
    }

    @Operation(summary = "Twilio SMS status callback: a reply delivered or failed")
    @PostMapping(path = STATUS_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> status(HttpServletRequest request,
                                @RequestHeader(name = "X-Twilio-Signature", required = false) String signature)
            throws IOException {
        inbound.status(verifiedParams(request, signature));
        return ResponseEntity.noContent().build();
    }

    /** The POST parameters, once the signature over the URL Twilio called and those parameters is proven. */
    private Map<String, String> verifiedParams(HttpServletRequest request, String signature) throws IOException {
        // The raw body, not getParameterMap(): that would mix the query string (already part of the URL) into the params.
        Map<String, String> params = formParams(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        if (!TwilioSignature.verify(config.authToken(), calledUrl(request), params, signature)) {
            throw WebhookRejectedException.forSignature(signature, "X-Twilio-Signature");
        }
        return params;
    }

    private String calledUrl(HttpServletRequest request) {
        String base = config.publicUrl() == null || config.publicUrl().isBlank()
                ? request.getRequestURL().toString()
                : config.publicUrl().replaceAll("/+$", "") + request.getRequestURI();
        return request.getQueryString() == null ? base : base + "?" + request.getQueryString();
    }

    static Map<String, String> formParams(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                // A stray '%' (no two hex digits after it): not what Twilio sends; the sender hears what is wrong.
                throw new InvalidFieldException("body", "is not form-encoded: a '%' must be followed by two hex digits");
            }
        }
        return params;
    }
}
