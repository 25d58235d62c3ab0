package io.omnicase.channels.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.cases.CaseIntake;
import io.omnicase.cases.DeliveryStatus;
import io.omnicase.cases.InboundMessage;
import io.omnicase.channels.Deliveries;
import io.omnicase.customers.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Instant;

/**
 * Turns a Messenger Platform webhook payload ({@code object: page}, entry[].messaging[]) into customers' messages and
 * delivery statuses. The page's own echoes are skipped: they are Omnicase's replies coming back.
 */
@Service
class MessengerInbound {

    private static final Logger log = LoggerFactory.getLogger(MessengerInbound.class);

    private final CaseIntake intake;
    private final Deliveries deliveries;

    MessengerInbound(CaseIntake intake, Deliveries deliveries) {
        this.intake = intake;
        this.deliveries = deliveries;
    }

    int receive(JsonNode payload) {
        int stored = 0;
        for (JsonNode entry : payload.path("entry")) {
            for (JsonNode event : entry.path("messaging")) {
                if (event.has("message")) {
                    stored += receiveMessage(event) ? 1 : 0;
                } else if (event.has("delivery")) {
                    Instant at = epochMillis(event.path("delivery").path("watermark"));
                    event.path("delivery").path("mids").forEach(mid -> record(mid.asText(), DeliveryStatus.DELIVERED, at));
                } else if (event.has("read")) {
                    // Messenger reports reading as a watermark: every message to this person sent before it was read.
                    Instant watermark = epochMillis(event.path("read").path("watermark"));
                    String reader = event.path("sender").path("id").asText("");
                    if (watermark != null && Channel.MESSENGER.identityKind().accepts(reader)) {
                        deliveries.readUpTo(Channel.MESSENGER, reader, watermark);
                    }
                }
            }
        }
        return stored;
    }

    private boolean receiveMessage(JsonNode event) {
        JsonNode message = event.path("message");
        String sender = event.path("sender").path("id").asText("");
        String mid = message.path("mid").asText("");
        if (message.path("is_echo").asBoolean(false)) {
            return false;
        }
        String text = message.path("text").asText("");
        if (text.isBlank()) {
            StringBuilder labels = new StringBuilder();
            message.path("attachments").forEach(a -> labels.append(labels.isEmpty() ? "" : " ")
                    .append('[').append(a.path("type").asText("attachment")).append(']'));
            text = labels.toString();
        }
        if (mid.isEmpty() || text.isBlank() || !Channel.MESSENGER.identityKind().accepts(sender)) {
            log.info("Messenger event {} skipped: no sender, id or content", mid);
            return false;
        }
        return !intake.receive(new InboundMessage(Channel.MESSENGER, sender, null, LongText.capped(text), mid, null, null,
                epochMillis(event.path("timestamp")))).duplicate();
    }

    private void record(String mid, DeliveryStatus status, Instant at) {
        if (!deliveries.reported(Channel.MESSENGER, mid, status, at)) {
            log.info("Messenger status {} for unknown message {}", status, mid);
        }
    }

    private static Instant epochMillis(JsonNode value) {
        if (!value.canConvertToLong() || value.asLong() <= 0) {
            return null;
        }
        // A webhook cannot be refused: a time no sender can have had is taken as "when it arrived".
        Instant at = Instant.ofEpochMilli(value.asLong());
        return InboundMessage.isPlausibleSentAt(at, Instant.now()) ? at : null;
    }
}
