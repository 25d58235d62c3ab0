package io.omnicase.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/**
 * The Elasticsearch client (its transport auto-configured from {@code spring.elasticsearch.*}): documents mapped with
 * the app's Jackson setup, every call through a circuit breaker ({@link GuardedTransport}).
 */
@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

    @Bean
    JsonpMapper jsonpMapper(ObjectMapper objectMapper) {
        return new JacksonJsonpMapper(objectMapper.copy());
    }

    /** The pool that indexes timeline entries after commit: see {@link #historyExecutor}. */
    static final String HISTORY_EXECUTOR = "historyExecutor";

    /**
     * Where timeline entries are indexed after commit: apart from the event pool, because each listener mostly waits
     * for its bulk request (a short linger, then the node's answer) and holds no database connection while it waits;
     * enough threads to fill a batch. Work that does not fit the queue is left in the publication table and delivered
     * again (omnicase.events.redeliver-after), as on the event pool.
     */
    @Bean(name = HISTORY_EXECUTOR, destroyMethod = "shutdown")
    static ThreadPoolTaskExecutor historyExecutor(@Value("${omnicase.history.threads:32}") int threads,
                                                  @Value("${omnicase.history.queue-capacity:10000}") int queueCapacity,
                                                  MeterRegistry meters,
                                                  org.springframework.core.env.Environment environment) {
        Counter deferred = Counter.builder("omnicase.events.deferred").tag("pool", HISTORY_EXECUTOR)
                .description("After-commit work left for redelivery because the pool's queue was full")
                .register(meters);
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("history-");
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setQueueCapacity(queueCapacity);
        executor.setRejectedExecutionHandler((work, pool) -> deferred.increment());
        // omnicase.events.paused (the benchmark's "intake alone") holds indexing back too: left for redelivery.
        executor.setTaskDecorator(work -> () -> {
            if (!environment.getProperty("omnicase.events.paused", Boolean.class, false)) {
                work.run();
            }
        });
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.setAwaitTerminationSeconds(5);
        executor.initialize();
        return executor;
    }

    /**
     * Without credentials for the node, no preemptive-authentication cache: the low-level client puts a Basic scheme
     * for each node into it, and Apache HttpClient's cache copies that scheme by Java serialization on every request
     * (a class lookup in the jars each time): about 3 % of the app's CPU while the after-commit work drained (issue 18,
     * JFR profile). With a user name configured (or one in the node's URI) the cache stays, so every request authenticates at once.
     */
    @Bean
    org.springframework.boot.autoconfigure.elasticsearch.RestClientBuilderCustomizer noAuthCacheWithoutCredentials(
            @Value("${spring.elasticsearch.username:}") String username,
            @Value("${spring.elasticsearch.uris:}") String uris) {
        return new org.springframework.boot.autoconfigure.elasticsearch.RestClientBuilderCustomizer() {
            @Override
            public void customize(org.elasticsearch.client.RestClientBuilder builder) {
            }

            @Override
            public void customize(org.apache.http.impl.nio.client.HttpAsyncClientBuilder builder) {
                if (username.isBlank() && !uris.contains("@")) {
                    builder.disableAuthCaching();
                }
            }
        };
    }

    @Bean
    ElasticsearchClient elasticsearchClient(ElasticsearchTransport transport,
                                            @Value("${omnicase.history.unreachable-pause:PT5S}") Duration pause) {
        return new ElasticsearchClient(new GuardedTransport(transport, pause, Clock.systemUTC()));
    }
}
