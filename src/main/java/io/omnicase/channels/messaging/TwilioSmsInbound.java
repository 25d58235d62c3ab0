package io.omnicase.channels.messaging;

import io.omnicase.cases.CaseIntake;
import io.omnicase.cases.DeliveryStatus;
import io.omnicase.cases.InboundMessage;
import io.omnicase.channels.Deliveries;
import io.omnicase.customers.Channel;
import io.omnicase.http.InvalidFieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.Map;

/** Turns Twilio's SMS webhook parameters (incoming message, status callback) into a message or a delivery status. */
@Service
class TwilioSmsInbound {

    private static final Logger log = LoggerFactory.getLogger(TwilioSmsInbound.class);

    private final CaseIntake intake;
    private final Deliveries deliveries;

    TwilioSmsInbound(CaseIntake intake, Deliveries deliveries) {
        this.intake = intake;
        this.deliveries = deliveries;
    }

    /** An incoming SMS; answers whether it was stored for the first time. */
    boolean receive(Map<String, String> params) {
        String sid = require(params, "MessageSid");
        String from = require(params, "From");
        if (!Channel.SMS.identityKind().accepts(from)) {
            throw new InvalidFieldException("From", "is not a phone number");
        }
        String text = params.getOrDefault("Body", "");
        int media = parseInt(params.get("NumMedia"));
        if (text.isBlank() && media > 0) {
            text = "[" + media + " media]";
        }
        if (text.isBlank()) {
            log.info("Empty SMS {} skipped", sid);
            return false;
        }
        return !intake.receive(new InboundMessage(Channel.SMS, from, null, LongText.capped(text), sid, null, null, null)).duplicate();
    }

    /** A status callback for a message Omnicase sent. */
    void status(Map<String, String> params) {
        String sid = require(params, "MessageSid");
        DeliveryStatus status = switch (require(params, "MessageStatus")) {
            case "sent" -> DeliveryStatus.SENT;
            case "delivered" -> DeliveryStatus.DELIVERED;
            case "read" -> DeliveryStatus.READ;
            case "failed", "undelivered" -> DeliveryStatus.FAILED;
            default -> null;
        };
        if (status != null && !deliveries.reported(Channel.SMS, sid, status, null)) {
            log.info("Twilio status {} for unknown message {}", status, sid);
        }
    }

    private static String require(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(name, "is required");
        }
        return value.strip();
    }

    private static int parseInt(String value) {
        return value != null && value.matches("\\d{1,3}") ? Integer.parseInt(value) : 0;
    }
}
