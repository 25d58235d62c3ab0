package io.omnicase.outbox;

import com.zaxxer.hikari.HikariDataSource;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transaction borrows a pooled connection only when it runs a statement: the publication registry's empty
 * transactions (one per completed delivery) cost MariaDB nothing and never wait for the pool.
 */
@RunningOmnicase
class ConnectionsOnFirstStatementIT {

    @Autowired
    DataSource dataSource;

    @Test
    void theApplicationsTransactionsGoThroughTheLazyDataSourceToThePool() throws SQLException {
        assertThat(dataSource).isInstanceOf(org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy.class);
        // The pool beneath stays reachable (metrics, the benchmarks read its URL).
        assertThat(dataSource.unwrap(HikariDataSource.class).getJdbcUrl()).startsWith("jdbc:mariadb:");
    }

    @Test
    void aTransactionThatRunsNoStatementBorrowsNoConnection() throws SQLException {
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(dataSource.unwrap(HikariDataSource.class).getJdbcUrl());
            pool.setUsername(dataSource.unwrap(HikariDataSource.class).getUsername());
            pool.setPassword(dataSource.unwrap(HikariDataSource.class).getPassword());
            pool.setMinimumIdle(0);
            pool.setMaximumPoolSize(2);
            BeanPostProcessor wrapping = ConnectionsOnFirstStatement.lazyDataSource();
            DataSource lazy = (DataSource) wrapping.postProcessAfterInitialization(pool, "dataSource");
            TransactionTemplate requiresNew = new TransactionTemplate(new DataSourceTransactionManager(lazy));
            requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            JdbcTemplate jdbc = new JdbcTemplate(lazy);

            int[] borrowed = new int[3];
            requiresNew.executeWithoutResult(status -> {
                borrowed[0] = pool.getHikariPoolMXBean().getActiveConnections();
                jdbc.queryForObject("SELECT 1", Integer.class);
                borrowed[1] = pool.getHikariPoolMXBean().getActiveConnections();
            });
            borrowed[2] = pool.getHikariPoolMXBean().getActiveConnections();

            assertThat(borrowed).containsExactly(0, 1, 0);
        }
    }
}
