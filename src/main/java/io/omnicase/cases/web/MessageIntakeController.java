package io.omnicase.cases.web;

import io.omnicase.cases.CaseIntake;
import io.omnicase.cases.InboundMessage;
import io.omnicase.cases.IntakeResult;
import io.omnicase.customers.Channel;
import io.omnicase.customers.IdentityKind;
import io.omnicase.http.ConflictException;
import io.omnicase.http.InvalidFieldException;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/** Case intake over HTTP: channels post customers' messages here. */
@RestController
class MessageIntakeController {

    /** The longest message text accepted, in characters. */
    static final int MAX_TEXT = io.omnicase.cases.InboundMessage.MAX_TEXT;

    private final CaseIntake intake;

    MessageIntakeController(CaseIntake intake) {
        this.intake = intake;
    }

    @Operation(summary = "Take a customer's message",
            description = "Stores the message on the customer's case (or a new case) before answering 202. "
                    + "The same channel, sender and providerMessageId posted again answers 200 with the stored message; "
                    + "a providerMessageId another sender's message already has on the channel answers 409.")
    @PostMapping(path = "/api/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<IntakeResponse> receive(@Valid @RequestBody MessageRequest request) {
        check(request);
        IntakeResult result = intake.receive(new InboundMessage(request.channel(), request.from(), request.displayName(),
                request.text(), request.providerMessageId().strip(), blankToNull(request.threadRef()),
                blankToNull(request.subject()), request.timestamp()));
        if (result.otherSender()) {
            throw new ConflictException("providerMessageId is already the id of another sender's message on channel "
                    + request.channel() + "; nothing was stored");
        }
        IntakeResponse body = new IntakeResponse(result.caseId().value(), result.messageId(), result.duplicate(),
                result.newCase());
        return ResponseEntity.status(result.duplicate() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .location(URI.create("/api/cases/" + result.caseId().value()))
                .body(body);
    }

    /**
     * What bean validation cannot say: fields the endpoint does not know, the address of the channel's kind, control
     * characters, a plausible time.
     */
    private static void check(MessageRequest request) {
        // A field this endpoint does not know is refused, not dropped: a gateway that writes "sentAt" for "timestamp"
        // would otherwise lose the time of every message without a word.
        if (request.unknownFields() != null && !request.unknownFields().isEmpty()) {
            throw new InvalidFieldException(request.unknownFields().keySet().stream().sorted()
                    .map(field -> new InvalidFieldException.FieldError(field, "is not a known field")).toList());
        }
        String refusal = request.channel().identityKind().refusal(request.from());
        if (refusal != null) {
            throw new InvalidFieldException("from", refusal + " (channel " + request.channel() + ")");
        }
        noControlCharacters("displayName", request.displayName(), false);
        noControlCharacters("providerMessageId", request.providerMessageId(), false);
        noControlCharacters("threadRef", request.threadRef(), false);
        noControlCharacters("subject", request.subject(), false);
        noControlCharacters("text", request.text(), true);
        if (request.text().chars().allMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new InvalidFieldException("text", "must not be blank");
        }
        if (request.timestamp() != null && !InboundMessage.isPlausibleSentAt(request.timestamp(), Instant.now())) {
            throw new InvalidFieldException("timestamp", "must lie between " + InboundMessage.EARLIEST_SENT_AT
                    + " and one day from now");
        }
    }

    /** Refuses NUL and other control characters; a text may hold line breaks and tabs. */
    private static void noControlCharacters(String field, String value, boolean lineBreaksAllowed) {
        if (value != null && value.chars().anyMatch(c -> Character.isISOControl(c)
                && !(lineBreaksAllowed && (c == '\n' || c == '\r' || c == '\t')))) {
            throw new InvalidFieldException(field, "must not contain control characters"
                    + (lineBreaksAllowed ? " other than line breaks and tabs" : ""));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** An inbound message as a channel posts it. */
    record MessageRequest(
            @NotNull Channel channel,
            @NotBlank @Size(max = IdentityKind.MAX_EMAIL) String from,
            @Size(max = 200) String displayName,
            @NotBlank @Size(max = MAX_TEXT) String text,
            @NotBlank @Size(max = 255) String providerMessageId,
            @Size(max = 255) String threadRef,
            @Size(max = 300) String subject,
            Instant timestamp,
            @JsonAnySetter @Schema(hidden = true) Map<String, JsonNode> unknownFields) {
    }

    /** Where the message is stored; {@code duplicate} says it had been stored before. */
    record IntakeResponse(long caseId, long messageId, boolean duplicate, boolean newCase) {
    }
}
