package io.omnicase;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.omnicase.cluster.ClusterLock;
import io.omnicase.outbox.DeliveryDeferred;
import io.omnicase.outbox.RuntimeSwitch;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.transaction.event.TransactionalApplicationListener;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private final EventPublicationRegistry registry;
    private final ApplicationContext context;
    /**
     * The transactional listeners by id, read from the context at the first delivery (all are registered by then, and
     * none is added later); null before. A publication naming a listener this node lacks is a miss, not a re-read.
     */
    private volatile Map<String, TransactionalApplicationListener<ApplicationEvent>> listeners;
    private final Duration after;
    private final Executor eventExecutor;
    private final Environment environment;
    private final JdbcClient jdbc;
    /** Absent where only some modules run (module tests): then this node's name is its own random one. */
    private final ObjectProvider<ClusterLock> cluster;
    private final String soleNode = "node-" + java.util.UUID.randomUUID();
    /** Counts this node's claiming rounds; a round's claims carry its number. */
    private final java.util.concurrent.atomic.AtomicLong rounds = new java.util.concurrent.atomic.AtomicLong();
    /** At most this many per node and round (what the pool's queue takes): the rest is left to other nodes, or the next round. */
    private final int perRound;

    /** Claims of one period each, before a failing publication's claims grow (V73). */
    private final int flatAttempts;
    /** The longest a failing publication waits between two deliveries. */
    private final Duration maxWait;

    private final ThreadPoolTaskExecutor eventPool;
    private final ObjectProvider<ThreadPoolTaskExecutor> historyPool;

    EventRedelivery(EventPublicationRegistry registry, ApplicationContext context, Environment environment,
                    @Value("${omnicase.events.redeliver-after:PT30S}") Duration after,
                    @Value("${omnicase.events.redeliver-batch:2000}") int perRound,
                    @Value("${omnicase.events.redeliver-flat-attempts:20}") int flatAttempts,
                    @Value("${omnicase.events.redeliver-max-wait:PT30M}") Duration maxWait,
                    @Lazy @Qualifier("eventExecutor") Executor eventExecutor,
                    @Lazy @Qualifier("eventExecutor") ThreadPoolTaskExecutor eventPool,
                    @Qualifier("historyExecutor") ObjectProvider<ThreadPoolTaskExecutor> historyPool,
                    JdbcClient jdbc, ObjectProvider<ClusterLock> cluster) {
        this.registry = registry;
        this.context = context;
        // The pools that run listeners of publications (not Camunda's job pool, whose queue is never long empty).
        // (The history pool is the search module's; absent in module tests.)
        this.eventPool = eventPool;
        this.historyPool = historyPool;
        this.perRound = perRound;
        this.flatAttempts = flatAttempts;
        this.maxWait = maxWait;
        this.after = after;
        this.eventExecutor = eventExecutor;
        this.environment = environment;
        this.jdbc = jdbc;
        this.cluster = cluster;
    }

    private String node() {
        ClusterLock lock = cluster.getIfAvailable();
        return lock == null ? soleNode : lock.node();
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
            if (RuntimeSwitch.eventsPaused(environment)) {
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
     * Delivers again what has been incomplete for longer than {@code redeliver-after}, whichever node published it (a
     * node that died leaves its publications to the others), a bounded number per round, and only while the pools'
     * queues are (nearly) empty: a publication still waiting in a queue is incomplete too, and handing a backlog over
     * again while it waits only makes the pools do it twice and the backlog grow (pipeline, issue 18). Several nodes:
     * each first claims the stale publications it finds ({@code event_redelivery_claims}, V66) for one period, and
     * resubmits only those it won, so no publication goes to two nodes in the same round. (Faults, issue 18: this
     * replaces Spring Modulith's republish-on-restart, which resubmitted every incomplete publication, including those
     * another live node was delivering right then.)
     */
    @Scheduled(initialDelayString = "${omnicase.events.redeliver-first-after:PT10S}",
            fixedDelayString = "${omnicase.events.redeliver-every:PT2S}")
    void redeliver() {
        if (RuntimeSwitch.eventsPaused(environment)) {
            return;
        }
        List<ThreadPoolTaskExecutor> pools = new java.util.ArrayList<>(List.of(eventPool));
        historyPool.ifAvailable(pools::add);
        for (ThreadPoolTaskExecutor pool : pools) {
            if (pool.getQueueSize() > pool.getQueueCapacity() / 20) {
                log.debug("Redelivery waits: {} still has {} queued", pool.getThreadNamePrefix(), pool.getQueueSize());
                return;
            }
        }
        Claimed mine;
        try {
            mine = claimStale();
        } catch (org.springframework.dao.DataAccessException e) {
            log.warn("Stale event publications not looked at this time (the database is away or busy): {}", e.getMessage());
            return;
        }
        if (!mine.ids().isEmpty()) {
            log.info("Delivering {} stale event publications again", mine.ids().size());
            // What Spring Modulith's resubmitIncompletePublications does, at a backlog's scale (issue 18, profile of a
            // drain: 14 % of the app's CPU on the scheduler): it read every incomplete publication to deliver the
            // claimed ones, and for each one built and sorted the list of all the context's listeners to find its own.
            // Here only publications up to the newest claimed one are read (the claimed are the oldest), and the
            // listener is found by its id in a map made once.
            registry.processIncompletePublications(publication -> mine.ids().contains(publication.getIdentifier().toString()),
                    this::deliver, upTo(mine.newest()));
        }
    }

    /** Delivers one publication to its listener, as the publication's own multicaster does. */
    private void deliver(TargetEventPublication publication) {
        String id = publication.getTargetIdentifier().getValue();
        Map<String, TransactionalApplicationListener<ApplicationEvent>> byId = listeners;
        if (byId == null) {
            byId = transactionalListeners();
            listeners = byId;
        }
        TransactionalApplicationListener<ApplicationEvent> listener = byId.get(id);
        if (listener == null) {
            log.warn("Event publication {} names listener {}, which this node does not have", publication.getIdentifier(), id);
            return;
        }
        listener.processEvent(publication.getApplicationEvent());
    }

    @SuppressWarnings("unchecked")
    private Map<String, TransactionalApplicationListener<ApplicationEvent>> transactionalListeners() {
        Map<String, TransactionalApplicationListener<ApplicationEvent>> byId = new java.util.HashMap<>();
        if (context instanceof AbstractApplicationContext application) {
            application.getApplicationListeners().stream()
                    .filter(TransactionalApplicationListener.class::isInstance)
                    .map(listener -> (TransactionalApplicationListener<ApplicationEvent>) listener)
                    .forEach(listener -> byId.putIfAbsent(listener.getListenerId(), listener));
        }
        context.getBeansOfType(TransactionalApplicationListener.class, false, false).values()
                .forEach(listener -> byId.putIfAbsent(listener.getListenerId(), listener));
        return Map.copyOf(byId);
    }

    /**
     * The age of publications to read for a round whose newest claimed publication is {@code newest}: those published
     * up to a second after it (the registry reads those published before now minus the age; the second allows for
     * rounding of the stored dates). Null, all of them, when this node's clock is behind that.
     */
    static Duration upTo(Instant newest) {
        Duration age = Duration.between(newest.plusSeconds(1), Instant.now());
        return age.isNegative() ? null : age;
    }

    /** The publications a node claimed for one round, and the publication date of the newest of them. */
    record Claimed(Set<String> ids, Instant newest) {
    }

    /**
     * Claims, for this node, the publications incomplete for longer than a period that nobody holds. A claim lasts one
     * period for the first {@code redeliver-flat-attempts} claims of a publication (about ten minutes: an outage of
     * Elasticsearch or the database is retried at the usual pace), then twice as long each time up to
     * {@code redeliver-max-wait}: a delivery that keeps failing (a process in an incident) is bounded work, not a
     * retry every period for ever. Such publications are counted ({@code omnicase.events.backing-off}) and logged
     * once when their backoff begins.
     */
    Claimed claimStale() {
        long periodMicros = after.toNanos() / 1000;
        // The round's own name for its claims: the node and a number of its own. Only what this round claimed is
        // handed over; the node's claims of earlier rounds still hold, and handing them over again each round
        // delivered a failing publication every 2 s for its whole claim (30 minutes once backing off; probe 50).
        String claimant = node() + " round " + rounds.incrementAndGet();
        // A claim outlives its period by ten minutes, so that a failing publication keeps its count of attempts;
        // then it goes, once its publication is done or gone.
        jdbc.sql("DELETE c FROM event_redelivery_claims c LEFT JOIN EVENT_PUBLICATION p ON p.ID = c.publication_id "
                + "WHERE c.claimed_until < NOW(3) - INTERVAL 10 MINUTE AND (p.ID IS NULL OR p.COMPLETION_DATE IS NOT NULL)").update();
        // ON DUPLICATE KEY UPDATE assigns left to right: node and attempts are set while claimed_until still holds the
        // old claim, and claimed_until is computed from the attempts just counted.
        // The oldest first, those nobody holds, no more than the pool takes; the upsert settles two nodes racing for one.
        jdbc.sql("INSERT INTO event_redelivery_claims (publication_id, node, claimed_until, attempts) "
                        + "SELECT p.ID, ?, NOW(3) + INTERVAL ? MICROSECOND, 1 FROM EVENT_PUBLICATION p "
                        + "LEFT JOIN event_redelivery_claims held ON held.publication_id = p.ID AND held.claimed_until > NOW(3) "
                        + "WHERE p.COMPLETION_DATE IS NULL AND p.PUBLICATION_DATE < NOW(6) - INTERVAL ? MICROSECOND "
                        + "AND held.publication_id IS NULL ORDER BY p.PUBLICATION_DATE LIMIT ? "
                        + "ON DUPLICATE KEY UPDATE node = IF(event_redelivery_claims.claimed_until <= NOW(3), VALUES(node), "
                        + "event_redelivery_claims.node), attempts = IF(event_redelivery_claims.claimed_until <= NOW(3), "
                        + "event_redelivery_claims.attempts + 1, event_redelivery_claims.attempts), "
                        + "claimed_until = IF(event_redelivery_claims.claimed_until <= NOW(3), NOW(3) + INTERVAL "
                        + "LEAST(? * POW(2, LEAST(GREATEST(event_redelivery_claims.attempts - ?, 0), 20)), ?) MICROSECOND, "
                        + "event_redelivery_claims.claimed_until)")
                .params(claimant, periodMicros, periodMicros, perRound, periodMicros, flatAttempts, maxWait.toNanos() / 1000)
                .update();
        java.util.Set<String> mine = new java.util.HashSet<>();
        Instant[] newest = {Instant.EPOCH};
        jdbc.sql("SELECT c.publication_id, c.attempts, p.LISTENER_ID, p.PUBLICATION_DATE FROM event_redelivery_claims c "
                        + "JOIN EVENT_PUBLICATION p ON p.ID = c.publication_id "
                        + "WHERE c.node = ? AND c.claimed_until > NOW(3) AND p.COMPLETION_DATE IS NULL")
                .param(claimant).query(rs -> {
                    mine.add(rs.getString(1));
                    Instant published = rs.getTimestamp(4).toInstant();
                    if (published.isAfter(newest[0])) {
                        newest[0] = published;
                    }
                    if (rs.getInt(2) == flatAttempts + 1) {
                        log.warn("Event publication {} for {} has failed {} deliveries; it is now tried less often, at "
                                + "most every {}", rs.getString(1), rs.getString(3), flatAttempts, maxWait);
                    }
                });
        return new Claimed(mine, newest[0]);
    }

    /** Incomplete publications whose redelivery has backed off: work that keeps failing, for an operator to look at. */
    @Bean
    static io.micrometer.core.instrument.binder.MeterBinder backingOffPublications(JdbcClient jdbc,
            @Value("${omnicase.events.redeliver-flat-attempts:20}") int flatAttempts) {
        return registry -> io.micrometer.core.instrument.Gauge.builder("omnicase.events.backing-off", () -> {
                    try {
                        return jdbc.sql("SELECT COUNT(*) FROM event_redelivery_claims c JOIN EVENT_PUBLICATION p "
                                        + "ON p.ID = c.publication_id WHERE p.COMPLETION_DATE IS NULL AND c.attempts > ?")
                                .param(flatAttempts).query(Long.class).single();
                    } catch (org.springframework.dao.DataAccessException e) {
                        return Double.NaN;
                    }
                }).description("Incomplete event publications whose redelivery backs off after repeated failures")
                .register(registry);
    }

    @Override
    public Executor getAsyncExecutor() {
        return eventExecutor;
    }

    /**
     * A listener that fails leaves its event for redelivery; one line in the log says so, not a stack trace. A listener
     * that only defers its event ({@link DeliveryDeferred}: expected, and taken care of) gets a debug line.
     */
    @Override
    public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
        return (error, method, params) -> {
            if (error instanceof DeliveryDeferred) {
                log.debug("{}.{} deferred its event, it will be delivered again: {}",
                        method.getDeclaringClass().getSimpleName(), method.getName(), error.getMessage());
            } else {
                log.warn("{}.{} failed, its event will be delivered again: {}",
                        method.getDeclaringClass().getSimpleName(), method.getName(), error.toString());
            }
        };
    }
}
