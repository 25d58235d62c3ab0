package io.omnicase.localservers;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * Starts the embedded MariaDB server and the managed Elasticsearch node for the default run. Switched off by
 * {@code omnicase.platform.enabled=false} (the {@code production} profile does that).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "omnicase.platform.enabled", havingValue = "true", matchIfMissing = true)
class LocalPlatformConfiguration {

    @Bean(destroyMethod = "shutdown")
    EmbeddedMariaDb embeddedMariaDb(@Value("${omnicase.platform.home:./data}") Path home,
                                    @Value("${omnicase.platform.mariadb.port:3307}") int port) {
        return EmbeddedMariaDb.start(home.toAbsolutePath().resolve("mariadb"), port);
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedMariaDb mariaDb, DataSourceProperties properties) {
        properties.setUrl(mariaDb.jdbcUrl());
        properties.setUsername("root");
        properties.setPassword("");
        return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }

    /** The node starts in the background; indexing waits and catches up through the event publication registry. */
    @Bean(initMethod = "start", destroyMethod = "stop")
    ManagedElasticsearchNode managedElasticsearchNode(@Value("${omnicase.platform.home:./data}") Path home,
                                                      @Value("${omnicase.platform.elasticsearch.port:9201}") int port,
                                                      @Value("${omnicase.platform.elasticsearch.heap:512m}") String heap,
                                                      @Value("${omnicase.platform.elasticsearch.distribution:target/elasticsearch-dist/elasticsearch.zip}") Path distribution) {
        return new ManagedElasticsearchNode(distribution.toAbsolutePath(), home.toAbsolutePath().resolve("elasticsearch"), port, heap);
    }

    @Bean
    PlatformWatchdog platformWatchdog(EmbeddedMariaDb mariaDb, ManagedElasticsearchNode elasticsearch) {
        return new PlatformWatchdog(mariaDb, elasticsearch);
    }
}
