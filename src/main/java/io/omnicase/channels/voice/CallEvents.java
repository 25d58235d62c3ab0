package io.omnicase.channels.voice;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.cases.CaseIntake;
import io.omnicase.cases.InboundMessage;
import io.omnicase.cases.IntakeResult;
import io.omnicase.customers.Channel;
import io.omnicase.http.InvalidFieldException;
import org.springframework.stereotype.Service;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Turns a call's events into timeline entries of the caller's case: the call start, each transcript segment as it is
 * recognised (real-time transcription), and the end with the recording link. All events of a call share the thread
 * {@code call:<callId>}, so they land on the case the call started on.
 */
@Service
class CallEvents {

    private final CaseIntake intake;

    CallEvents(CaseIntake intake) {
        this.intake = intake;
    }

    IntakeResult receive(JsonNode event) {
        String type = text(event, "event");
        String callId = text(event, "callId");
        if (!callId.matches("[A-Za-z0-9._:-]{1,100}")) {
            throw new InvalidFieldException("callId", "must be 1-100 letters, digits or ._:-");
        }
        String from = text(event, "from");
        if (!Channel.VOICE.identityKind().accepts(from)) {
            throw new InvalidFieldException("from", "is not a phone number");
        }
        String id = "call:" + callId;
        return switch (type) {
            case "call.started" -> store(event, from, id + ":started", id, "Call started");
            case "transcript.segment" -> {
                JsonNode segment = event.path("segment");
                if (!segment.path("sequence").canConvertToInt() || segment.path("sequence").asInt() < 0) {
                    throw new InvalidFieldException("segment.sequence", "must be a non-negative number");
                }
                String words = segment.path("text").asText("").strip();
                if (words.isEmpty() || words.length() > 5_000) {
                    throw new InvalidFieldException("segment.text", "must be 1-5000 characters");
                }
                String speaker = "agent".equals(segment.path("speaker").asText()) ? "Agent" : "Customer";
                yield store(event, from, id + ":segment:" + segment.path("sequence").asInt(), id, speaker + ": " + words);
            }
            case "call.ended" -> {
                String recording = event.path("recordingUrl").asText("");
                if (!recording.isEmpty() && !isHttpsUrl(recording)) {
                    throw new InvalidFieldException("recordingUrl", "must be an https URL");
                }
                JsonNode duration = event.path("durationSeconds");
                if (!duration.isMissingNode() && !duration.isNull()
                        && (!duration.canConvertToInt() || duration.asInt() < 0 || duration.asInt() > 86_400)) {
                    throw new InvalidFieldException("durationSeconds", "must be a number of seconds from 0 to 86400");
                }
                int seconds = duration.asInt(-1);
                String text = "Call ended" + (seconds >= 0 ? " after " + (seconds >= 3600 ? seconds / 3600 + ":"
                        + String.format("%02d", seconds / 60 % 60) : String.valueOf(seconds / 60)) + ":"
                        + String.format("%02d", seconds % 60) : "")
                        + (recording.isEmpty() ? "" : "; recording: " + recording);
                yield store(event, from, id + ":ended", id, text);
            }
            default -> throw new InvalidFieldException("event", "must be call.started, transcript.segment or call.ended");
        };
    }

    private IntakeResult store(JsonNode event, String from, String providerId, String thread, String text) {
        return intake.receive(new InboundMessage(Channel.VOICE, from, null, text, providerId, thread, null, timestamp(event)));
    }

    private static Instant timestamp(JsonNode event) {
        String value = event.path("timestamp").asText("");
        Instant at;
        try {
            at = value.isEmpty() ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("timestamp", "must be an ISO-8601 instant");
        }
        if (at != null && !InboundMessage.isPlausibleSentAt(at, Instant.now())) {
            throw new InvalidFieldException("timestamp", "must lie between " + InboundMessage.EARLIEST_SENT_AT
                    + " and one day from now");
        }
        return at;
    }

    private static boolean isHttpsUrl(String value) {
        try {
            URI uri = URI.create(value);
            return "https".equals(uri.getScheme()) && uri.getHost() != null && value.length() <= 1000;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String text(JsonNode event, String field) {
        String value = event.path(field).asText("").strip();
        if (value.isEmpty()) {
            throw new InvalidFieldException(field, "is required");
        }
        return value;
    }
}
