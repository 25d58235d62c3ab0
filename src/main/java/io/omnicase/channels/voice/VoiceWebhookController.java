package io.omnicase.channels.voice;

import io.swagger.v3.oas.annotations.Operation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.cases.IntakeResult;
import io.omnicase.channels.ChannelsProperties;
import io.omnicase.http.ConflictException;
import io.omnicase.http.InvalidFieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/** The call events webhook of the telephony provider: signed, timestamped events of one call at a time. */
@RestController
class VoiceWebhookController {

    private static final Logger log = LoggerFactory.getLogger(VoiceWebhookController.class);

    private final CallEvents events;
    private final ChannelsProperties.Voice config;
    private final ObjectMapper json;

    VoiceWebhookController(CallEvents events, ChannelsProperties properties, ObjectMapper json) {
        this.events = events;
        this.config = properties.voice();
        this.json = json;
    }

    @Operation(summary = "Voice webhook: a call's start, end and transcript (signed)")
    @PostMapping(path = "/api/webhooks/voice", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> receive(@RequestBody byte[] body,
                              @RequestHeader(name = "X-Omnicase-Signature", required = false) String signature)
            throws IOException {
        CallEventSignature.Verdict verdict = CallEventSignature.verify(config.secret(), body, signature, Instant.now(),
                config.tolerance());
        if (verdict != CallEventSignature.Verdict.VALID) {
            HttpStatus status = verdict == CallEventSignature.Verdict.MISSING ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN;
            log.warn("Call event rejected: signature {}", verdict);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, switch (verdict) {
                case MISSING -> "The request carries no X-Omnicase-Signature";
                case STALE -> "The signed timestamp is outside the tolerance; a replay is refused";
                default -> "The X-Omnicase-Signature does not match the request";
            });
            problem.setTitle("Webhook rejected");
            return ResponseEntity.status(status).body(problem);
        }
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (IOException e) {
            throw new InvalidFieldException("body", "is not valid JSON");
        }
        if (event == null || !event.isObject()) {
            throw new InvalidFieldException("body", "must be a JSON object");
        }
        IntakeResult result = events.receive(event);
        if (result.otherSender()) {
            throw new ConflictException("This call id is already another caller's on the voice channel; nothing was stored");
        }
        return ResponseEntity.ok(Map.of("caseId", result.caseId().value(), "interactionId", result.messageId(),
                "duplicate", result.duplicate()));
    }
}
