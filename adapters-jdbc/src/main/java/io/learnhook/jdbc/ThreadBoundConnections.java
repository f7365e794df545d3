package io.learnhook.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Transactions of the application on plain JDBC, which LearnHook joins: the {@link
 * ConnectionSource} for an application without a transaction framework.
 *
 * <pre>{@code
 * ThreadBoundConnections connections = new ThreadBoundConnections(dataSource);
 * JdbcStore store = JdbcStore.builder(dataSource).connections(connections).build();
 * ...
 * connections.inTransaction(connection -> {
 *   markCourseFinished(connection, userId, courseId); // the LMS's own write
 *   return learnHook.record(completion);             // committed, or rolled back, with it
 * });
 * }</pre>
 *
 * <p>Outside {@link #inTransaction}, LearnHook takes connections of its own from the DataSource, as
 * with {@link ConnectionSource#of(DataSource)}.
 */
public final class ThreadBoundConnections implements ConnectionSource {
  private final DataSource dataSource;
  private final ThreadLocal<Open> current = new ThreadLocal<>();

  /** The transaction open on a thread: its connection and what runs once it has committed. */
  private record Open(Connection connection, List<Runnable> afterCommit) {}

  /** Work done on the transaction's connection. */
  @FunctionalInterface
  public interface Work<T> {
    /** Runs the work; a throw rolls the transaction back. */
    T run(Connection connection) throws SQLException;
  }

  /** Transactions on connections of {@code dataSource}, which the application owns. */
  public ThreadBoundConnections(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * Runs {@code work} in one transaction on one connection, which every LearnHook call on this
   * thread joins meanwhile: committed when {@code work} returns, rolled back when it throws. After
   * the commit, the actions registered through {@link #afterCommit} run (completion listeners);
   * after a rollback, none. Inside another {@code inTransaction} on the same thread it joins that
   * one.
   *
   * @throws SQLException from the connection, {@code work}, the commit or the rollback
   */
  public <T> T inTransaction(Work<T> work) throws SQLException {
    Open open = current.get();
    if (open != null) {
      return work.run(open.connection());
    }
    T result;
    Open started;
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      if (autoCommit) {
        connection.setAutoCommit(false);
      }
      started = new Open(connection, new ArrayList<>());
      current.set(started);
      try {
        result = work.run(connection);
        connection.commit();
      } catch (SQLException | RuntimeException | Error e) {
        try {
          connection.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      } finally {
        current.remove();
        if (autoCommit) {
          restoreAutoCommit(connection);
        }
      }
    }
    for (Runnable action : started.afterCommit()) {
      action.run();
    }
    return result;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Open open = current.get();
    return open != null ? open.connection() : dataSource.getConnection();
  }

  @Override
  public void releaseConnection(Connection connection) throws SQLException {
    Open open = current.get();
    if (open == null || open.connection() != connection) {
      connection.close();
    }
  }

  @Override
  public boolean transactionActive() {
    return current.get() != null;
  }

  @Override
  public void afterCommit(Runnable action) {
    Open open = current.get();
    if (open == null) {
      action.run();
    } else {
      open.afterCommit().add(action);
    }
  }

  private static void restoreAutoCommit(Connection connection) {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      // The pool resets auto-commit on return or discards the connection; the outcome stands.
    }
  }
}
