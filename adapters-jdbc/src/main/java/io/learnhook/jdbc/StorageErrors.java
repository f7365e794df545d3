package io.learnhook.jdbc;

import io.learnhook.spi.StorageException;
import io.learnhook.spi.StorageException.StorageUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Turns {@link SQLException}s into the exceptions of the storage ports.
 *
 * <p>Messages name the operation and the SQLState, never the driver's message: drivers quote the
 * values bound to a statement (H2 prints the duplicate key, the value too long), and those may be
 * personal data. The driver's exception stays attached as the cause for whoever reads the stack
 * trace.
 */
final class StorageErrors {
  private static final int MAX_CAUSES = 16;

  /**
   * PostgreSQL: the server or an administrator ended the session (57P01 to 57P03: shutdown,
   * pg_terminate_backend), a statement timeout cancelled it (57014), a lock could not be had
   * (55P03). Class 53 (too many connections, out of memory or disk) is matched as a class.
   */
  private static final Set<String> UNAVAILABLE_STATES =
      Set.of("57P01", "57P02", "57P03", "57014", "55P03");

  /**
   * MySQL and MariaDB error codes reported under the catch-all SQLState HY000 (or 70100): lock wait
   * timeout (1205), server shutting down (1053), too many connections (1040), connection killed
   * (1927), server gone away or connection lost (2006, 2013).
   */
  private static final Set<Integer> MYSQL_UNAVAILABLE_CODES =
      Set.of(1205, 1053, 1040, 1927, 2006, 2013);

  private StorageErrors() {}

  /** A connection from {@code dataSource}; any failure to get one means storage is unreachable. */
  static Connection connect(DataSource dataSource, String operation) {
    return connect(ConnectionSource.of(dataSource), operation);
  }

  /** A connection from {@code source}; any failure to get one means storage is unreachable. */
  static Connection connect(ConnectionSource source, String operation) {
    Connection connection;
    try {
      connection = source.getConnection();
    } catch (SQLException e) {
      throw new StorageUnavailableException(
          "Storage unavailable while "
              + operation
              + ": the DataSource gave no connection"
              + codes(e),
          e);
    }
    if (connection == null) {
      throw new StorageUnavailableException(
          "Storage unavailable while " + operation + ": the DataSource gave no connection", null);
    }
    return connection;
  }

  /** The port exception for {@code e}, raised while doing {@code operation} (no values in it). */
  static StorageException translate(String operation, SQLException e) {
    if (isUnavailable(e)) {
      return new StorageUnavailableException(
          "Storage unavailable while " + operation + codes(e), e);
    }
    return new StorageException("Storage failed while " + operation + codes(e), e);
  }

  /**
   * Whether {@code e}, or an exception it chains, says the database cannot be reached right now: a
   * connection failure (SQLState class 08), a timeout, a transaction the database rolled back to
   * break a deadlock (class 40: nothing was written and the same call may succeed), a server
   * shutting down or out of resources, or a lock wait that timed out.
   */
  static boolean isUnavailable(SQLException e) {
    Deque<Throwable> pending = new ArrayDeque<>();
    pending.push(e);
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    while (!pending.isEmpty() && seen.size() < MAX_CAUSES) {
      Throwable current = pending.pop();
      if (!seen.add(current)) {
        continue;
      }
      if (signalsUnavailable(current)) {
        return true;
      }
      if (current.getCause() != null) {
        pending.push(current.getCause());
      }
      if (current instanceof SQLException sql && sql.getNextException() != null) {
        pending.push(sql.getNextException());
      }
    }
    return false;
  }

  /**
   * Whether {@code e} chains the database's word that it rolled the transaction back to break a
   * deadlock (SQLState 40001 or 40P01, MySQL/MariaDB error 1213).
   */
  static boolean isDeadlock(Throwable e) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = e; t != null && seen.add(t) && seen.size() <= MAX_CAUSES; t = t.getCause()) {
      if (t instanceof SQLException sql
          && ("40001".equals(sql.getSQLState())
              || "40P01".equals(sql.getSQLState())
              || sql.getErrorCode() == 1213)) {
        return true;
      }
    }
    return false;
  }

  private static boolean signalsUnavailable(Throwable t) {
    if (t instanceof SQLTransientConnectionException
        || t instanceof SQLNonTransientConnectionException
        || t instanceof SQLTimeoutException
        || t instanceof SQLTransactionRollbackException) {
      return true;
    }
    if (!(t instanceof SQLException sql)) {
      return false;
    }
    String state = sql.getSQLState();
    if (state != null
        && (state.startsWith("08")
            || state.startsWith("40")
            || state.startsWith("53")
            || UNAVAILABLE_STATES.contains(state))) {
      return true;
    }
    return MYSQL_UNAVAILABLE_CODES.contains(sql.getErrorCode())
        && (state == null || state.equals("HY000") || state.equals("70100"));
  }

  private static String codes(SQLException e) {
    return " (SQLState " + e.getSQLState() + ", vendor code " + e.getErrorCode() + ")";
  }
}
