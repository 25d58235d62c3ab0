package io.omnicase.outbox;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

import javax.sql.DataSource;

/**
 * A transaction takes a connection from the pool when it runs its first statement, not when it begins. Spring Modulith
 * marks every completed event publication in a transaction of its own ({@code REQUIRES_NEW}); since
 * {@link CompletionBatch} deletes completions together, those transactions run no statement, yet each still borrowed a
 * pooled connection and switched its autocommit off and on again: about ten empty transactions per customer message,
 * twenty round trips to MariaDB (issue 18). Behind {@link LazyConnectionDataSourceProxy} such a transaction costs
 * nothing, and work that needs no database never waits for a connection the pool does not have. The pool itself
 * (Hikari, its size and metrics) is unchanged beneath the proxy; {@code unwrap} still reaches it.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionsOnFirstStatement {

    /** The application's data source (Spring Boot's, or the embedded server's), wrapped once. */
    @Bean
    static BeanPostProcessor lazyDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return "dataSource".equals(name) && bean instanceof DataSource dataSource
                        && !(bean instanceof LazyConnectionDataSourceProxy)
                        ? new LazyConnectionDataSourceProxy(dataSource)
                        : bean;
            }
        };
    }
}
