package io.learnhook.jdbc;

import io.learnhook.spi.StorageException;
import io.learnhook.spi.StorageException.StorageUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs statements on connections borrowed from the application's {@link DataSource} (through a
 * {@link ConnectionSource}): one connection per port call, released before the call returns, every
 * value bound as a parameter, every {@link SQLException} translated by {@link StorageErrors}.
 *
 * <p>Inside {@link #inBoundTransaction} (the {@link io.learnhook.spi.Transactions} port), every
 * call on the same thread uses the one connection of that transaction instead, and a nested {@link
 * #inTransaction} joins it. While the source reports a transaction of the application's on this
 * thread ({@link ConnectionSource#transactionActive()}), every call joins that one: its connection
 * is never committed, rolled back, closed or switched out of auto-commit here. No savepoints: the
 * one failure LearnHook expects inside it, a duplicate completion, never fails a statement on
 * PostgreSQL ({@code ON CONFLICT DO NOTHING}) and fails only its own statement on H2 and
 * MySQL/MariaDB; any other failure ends the whole transaction.
 */
final class Database {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final ConnectionSource source;
  private final Dialect dialect;
  private final String prefix;

  /** Bounds {@link #columnPositions}: the adapter's own statements are a few dozen. */
  private static final int MAX_STATEMENTS = 1_000;

  /** Column positions by label, per query text ({@link Row}). */
  private final Map<String, Map<String, Integer>> columnPositions = new ConcurrentHashMap<>();

  /** The connection of the transaction open on this thread, if any. */
  private final ThreadLocal<Bound> bound = new ThreadLocal<>();

  /**
   * A transaction's connection bound to a thread: LearnHook's own ({@code afterCommit} collects
   * what runs once it commits), or the application's, joined ({@code afterCommit} null: the source
   * runs those).
   */
  private record Bound(Connection connection, List<Runnable> afterCommit) {}

  Database(ConnectionSource source, Dialect dialect, String prefix) {
    this.source = source;
    this.dialect = dialect;
    this.prefix = Schema.requireValidPrefix(prefix);
  }

  Dialect dialect() {
    return dialect;
  }

  String prefix() {
    return prefix;
  }

  /** {@code template} with {@code ${prefix}} replaced by the table prefix. */
  String sql(String template) {
    return Schema.withPrefix(template, prefix);
  }

  /** Binds a statement's parameters. */
  @FunctionalInterface
  interface Binder {
    void bind(Params params) throws SQLException;
  }

  /** Turns the current row into a value. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(Row row) throws SQLException;
  }

  /** Work done on one connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * A statement broke a primary or unique key: another caller stored the same row first. Callers
   * that expect it (recording a completion, upserts) catch it; to the others it is a {@link
   * StorageException} like any failure.
   */
  static final class DuplicateKeyException extends StorageException {
    private static final long serialVersionUID = 1L;

    DuplicateKeyException(String message, SQLException cause) {
      super(message, cause);
    }
  }

  <T> List<T> query(String operation, String sql, Binder binder, RowMapper<T> mapper) {
    return withConnection(operation, connection -> query(connection, sql, binder, mapper));
  }

  /** The first row's value; the SQL orders and limits itself. */
  <T> Optional<T> queryFirst(String operation, String sql, Binder binder, RowMapper<T> mapper) {
    return query(operation, sql, binder, mapper).stream().findFirst();
  }

  /**
   * Runs one writing statement in its own explicit transaction; returns the rows it changed. Not in
   * auto-commit: a statement still waiting on a lock when the connection drops would then commit by
   * itself on the server, after the caller was told it failed (and its listeners never heard of
   * it); an open transaction is rolled back instead.
   */
  int update(String operation, String sql, Binder binder) {
    return inTransaction(operation, connection -> update(connection, sql, binder));
  }

  /**
   * Runs one writing statement that commits by itself: in auto-commit, one round trip, where {@link
   * #update} takes two (the statement, then the commit). Only for appends whose commit after the
   * caller gave up does no harm (the request log, which is best effort and takes no lock anyone
   * waits on). Inside the transaction bound to this thread it joins that transaction instead; on a
   * pool that lends connections with auto-commit off, it commits explicitly.
   */
  int append(String operation, String sql, Binder binder) {
    if (bound.get() != null || source.transactionActive()) {
      return withConnection(operation, connection -> update(connection, sql, binder));
    }
    Connection connection = connect(operation);
    try {
      int rows = update(connection, sql, binder);
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
      return rows;
    } catch (SQLException e) {
      throw translate(operation, e);
    } finally {
      release(connection, operation);
    }
  }

  /**
   * Runs {@code work} on a connection, as the pool hands it out (auto-commit for reads), or on the
   * connection of the transaction open on this thread.
   */
  <T> T withConnection(String operation, Work<T> work) {
    Bound open = bound.get();
    if (open != null) {
      try {
        return work.run(open.connection());
      } catch (SQLException e) {
        throw translate(operation, e);
      }
    }
    Connection connection = connect(operation);
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw translate(operation, e);
    } finally {
      release(connection, operation);
    }
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   * The connection's auto-commit setting is restored, since the pool lends it to others afterwards.
   */
  <T> T inTransaction(String operation, Work<T> work) {
    Bound open = bound.get();
    if (open != null) {
      try {
        return work.run(open.connection());
      } catch (SQLException e) {
        throw translate(operation, e);
      }
    }
    if (source.transactionActive()) {
      // The application's transaction: its manager commits or rolls back, with its own writes.
      return withConnection(operation, work);
    }
    Connection connection = connect(operation);
    try {
      boolean autoCommit = connection.getAutoCommit();
      if (autoCommit) {
        connection.setAutoCommit(false);
      }
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(connection, operation, e);
        throw e;
      } finally {
        if (autoCommit) {
          restoreAutoCommit(connection, operation);
        }
      }
    } catch (SQLException e) {
      throw translate(operation, e);
    } finally {
      release(connection, operation);
    }
  }

  /**
   * As {@link #inTransaction}, run again (up to {@code tries} times in all) when the database
   * rolled the transaction back to break a deadlock: nothing was written, so the same work may
   * simply run again. Not inside a bound transaction, which such a rollback has already ended.
   */
  <T> T inTransactionRetryingDeadlocks(String operation, int tries, Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return inTransaction(operation, work);
      } catch (StorageUnavailableException e) {
        if (attempt >= tries
            || bound.get() != null
            || source.transactionActive()
            || !StorageErrors.isDeadlock(e)) {
          throw e;
        }
      }
    }
  }

  /**
   * Runs {@code work} in one transaction whose connection every call of this {@link Database} on
   * this thread uses until it ends: committed when {@code work} returns, rolled back when it
   * throws. Inside another such transaction it simply joins it; inside a transaction of the
   * application's ({@link ConnectionSource#transactionActive()}) it joins that one, on its
   * connection, and leaves its end to the application.
   */
  <T> T inBoundTransaction(String operation, Supplier<T> work) {
    if (bound.get() != null) {
      return work.get();
    }
    if (source.transactionActive()) {
      Connection joined = connect(operation);
      bound.set(new Bound(joined, null));
      try {
        return work.get();
      } finally {
        bound.remove();
        release(joined, operation);
      }
    }
    Bound own;
    T result;
    Connection connection = connect(operation);
    try {
      boolean autoCommit = connection.getAutoCommit();
      if (autoCommit) {
        connection.setAutoCommit(false);
      }
      own = new Bound(connection, new ArrayList<>());
      bound.set(own);
      try {
        result = work.get();
        connection.commit();
      } catch (SQLException | RuntimeException | Error e) {
        rollback(connection, operation, e);
        throw e;
      } finally {
        bound.remove();
        if (autoCommit) {
          restoreAutoCommit(connection, operation);
        }
      }
    } catch (SQLException e) {
      throw translate(operation, e);
    } finally {
      release(connection, operation);
    }
    own.afterCommit().forEach(Runnable::run);
    return result;
  }

  /**
   * Runs {@code action} once the transaction open on this thread has committed: LearnHook's own
   * ({@link #inBoundTransaction}) or the application's ({@link ConnectionSource#afterCommit});
   * never after a rollback. With no transaction open, runs it now.
   */
  void afterCommit(Runnable action) {
    Bound open = bound.get();
    if (open != null && open.afterCommit() != null) {
      open.afterCommit().add(action);
    } else if (source.transactionActive()) {
      source.afterCommit(action);
    } else {
      action.run();
    }
  }

  /** Whether a transaction of the application's is active on this thread, which calls join. */
  boolean inApplicationTransaction() {
    return source.transactionActive();
  }

  private Connection connect(String operation) {
    return StorageErrors.connect(source, operation);
  }

  private void release(Connection connection, String operation) {
    try {
      source.releaseConnection(connection);
    } catch (SQLException e) {
      // The work's outcome stands; a pool discards a connection it cannot take back.
      log.debug("Could not release the connection after {}", operation, e);
    }
  }

  /**
   * Runs a query on {@code connection}, inside {@link #withConnection} or {@link #inTransaction}.
   */
  <T> List<T> query(Connection connection, String sql, Binder binder, RowMapper<T> mapper)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(new Params(statement, dialect));
      try (ResultSet resultSet = statement.executeQuery()) {
        Map<String, Integer> positions = columnPositions.get(sql);
        if (positions == null) {
          // The same SQL text always selects the same columns; the metadata is read once.
          positions = Row.positions(resultSet.getMetaData());
          if (columnPositions.size() < MAX_STATEMENTS) {
            columnPositions.put(sql, positions);
          }
        }
        Row row = new Row(resultSet, dialect, positions);
        List<T> values = new ArrayList<>();
        while (resultSet.next()) {
          values.add(read(mapper, row));
        }
        return values;
      }
    }
  }

  /**
   * Runs a writing statement once per binder, as one JDBC batch on {@code connection}; returns each
   * run's row count (a driver may answer {@link java.sql.Statement#SUCCESS_NO_INFO}).
   */
  int[] batch(Connection connection, String sql, List<Binder> binders) throws SQLException {
    if (binders.isEmpty()) {
      return new int[0];
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (Binder binder : binders) {
        binder.bind(new Params(statement, dialect));
        statement.addBatch();
      }
      return statement.executeBatch();
    }
  }

  /** Runs a writing statement on {@code connection}; returns the rows it changed. */
  int update(Connection connection, String sql, Binder binder) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(new Params(statement, dialect));
      return statement.executeUpdate();
    }
  }

  private static <T> T read(RowMapper<T> mapper, Row row) throws SQLException {
    try {
      return mapper.map(row);
    } catch (StorageException e) {
      throw e;
    } catch (RuntimeException e) {
      // A row the domain types refuse (a blank id, a key hash of the wrong form) was not written by
      // this adapter; retrying will not fix it.
      throw new StorageException("Storage holds a row LearnHook cannot read: " + e.getMessage(), e);
    }
  }

  private StorageException translate(String operation, SQLException e) {
    if (dialect.isUniqueViolation(e)) {
      return new DuplicateKeyException(
          "Storage failed while " + operation + ": a row with the same key already exists", e);
    }
    return StorageErrors.translate(operation, e);
  }

  private static void restoreAutoCommit(Connection connection, String operation) {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      // Thrown from a finally block, it would hide the failure that got us here; pools reset
      // auto-commit on return or discard the connection.
      log.debug("Could not restore auto-commit after {}", operation, e);
    }
  }

  private static void rollback(Connection connection, String operation, Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      // The original failure matters more; the pool discards a connection it cannot reset.
      cause.addSuppressed(e);
      log.debug("Rollback failed while {}", operation, e);
    }
  }
}
