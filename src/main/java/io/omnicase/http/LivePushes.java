package io.omnicase.http;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

import java.util.concurrent.Executor;

/**
 * Runs a push to open pages (the desk's and the floor's server-sent events) once the change that caused it has
 * committed, on the event pool, without recording it in the event publication table. After-commit event listeners
 * are each recorded there (an insert with the change, a delete when done: ten rows per customer message) so that
 * work that must happen (a process start, an index write) survives a crash; a push to a page is not such work: a page
 * that missed one reloads what it shows when it reconnects, and a push that does not fit the pool's queue is dropped.
 * Without a transaction the push runs at once (as {@code fallbackExecution} did); after a rollback it never runs.
 */
@Component
public class LivePushes {

    private final Executor pool;

    LivePushes(@Lazy @Qualifier("eventExecutor") Executor pool) {
        this.pool = pool;
    }

    /**
     * Ends a page's stream after a send to it failed (the page has gone): the request ends too, or it would stay open
     * until its timeout and hold a graceful shutdown. When the client went away the container may already have ended
     * the request with an error, and then ending it again is refused ({@link IllegalStateException}): nothing is left
     * to end. Seen as a failure on the event pool in a test run (the desk's queue feed).
     */
    public static void endAfterFailedSend(ResponseBodyEmitter stream, Exception failure) {
        try {
            stream.completeWithError(failure);
        } catch (IllegalStateException alreadyEnded) {
            // the container ended the request first
        }
    }

    /** Hands {@code push} to the event pool after the current transaction commits (now, if there is none). */
    public void afterCommit(Runnable push) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            pool.execute(push);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                pool.execute(push);
            }
        });
    }
}
