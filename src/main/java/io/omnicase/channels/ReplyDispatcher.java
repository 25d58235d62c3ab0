package io.omnicase.channels;

import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.ReplyRecorded;
import io.omnicase.customers.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
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
    private final CaseManagement cases;
    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    ReplyDispatcher(List<MessageSender> senders, CaseManagement cases, JdbcClient jdbc, PlatformTransactionManager tx) {
        senders.forEach(s -> this.senders.put(s.channel(), s));
        this.cases = cases;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(tx);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @ApplicationModuleListener
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
                ownTransaction.executeWithoutResult(s -> {
                    finish(reply.interactionId(), "FAILED", null, e.getMessage());
                    cases.recordSendFailed(reply.interactionId(), e.getMessage());
                });
                log.warn("Reply {} of case {} refused by {}: {}", reply.interactionId(), reply.caseId(), reply.channel(),
                        e.getMessage());
                return;
            }
            ownTransaction.executeWithoutResult(s -> jdbc.sql("DELETE FROM outbound_deliveries WHERE interaction_id = ?")
                    .param(reply.interactionId()).update());
            throw e;
        }
        ownTransaction.executeWithoutResult(s -> {
            finish(reply.interactionId(), "SENT", providerId, null);
            cases.recordSent(reply.interactionId(), providerId);
        });
    }

    /** Takes the reply for sending; false when it is sent, refused, or being sent by another delivery of the event. */
    private boolean claim(ReplyRecorded reply) {
        try {
            ownTransaction.executeWithoutResult(s -> jdbc.sql("INSERT INTO outbound_deliveries (interaction_id, channel, "
                            + "state, claimed_at, updated_at) VALUES (?, ?, 'SENDING', ?, ?)")
                    .params(reply.interactionId(), reply.channel().name(), now(), now()).update());
            return true;
        } catch (DuplicateKeyException e) {
            Optional<String> state = jdbc.sql("SELECT state FROM outbound_deliveries WHERE interaction_id = ?")
                    .param(reply.interactionId()).query(String.class).optional();
            // SENDING here means an earlier attempt stopped between calling the provider and recording the answer:
            // the message may have left, and sending again could reach the customer twice, so it is left for a person.
            log.info("Reply {} of case {} not sent again: it is {}", reply.interactionId(), reply.caseId(),
                    state.orElse("claimed"));
            return false;
        }
    }

    private void finish(long interactionId, String state, String providerId, String error) {
        jdbc.sql("UPDATE outbound_deliveries SET state = ?, provider_message_id = ?, error = ?, updated_at = ? "
                        + "WHERE interaction_id = ?")
                .params(state, providerId, error == null ? null : error.substring(0, Math.min(500, error.length())), now(),
                        interactionId)
                .update();
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
