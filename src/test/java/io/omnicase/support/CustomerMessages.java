package io.omnicase.support;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A customer writing through the channel gateway ({@code POST /api/messages} as user {@code gateway}). */
public final class CustomerMessages {

    private CustomerMessages() {
    }

    /** Posts a message and returns the id of the case it landed on; {@code threadRef} may be null. */
    public static long write(int port, String channel, String from, String text, String threadRef) {
        Api.Response accepted = Api.as(port, "gateway").postJson("/api/messages", message(channel, from, text, threadRef));
        if (accepted.status() != 202) {
            throw new IllegalStateException("The message was not accepted: " + accepted);
        }
        return accepted.json().get("caseId").asLong();
    }

    /** The body of {@code POST /api/messages}, with a fresh provider message id. */
    public static Map<String, Object> message(String channel, String from, String text, String threadRef) {
        Map<String, Object> body = new HashMap<>();
        body.put("channel", channel);
        body.put("from", from);
        body.put("text", text);
        body.put("providerMessageId", UUID.randomUUID().toString());
        body.put("timestamp", Instant.now().toString());
        if (threadRef != null) {
            body.put("threadRef", threadRef);
        }
        return body;
    }
}
