package io.learnhook.spring;

import io.learnhook.jdbc.ConnectionSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * learnhook-jdbc's connections through Spring's transaction management: inside a Spring transaction
 * on the same DataSource ({@code @Transactional}, {@code TransactionTemplate}, with a {@code
 * DataSourceTransactionManager} or {@code JdbcTransactionManager}, or JPA's manager exposing its
 * JDBC connection), LearnHook works on that transaction's connection, so that a completion the
 * application records commits or rolls back with the application's own writes, and its listeners
 * run after the commit. Outside one, every call takes a connection of its own, as without Spring.
 *
 * <pre>{@code
 * JdbcStore store = JdbcStore.builder(dataSource)
 *     .connections(new SpringConnectionSource(dataSource))
 *     .build();
 * }</pre>
 *
 * <p>learnhook-spring-boot-starter configures it by default.
 */
public final class SpringConnectionSource implements ConnectionSource {
  private final DataSource dataSource;

  /** Joins Spring's transactions on {@code dataSource}, the one the store is built on. */
  public SpringConnectionSource(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (!transactionActive()) {
      // Not DataSourceUtils: with synchronization on but no transaction (propagation SUPPORTS) it
      // would hold the connection to the end of that scope, which LearnHook's own commit does not
      // expect.
      return dataSource.getConnection();
    }
    return DataSourceUtils.getConnection(dataSource);
  }

  @Override
  public void releaseConnection(Connection connection) throws SQLException {
    // Closes it unless it is the transaction's, which the transaction manager closes.
    DataSourceUtils.releaseConnection(connection, dataSource);
  }

  /**
   * Whether a Spring transaction is active on this thread and holds (or will hold) a connection of
   * this DataSource: a transaction of another DataSource's manager is not joined.
   */
  @Override
  public boolean transactionActive() {
    return TransactionSynchronizationManager.isActualTransactionActive()
        && TransactionSynchronizationManager.isSynchronizationActive()
        && TransactionSynchronizationManager.getResource(dataSource) != null;
  }

  @Override
  public void afterCommit(Runnable action) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      action.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            action.run();
          }
        });
  }

  @Override
  public String toString() {
    return "SpringConnectionSource(" + dataSource.getClass().getSimpleName() + ")";
  }
}
