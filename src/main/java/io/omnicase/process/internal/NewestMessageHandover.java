package io.omnicase.process.internal;

import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * When a case's assessment commits, its process waits for the customer again: the newest message it has not taken yet
 * (one that came while the assessment job was queued or running, whose own delivery failed) is handed over at once, on
 * the after-commit pool, instead of when that delivery is next tried. Nothing depends on it: a handover that does not
 * happen (a crash, a full pool) leaves the message to its delivery's redelivery.
 */
@Component
class NewestMessageHandover {

    private static final Logger log = LoggerFactory.getLogger(NewestMessageHandover.class);

    private final CaseProcessStarter starter;
    private final CaseManagement cases;
    /** This bean's proxy, through which {@link #handOver} runs on the after-commit pool. */
    private final NewestMessageHandover proxy;

    NewestMessageHandover(CaseProcessStarter starter, CaseManagement cases, @Lazy NewestMessageHandover proxy) {
        this.starter = starter;
        this.cases = cases;
        this.proxy = proxy;
    }

    /**
     * Called in the assessment's transaction (by the {@code assessCase} delegate) with the latest message the process
     * took. Only when the case has a newer one is anything done after the commit: usually it has none, and one read
     * here is cheaper than a transaction that locks the case to find that out. Nothing can come between this read and
     * the commit: the assessment holds the case's row lock from its decision on, and intake locks the case before it
     * stores a message on it.
     */
    void afterCommit(CaseId caseId, Long taken) {
        java.util.OptionalLong newest = cases.latestCustomerMessageId(caseId);
        boolean untaken = newest.isPresent() && (taken == null || newest.getAsLong() > taken);
        if (untaken && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    proxy.handOver(caseId);
                }
            });
        }
    }

    @Async
    public void handOver(CaseId caseId) {
        try {
            starter.deliverNewest(caseId);
        } catch (RuntimeException e) {
            log.debug("Handing case {}'s newest message to its process failed; its delivery is tried again: {}",
                    caseId.value(), e.toString());
        }
    }
}
