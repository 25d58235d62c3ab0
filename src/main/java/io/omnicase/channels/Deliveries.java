package io.omnicase.channels;

import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.Delivery;
import io.omnicase.cases.DeliveryStatus;
import io.omnicase.cases.ReplyRecorded;
import io.omnicase.customers.Channel;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the channels' providers know about outbound messages, in table {@code outbound_deliveries}: the claim that
 * makes a reply leave once, the provider's message id, the recipient, and the status callbacks and read watermarks
 * that refer to them. The status itself is shown on the case's timeline through
 * {@link CaseManagement#showDelivery(long, Delivery)}.
 */
@Service
public class Deliveries {

    private final JdbcClient jdbc;
    private final CaseManagement cases;

    Deliveries(JdbcClient jdbc, CaseManagement cases) {
        this.jdbc = jdbc;
        this.cases = cases;
    }

    /**
     * Records a status the provider reported for the outbound message it knows by this id. Answers false when no
     * outbound message has this id (a callback for a message sent elsewhere).
     */
    @Transactional
    public boolean reported(Channel channel, String providerMessageId, DeliveryStatus status, Instant at) {
        Optional<Long> interactionId = jdbc.sql("SELECT interaction_id FROM outbound_deliveries "
                        + "WHERE channel = ? AND provider_message_id = ?")
                .params(channel.name(), providerMessageId).query(Long.class).optional();
        interactionId.ifPresent(id -> cases.showDelivery(id, Delivery.reported(status, at == null ? Instant.now() : at)));
        return interactionId.isPresent();
    }

    /**
     * Marks every outbound message sent to {@code to} on this channel up to {@code watermark} as read: how channels
     * that report reading as a point in time (Messenger) update the timeline. Answers how many messages it touched.
     */
    @Transactional
    public int readUpTo(Channel channel, String to, Instant watermark) {
        List<Long> ids = jdbc.sql("SELECT interaction_id FROM outbound_deliveries WHERE channel = ? AND recipient = ? "
                        + "AND provider_message_id IS NOT NULL AND claimed_at <= ?")
                .params(channel.name(), to, Timestamp.from(watermark)).query(Long.class).list();
        ids.forEach(id -> cases.showDelivery(id, Delivery.reported(DeliveryStatus.READ, watermark)));
        return ids.size();
    }

    /**
     * Marks every outbound message sent to {@code to} on this channel, up to and including the reply {@code
     * upToInteractionId}, as delivered or read: how the chat widget reports what its socket took and what the visitor
     * saw. Only messages to that recipient are touched, so a visitor can report on nothing but their own; answers how
     * many it touched. A report may overtake the record of the send: the status shown never goes back.
     */
    @Transactional
    public int reachedUpTo(Channel channel, String to, long upToInteractionId, DeliveryStatus status) {
        List<Long> ids = jdbc.sql("SELECT interaction_id FROM outbound_deliveries WHERE channel = ? AND recipient = ? "
                        + "AND interaction_id <= ? AND state <> 'FAILED'")
                .params(channel.name(), to, upToInteractionId).query(Long.class).list();
        ids.forEach(id -> cases.showDelivery(id, Delivery.reported(status, Instant.now())));
        return ids.size();
    }

    /**
     * Takes the reply for sending: the first time, or when a try that failed for now is due again.
     *
     * @return the number of this attempt (1 for the first), or empty when the reply is sent, refused, being sent by
     * another delivery of the event, or not due again yet (then {@code due} says when)
     */
    Claim claim(ReplyRecorded reply) {
        // A redelivery (the usual reason the row exists: a reply waiting for its next try) finds it by reading; the
        // insert's duplicate-key refusal is left for a race, since the driver logs every refusal as a warning.
        boolean claimedBefore = jdbc.sql("SELECT COUNT(*) FROM outbound_deliveries WHERE interaction_id = ?")
                .param(reply.interactionId()).query(Long.class).single() > 0;
        if (!claimedBefore) {
            try {
                jdbc.sql("INSERT INTO outbound_deliveries (interaction_id, channel, recipient, state, attempts, claimed_at, "
                                + "updated_at) VALUES (?, ?, ?, 'SENDING', 1, ?, ?)")
                        .params(reply.interactionId(), reply.channel().name(), reply.to(), now(), now()).update();
                return new Claim(1, null, null);
            } catch (DuplicateKeyException raced) {
                // another delivery of the event claimed it meanwhile
            }
        }
        return retake(reply.interactionId());
    }

    /** A claimed reply is taken again only when it waits for a try that is due; otherwise its state says why not. */
    private Claim retake(long interactionId) {
        Timestamp now = now();
        int retaken = jdbc.sql("UPDATE outbound_deliveries SET state = 'SENDING', attempts = attempts + 1, "
                        + "claimed_at = ?, updated_at = ? WHERE interaction_id = ? AND state = 'RETRY' AND next_attempt_at <= ?")
                .params(now, now, interactionId, now).update();
        record Row(String state, int attempts, Timestamp due) {
        }
        Row row = jdbc.sql("SELECT state, attempts, next_attempt_at AS due FROM outbound_deliveries WHERE interaction_id = ?")
                .param(interactionId).query(Row.class).single();
        if (retaken == 1) {
            return new Claim(row.attempts(), null, null);
        }
        return new Claim(0, row.state(), row.due() == null ? null : row.due().toInstant());
    }

    /**
     * The outcome of a claim: {@code attempt} > 0 when this delivery may send; otherwise the state the reply is in
     * and, for one waiting to be tried again, when it is due.
     */
    record Claim(int attempt, String state, Instant due) {
        boolean taken() {
            return attempt > 0;
        }
    }

    /** The provider could not take the reply for now: it is tried again after {@code pause}. */
    void retryLater(long interactionId, String error, java.time.Duration pause) {
        jdbc.sql("UPDATE outbound_deliveries SET state = 'RETRY', next_attempt_at = ?, error = ?, updated_at = ? "
                        + "WHERE interaction_id = ?")
                .params(Timestamp.from(Instant.now().plus(pause)), truncate(error), now(), interactionId).update();
    }

    /** The provider took the reply under this id: recorded here and shown on the timeline. */
    void sent(long interactionId, String providerMessageId) {
        finish(interactionId, "SENT", providerMessageId, null);
        cases.showDelivery(interactionId, Delivery.sent(providerMessageId, Instant.now()));
    }

    /** The provider refused the reply for good: recorded here and shown on the timeline with its reason. */
    void refused(long interactionId, String reason) {
        finish(interactionId, "FAILED", null, reason);
        cases.showDelivery(interactionId, Delivery.refused(reason, Instant.now()));
    }

    private void finish(long interactionId, String state, String providerId, String error) {
        jdbc.sql("UPDATE outbound_deliveries SET state = ?, provider_message_id = ?, error = ?, updated_at = ? "
                        + "WHERE interaction_id = ?")
                .params(state, providerId, truncate(error), now(), interactionId)
                .update();
    }

    private static String truncate(String error) {
        return error == null ? null : error.substring(0, Math.min(500, error.length()));
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
