package io.omnicase.channels;

import io.omnicase.cases.ReplyRecorded;
import io.omnicase.customers.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends an agent's reply through the channel's provider after the reply has been committed, once. A claim row per
 * reply, committed before the provider is called, keeps a redelivered event (retry, restart, another node) from
 * sending twice; a failure worth retrying releases the claim and fails the listener so the event is delivered again.
 */
@Component
class ReplyDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ReplyDispatcher.class);

    private final Map<Channel, MessageSender> senders = new EnumMap<>(Channel.class);
    private final Deliveries deliveries;
    private final TransactionTemplate ownTransaction;

    ReplyDispatcher(List<MessageSender> senders, Deliveries deliveries, PlatformTransactionManager tx) {
        senders.forEach(s -> this.senders.put(s.channel(), s));
        this.deliveries = deliveries;
        this.ownTransaction = new TransactionTemplate(tx);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    // After commit, on the event pool, without a transaction of its own: no database connection is held while
    // the provider is called. The publication registry still tracks the delivery and redelivers it on failure.
    @Async
    @TransactionalEventListener
    void on(ReplyRecorded reply) {
        MessageSender sender = senders.get(reply.channel());
        if (sender == null) {
            return;
        }
        if (!sender.enabled()) {
            log.info("Reply {} of case {} not sent: outbound {} is switched off", reply.interactionId(), reply.caseId(),
                    reply.channel());
            return;
        }
        if (!claim(reply)) {
            return;
        }
        String providerId;
        try {
            providerId = sender.send(new MessageSender.OutboundMessage(reply.caseId(), reply.interactionId(), reply.to(),
                    reply.text(), reply.automatic()));
        } catch (SendFailedException e) {
            if (e.permanent()) {
                ownTransaction.executeWithoutResult(s -> deliveries.refused(reply.interactionId(), e.getMessage()));
                log.warn("Reply {} of case {} refused by {}: {}", reply.interactionId(), reply.caseId(), reply.channel(),
                        e.getMessage());
                return;
            }
            ownTransaction.executeWithoutResult(s -> deliveries.release(reply.interactionId()));
            throw e;
        }
        ownTransaction.executeWithoutResult(s -> deliveries.sent(reply.interactionId(), providerId));
    }

    /** Takes the reply for sending; false when it is sent, refused, or being sent by another delivery of the event. */
    private boolean claim(ReplyRecorded reply) {
        try {
            ownTransaction.executeWithoutResult(s -> deliveries.claim(reply));
            return true;
        } catch (DuplicateKeyException e) {
            Optional<String> state = deliveries.state(reply.interactionId());
            // SENDING here means an earlier attempt stopped between calling the provider and recording the answer:
            // the message may have left, and sending again could reach the customer twice, so it is left for a person.
            log.info("Reply {} of case {} not sent again: it is {}", reply.interactionId(), reply.caseId(),
                    state.orElse("claimed"));
            return false;
        }
    }
}
