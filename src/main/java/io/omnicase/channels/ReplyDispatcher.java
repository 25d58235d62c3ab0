package io.omnicase.channels;

import io.omnicase.cases.ReplyRecorded;
import io.omnicase.customers.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Sends an agent's reply through the channel's provider after the reply has been committed, once. A claim row per
 * reply, committed before the provider is called, keeps a redelivered event (retry, restart, another node) from
 * sending twice. A failure worth retrying marks the claim for a later try, with growing pauses and a bound on the
 * number of tries, and fails the listener so the event is delivered again; past the bound (or on a refusal) the reply
 * is shown as failed on the case's timeline, where the agent sees it.
 */
@Component
class ReplyDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ReplyDispatcher.class);

    private final Map<Channel, MessageSender> senders = new EnumMap<>(Channel.class);
    private final Deliveries deliveries;
    private final TransactionTemplate ownTransaction;

    private final Retries retries;

    ReplyDispatcher(List<MessageSender> senders, Deliveries deliveries, PlatformTransactionManager tx,
                    @Value("${omnicase.channels.outbound.max-attempts:8}") int maxAttempts,
                    @Value("${omnicase.channels.outbound.first-pause:PT30S}") Duration firstPause,
                    @Value("${omnicase.channels.outbound.max-pause:PT30M}") Duration maxPause) {
        this.retries = new Retries(maxAttempts, firstPause, maxPause);
        senders.forEach(s -> this.senders.put(s.channel(), s));
        this.deliveries = deliveries;
        this.ownTransaction = new TransactionTemplate(tx);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Why a reply did not leave, as the agent reads it under the reply: the channel named as people write it
     * ("WhatsApp", not "whatsapp"). {@code sendable}: the channel takes written replies, but sending is switched off.
     */
    static String notSentReason(Channel channel, boolean sendable) {
        return sendable
                ? "sending by " + channelWord(channel) + " is switched off on this server (omnicase.channels settings): "
                + "the reply did not leave"
                : "a " + channelWord(channel) + " conversation takes no written reply: reach the customer on another channel";
    }

    private static String channelWord(Channel channel) {
        return switch (channel) {
            case WHATSAPP -> "WhatsApp";
            case SMS -> "SMS";
            case MESSENGER -> "Messenger";
            case CHAT -> "web chat";
            case EMAIL -> "email";
            case VOICE -> "voice";
        };
    }

    // After commit, on the event pool, without a transaction of its own: no database connection is held while
    // the provider is called. The publication registry still tracks the delivery and redelivers it on failure.
    @Async
    @TransactionalEventListener
    void on(ReplyRecorded reply) {
        MessageSender sender = senders.get(reply.channel());
        if (sender == null || !sender.enabled()) {
            // Nothing leaves: the timeline says so under the reply (walk 42: "Reply sent." and an answered case, while
            // only the log knew). Once, as a sent reply is.
            String reason = notSentReason(reply.channel(), sender != null);
            Deliveries.Claim unsent = ownTransaction.execute(s -> deliveries.claim(reply));
            if (unsent != null && unsent.taken()) {
                ownTransaction.executeWithoutResult(s -> deliveries.refused(reply.interactionId(), reason));
            }
            log.info("Reply {} of case {} not sent: {}", reply.interactionId(), reply.caseId(), reason);
            return;
        }
        Deliveries.Claim claim = ownTransaction.execute(s -> deliveries.claim(reply));
        if (!claim.taken()) {
            if ("RETRY".equals(claim.state())) {
                // Not due again yet: the event stays incomplete and is delivered again later.
                throw new RetryLaterException("Reply " + reply.interactionId() + " is due to be tried again at " + claim.due());
            }
            // SENDING here means an earlier attempt stopped between calling the provider and recording the answer:
            // the message may have left, and sending again could reach the customer twice, so it is left for a person.
            log.info("Reply {} of case {} not sent again: it is {}", reply.interactionId(), reply.caseId(), claim.state());
            return;
        }
        String providerId;
        try {
            providerId = sender.send(new MessageSender.OutboundMessage(reply.caseId(), reply.interactionId(), reply.to(),
                    reply.text(), reply.automatic()));
        } catch (SendFailedException e) {
            failed(reply, claim, e);
            return;
        } catch (RuntimeException unexpected) {
            // Not a provider's answer but a fault here (probe 45: a text the chat socket could not encode). Left as
            // SENDING it would never be tried again nor shown; the agent sees that it failed, and why, on the timeline.
            String reason = "could not be sent: " + unexpected;
            ownTransaction.executeWithoutResult(s -> deliveries.refused(reply.interactionId(), reason));
            log.warn("Reply {} of case {} not delivered by {}", reply.interactionId(), reply.caseId(), reply.channel(),
                    unexpected);
            return;
        }
        ownTransaction.executeWithoutResult(s -> deliveries.sent(reply.interactionId(), providerId));
    }

    /** A provider could not take the reply: tried again later (the event stays incomplete), or shown as failed. */
    private void failed(ReplyRecorded reply, Deliveries.Claim claim, SendFailedException e) {
        if (e.permanent() || claim.attempt() >= retries.maxAttempts()) {
            String reason = e.permanent() ? e.getMessage()
                    : e.getMessage() + " (gave up after " + claim.attempt() + " attempts)";
            ownTransaction.executeWithoutResult(s -> deliveries.refused(reply.interactionId(), reason));
            log.warn("Reply {} of case {} not delivered by {}: {}", reply.interactionId(), reply.caseId(),
                    reply.channel(), reason);
            return;
        }
        Duration pause = retries.pauseAfter(claim.attempt());
        ownTransaction.executeWithoutResult(s -> deliveries.retryLater(reply.interactionId(), e.getMessage(), pause));
        log.info("Reply {} of case {} not taken by {} (attempt {}), trying again in {}: {}", reply.interactionId(),
                reply.caseId(), reply.channel(), claim.attempt(), pause, e.getMessage());
        throw new RetryLaterException("Reply " + reply.interactionId() + " failed (attempt " + claim.attempt()
                + "), trying again in " + pause + ": " + e.getMessage());
    }

    /**
     * How often and how soon a reply the provider could not take is tried again: {@code first-pause}, doubling up to
     * {@code max-pause}, at most {@code max-attempts} tries in all; then it is shown as failed on the timeline.
     */
    record Retries(int maxAttempts, Duration firstPause, Duration maxPause) {
        Duration pauseAfter(int attempt) {
            Duration pause = firstPause.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
            return pause.compareTo(maxPause) > 0 ? maxPause : pause;
        }
    }

    /**
     * The reply is waiting for its next try; its event is delivered again later. Expected and in hand (the delivery's
     * row says when, and the timeline shows a failure past the bound), so redelivery logs it at debug, not as a warning
     * every round.
     */
    static class RetryLaterException extends io.omnicase.outbox.DeliveryDeferred {
        RetryLaterException(String message) {
            super(message);
        }
    }
}
