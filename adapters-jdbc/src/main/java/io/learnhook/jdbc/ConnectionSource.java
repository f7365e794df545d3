package io.learnhook.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Where {@link JdbcStore} takes its connections from, and whether a transaction that the
 * application manages is open on the calling thread ({@link JdbcStore.Builder#connections}).
 *
 * <p>By default ({@link #of(DataSource)}) every port call borrows a connection of its own from the
 * DataSource and commits its own writes: a completion the LMS records is committed on LearnHook's
 * connection, whatever the LMS's own transaction then does. A source that hands out the connection
 * of the application's transaction (Spring's {@code DataSourceUtils}, which
 * learnhook-spring-boot-starter uses, or {@link ThreadBoundConnections} without a framework) makes
 * LearnHook <em>join</em> that transaction instead: a completion recorded in it, and the reports
 * queued with it, commit or roll back with the application's own writes.
 *
 * <p>On a connection of a transaction it joins, LearnHook never commits, rolls back, closes or
 * changes auto-commit; the application's transaction does that. Completion listeners (and the
 * delivery workers' wake-up) run through {@link #afterCommit} once it has committed, and not at all
 * when it rolls back.
 */
public interface ConnectionSource {
  /**
   * A connection for one port call or one LearnHook transaction; while {@link
   * #transactionActive()}, the connection of that transaction.
   *
   * @throws SQLException when none can be had (LearnHook then reports storage as unavailable)
   */
  Connection getConnection() throws SQLException;

  /**
   * Gives back a connection {@link #getConnection()} handed out: closes it, or leaves it to the
   * transaction it belongs to.
   */
  void releaseConnection(Connection connection) throws SQLException;

  /**
   * Whether a transaction the application manages is active on this thread, on this source's
   * database; LearnHook then joins it rather than committing on its own.
   */
  boolean transactionActive();

  /**
   * Runs {@code action} after the transaction active on this thread commits, and never if it rolls
   * back. Called only while {@link #transactionActive()}.
   */
  void afterCommit(Runnable action);

  /**
   * The default: a connection of its own from {@code dataSource} for every call, closed after it;
   * never a transaction of the application's.
   */
  static ConnectionSource of(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new ConnectionSource() {
      @Override
      public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
      }

      @Override
      public void releaseConnection(Connection connection) throws SQLException {
        connection.close();
      }

      @Override
      public boolean transactionActive() {
        return false;
      }

      @Override
      public void afterCommit(Runnable action) {
        action.run();
      }

      @Override
      public String toString() {
        return "ConnectionSource.of(" + dataSource.getClass().getSimpleName() + ")";
      }
    };
  }
}
