package io.omnicase.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
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

    @Bean
    ElasticsearchClient elasticsearchClient(ElasticsearchTransport transport,
                                            @Value("${omnicase.history.unreachable-pause:PT5S}") Duration pause) {
        return new ElasticsearchClient(new GuardedTransport(transport, pause, Clock.systemUTC()));
    }
}
