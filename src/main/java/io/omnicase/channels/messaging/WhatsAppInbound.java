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
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a WhatsApp Cloud API webhook payload into customers' messages for case intake and delivery statuses for the
 * timeline. Payload shapes: Meta's "messages" webhook field (messages[] and statuses[] under entry[].changes[].value).
 */
@Service
class WhatsAppInbound {

    private static final Logger log = LoggerFactory.getLogger(WhatsAppInbound.class);

    private final CaseIntake intake;
    private final Deliveries deliveries;

    WhatsAppInbound(CaseIntake intake, Deliveries deliveries) {
        this.intake = intake;
        this.deliveries = deliveries;
    }

    /** Takes every message and status of a payload; answers how many messages were stored for the first time. */
    int receive(JsonNode payload) {
        int stored = 0;
        if (!payload.path("entry").isArray() || payload.path("entry").isEmpty()) {
            log.info("WhatsApp payload of object {} skipped: no entry to read", payload.path("object").asText("(none)"));
        }
        for (JsonNode entry : payload.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                if (!value.path("messages").isArray() && !value.path("statuses").isArray()) {
                    // Another webhook field (account or template updates) or a change that cannot be read: said, not lost
                    // without a trace, since the provider got its 200 and will not send it again.
                    log.info("WhatsApp change of field {} in entry {} skipped: no messages or statuses",
                            change.path("field").asText("(none)"), entry.path("id").asText("(none)"));
                    continue;
                }
                Map<String, String> names = new HashMap<>();
                value.path("contacts").forEach(c -> names.put(c.path("wa_id").asText(), c.path("profile").path("name").asText(null)));
                for (JsonNode message : value.path("messages")) {
                    stored += receiveMessage(message, names) ? 1 : 0;
                }
                value.path("statuses").forEach(this::receiveStatus);
            }
        }
        return stored;
    }

    private boolean receiveMessage(JsonNode message, Map<String, String> names) {
        String from = message.path("from").asText("");
        String id = message.path("id").asText("");
        String text = MessageText.of(message.path("type").asText("unknown"), message);
        if (id.isEmpty() || !Channel.WHATSAPP.identityKind().accepts(from) || text == null) {
            log.info("WhatsApp message {} of type {} skipped: no sender, id or content", id, message.path("type").asText());
            return false;
        }
        return !intake.receive(new InboundMessage(Channel.WHATSAPP, from, names.get(from), LongText.capped(text), id, null, null,
                epochSeconds(message.path("timestamp")))).duplicate();
    }

    private void receiveStatus(JsonNode status) {
        DeliveryStatus delivery = switch (status.path("status").asText()) {
            case "sent" -> DeliveryStatus.SENT;
            case "delivered" -> DeliveryStatus.DELIVERED;
            case "read", "played" -> DeliveryStatus.READ;
            case "failed" -> DeliveryStatus.FAILED;
            default -> null;
        };
        String id = status.path("id").asText("");
        if (delivery != null && !id.isEmpty()
                && !deliveries.reported(Channel.WHATSAPP, id, delivery, epochSeconds(status.path("timestamp")))) {
            log.info("WhatsApp status {} for unknown message {}", delivery, id);
        }
    }

    /** The provider's time, when it is plausible; null (the time it arrived) otherwise: a webhook cannot be refused. */
    static Instant epochSeconds(JsonNode timestamp) {
        String text = timestamp.asText("");
        if (!text.matches("\\d{1,12}")) {
            return null;
        }
        Instant at = Instant.ofEpochSecond(Long.parseLong(text));
        return InboundMessage.isPlausibleSentAt(at, Instant.now()) ? at : null;
    }
}
