package io.omnicase.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    /**
     * The app's Jackson setup, writing and reading numbers with Jackson's fast algorithms (Schubfach, FastDoubleParser:
     * the same values, shortest round-trip text). Every vector that goes to the node (each message indexed, each kNN
     * query) is 384 numbers; the JDK's conversion of them was 2.5 % of the app's CPU in a drain (issue 18).
     */
    @Bean
    JsonpMapper jsonpMapper(ObjectMapper objectMapper) {
        ObjectMapper mapper = objectMapper.copy();
        mapper.getFactory().enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());
        mapper.getFactory().enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER.mappedFeature());
        return new JacksonJsonpMapper(mapper);
    }

    /** The pool that indexes timeline entries after commit: see {@link #historyExecutor}. */
    static final String HISTORY_EXECUTOR = "historyExecutor";

    /**
     * Where timeline entries are prepared for indexing after commit (case status read, tags, vector): apart from the
     * event pool, so indexing never waits behind process work. A task holds a database connection only for the status
     * read and never waits for the node (the bulk writer's answer completes the delivery later: {@link InteractionIndex}),
     * so a few threads keep up. Work that does not fit the queue is refused ({@code TaskRejectedException}) and left in
     * the publication table, delivered again (omnicase.events.redeliver-after), as on the event pool.
     */
    @Bean(name = HISTORY_EXECUTOR, destroyMethod = "shutdown")
    static ThreadPoolTaskExecutor historyExecutor(@Value("${omnicase.history.threads:4}") int threads,
                                                  @Value("${omnicase.history.queue-capacity:10000}") int queueCapacity) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("history-");
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setQueueCapacity(queueCapacity);
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
