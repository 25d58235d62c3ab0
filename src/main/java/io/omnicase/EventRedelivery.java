package io.omnicase;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Executor;

/**
 * Where after-commit work runs, and how work that failed or did not fit is delivered again. Listeners of events
 * (process correlation, indexing, sending, learning) run on one bounded pool: a fixed number of threads and a queue of
 * fixed length, measured as the {@code executor} metrics of {@code eventExecutor}. Work that does not fit the queue is
 * not run now and not lost: its event publication stays incomplete in the publication table, and the scheduled
 * redelivery hands it over again, as it does for a listener that failed (Elasticsearch down, process busy).
 * Publications survive restarts. The threads are few on purpose: each may hold one database connection, so intake
 * always finds one in the pool however much background work waits.
 * <p>
 * {@code omnicase.events.paused} (default false, read at every hand-over so it can be switched at run time) pauses the
 * after-commit work: listeners are not run (their publications stay incomplete) and nothing is redelivered; switched
 * back off (or a restart without it), the scheduled redelivery delivers everything. For measuring intake alone, and
 * for an operator who must hold background work back for a while; intake itself (commit, publication) is unaffected.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class EventRedelivery implements AsyncConfigurer {

    private static final Logger log = LoggerFactory.getLogger(EventRedelivery.class);

    private final IncompleteEventPublications incomplete;
    private final Duration after;
    private final Executor eventExecutor;
    private final Environment environment;

    private final List<ThreadPoolTaskExecutor> pools;
    private final int redeliverBatch;

    EventRedelivery(IncompleteEventPublications incomplete, Environment environment,
                    @Value("${omnicase.events.redeliver-after:PT30S}") Duration after,
                    @Value("${omnicase.events.redeliver-batch:2000}") int redeliverBatch,
                    @Lazy @Qualifier("eventExecutor") Executor eventExecutor,
                    @Lazy @Qualifier("eventExecutor") ThreadPoolTaskExecutor eventPool,
                    @Lazy @Qualifier("historyExecutor") ThreadPoolTaskExecutor historyPool) {
        this.incomplete = incomplete;
        // The pools that run listeners of publications (not Camunda's job pool, whose queue is never long empty).
        this.pools = List.of(eventPool, historyPool);
        this.redeliverBatch = redeliverBatch;
        this.after = after;
        this.eventExecutor = eventExecutor;
        this.environment = environment;
    }

    /** Whether after-commit work is paused now ({@code omnicase.events.paused}). */
    static boolean paused(Environment environment) {
        return environment.getProperty("omnicase.events.paused", Boolean.class, false);
    }

    @Bean(destroyMethod = "shutdown")
    static ThreadPoolTaskExecutor eventExecutor(@Value("${omnicase.events.threads:4}") int threads,
                                                @Value("${omnicase.events.queue-capacity:2000}") int queueCapacity,
                                                MeterRegistry meters, Environment environment) {
        Counter deferred = Counter.builder("omnicase.events.deferred").tag("pool", "eventExecutor")
                .description("After-commit work left for redelivery because the event pool's queue was full")
                .register(meters);
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("event-");
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setQueueCapacity(queueCapacity);
        // The pause (intake): checked when a thread takes the work, so work queued before the pause is held back too.
        Counter paused = Counter.builder("omnicase.events.paused-skips")
                .description("After-commit work left for redelivery because omnicase.events.paused was on")
                .register(meters);
        executor.setTaskDecorator(work -> () -> {
            if (paused(environment)) {
                paused.increment();
                return;
            }
            work.run();
        });
        executor.setRejectedExecutionHandler((work, pool) -> {
            deferred.increment();
            log.debug("Event pool full ({} queued): the work is left for redelivery", pool.getQueue().size());
        });
        // At shutdown, queued work is dropped, not waited for: its publications are incomplete and are delivered on restart.
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.setAwaitTerminationSeconds(5);
        executor.initialize();
        return executor;
    }

    /**
     * Hands over again what is older than {@code redeliver-after} and incomplete, a bounded number per round, and
     * only while the pools' queues are (nearly) empty: a publication still waiting in a queue is incomplete too, and
     * handing a backlog over again while it waits (Modulith 1.4 does not know what is queued) only makes the pools do
     * it twice and the backlog grow (pipeline, issue 18).
     */
    @Scheduled(initialDelayString = "${omnicase.events.redeliver-after:PT30S}",
            fixedDelayString = "${omnicase.events.redeliver-every:PT10S}")
    void redeliver() {
        if (paused(environment)) {
            return;
        }
        for (ThreadPoolTaskExecutor pool : pools) {
            if (pool.getQueueSize() > pool.getQueueCapacity() / 20) {
                log.debug("Redelivery waits: {} still has {} queued", pool.getThreadNamePrefix(), pool.getQueueSize());
                return;
            }
        }
        Instant before = Instant.now().minus(after);
        AtomicInteger budget = new AtomicInteger(redeliverBatch);
        incomplete.resubmitIncompletePublications(publication -> publication.getPublicationDate().isBefore(before)
                && budget.getAndDecrement() > 0);
    }

    @Override
    public Executor getAsyncExecutor() {
        return eventExecutor;
    }

    /** A listener that fails leaves its event for redelivery; one line in the log says so, not a stack trace. */
    @Override
    public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
        return (error, method, params) -> log.warn("{}.{} failed, its event will be delivered again: {}",
                method.getDeclaringClass().getSimpleName(), method.getName(), error.toString());
    }
}
