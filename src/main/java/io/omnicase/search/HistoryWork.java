package io.omnicase.search;

import io.omnicase.outbox.RuntimeSwitch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * After-commit work that writes to Elasticsearch, for listeners that return its future (a
 * {@code @TransactionalEventListener} returning a {@code CompletableFuture}): Spring Modulith completes the event
 * publication when the future completes, and leaves it for redelivery when it fails. The work is prepared on the
 * history pool ({@link HistoryConfiguration#historyExecutor}) without a transaction; what it then waits for (a bulk
 * request, a status round) holds no thread. So an outage or a backlog costs queued futures, not parked threads: with a
 * thread waiting per entry, a backlog after an outage drained at about 55 messages a second (issue 18, faults).
 * <p>
 * The future completes on one of a few completion threads (the registry deletes the publication there), never on the
 * bulk writer's or the status round's thread, which would then wait for the database between requests. It fails at
 * once, without touching the database, when the pool's queue is full, the node could not be reached a moment ago
 * (the client's breaker is open), or after-commit work is paused
 * ({@code omnicase.events.paused}), and after {@code omnicase.history.bulk.write-timeout} twice when the node does not
 * answer.
 */
@Component
public class HistoryWork {

    private final TaskExecutor pool;
    private final ExecutorService completions;
    private final Environment environment;
    private final Counter deferred;
    private final long timeoutMillis;
    private final java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean();
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HistoryWork.class);
    /** The client's breaker: while it is open, work fails before it reads the database or embeds a text. */
    private final GuardedTransport breaker;

    HistoryWork(@Qualifier(HistoryConfiguration.HISTORY_EXECUTOR) TaskExecutor pool, Environment environment,
                co.elastic.clients.elasticsearch.ElasticsearchClient client,
                @Value("${omnicase.history.completion-threads:2}") int completionThreads,
                @Value("${omnicase.history.bulk.write-timeout:PT10S}") Duration writeTimeout, MeterRegistry meters) {
        this.pool = pool;
        this.breaker = client._transport() instanceof GuardedTransport guarded ? guarded : null;
        this.environment = environment;
        this.timeoutMillis = 2 * writeTimeout.toMillis();
        this.deferred = Counter.builder("omnicase.events.deferred").tag("pool", HistoryConfiguration.HISTORY_EXECUTOR)
                .description("After-commit work left for redelivery because the pool's queue was full").register(meters);
        AtomicInteger threads = new AtomicInteger();
        // The queue holds at most the work in flight, which the history pool's queue and the bulk writers' capacity bound.
        this.completions = Executors.newFixedThreadPool(Math.max(1, completionThreads), work -> {
            Thread thread = new Thread(work, "history-done-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs {@code work} on the history pool; the returned future completes as the future {@code work} returns does.
     *
     * @param what names the work in the failure when it could not be run now
     */
    public CompletableFuture<Void> afterCommit(String what, Callable<CompletableFuture<Void>> work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (RuntimeSwitch.eventsPaused(environment)) {
            done.completeExceptionally(new IOException("After-commit work is paused (omnicase.events.paused): " + what));
            return done;
        }
        if (breaker != null && breaker.isOpen()) {
            // During an outage every redelivery round hands the backlog over again: each attempt reading a case and
            // embedding a text only to fail took the CPU that intake and process work needed.
            IOException away = new IOException("Elasticsearch could not be reached a moment ago: " + what
                    + " is done when its event is delivered again");
            failed(away);
            done.completeExceptionally(away);
            return done;
        }
        try {
            pool.execute(() -> {
                try {
                    work.call().orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenCompleteAsync((result, failure) -> {
                        if (failure == null) {
                            succeeded();
                            done.complete(null);
                        } else {
                            failed(failure);
                            done.completeExceptionally(failure);
                        }
                    }, completions);
                } catch (Exception e) {
                    failed(e);
                    done.completeExceptionally(e);
                }
            });
        } catch (TaskRejectedException e) {
            deferred.increment();
            done.completeExceptionally(new IOException("The history pool is full; " + what
                    + " is done when its event is delivered again", e));
        }
        return done;
    }

    /**
     * One line when writes start failing and one when they work again, rather than a line per entry: during an outage
     * each redelivery round retries the whole backlog. (Spring Modulith's own line per failed delivery is logged at
     * debug only: see {@code logging.level} in application.yml.)
     */
    private void failed(Throwable failure) {
        if (failing.compareAndSet(false, true)) {
            log.warn("Writing to Elasticsearch failed ({}); what was not written is written when its event is delivered "
                    + "again", failure.toString());
        }
    }

    private void succeeded() {
        if (failing.compareAndSet(true, false)) {
            log.info("Writing to Elasticsearch works again");
        }
    }

    @PreDestroy
    void stop() {
        completions.shutdown();
    }
}
