package io.learnhook.jdbc;

import io.learnhook.spi.StorageException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * A database the JDBC adapter supports: where its DDL lives and the few things the SQL of LearnHook
 * does differently on it. Everything else is plain SQL shared by every dialect.
 *
 * <p>{@link JdbcStore} picks the dialect from {@link DatabaseMetaData#getDatabaseProductName()}
 * unless one is given to {@link JdbcStore.Builder#dialect(Dialect)}.
 */
public enum Dialect {
  /**
   * H2 2.x, embedded (in memory or in a file): the app's default and the fastest tests. Instants
   * are {@code TIMESTAMP(6) WITH TIME ZONE}, written at UTC; a duplicate key is SQLState {@code
   * 23505}.
   */
  H2("io/learnhook/jdbc/schema/h2.sql", List.of("H2")) {
    /** H2 is embedded, so one JVM-wide lock keeps stores from running its DDL side by side. */
    private static final ReentrantLock SCHEMA_LOCK = new ReentrantLock();

    @Override
    boolean isUniqueViolation(SQLException e) {
      return "23505".equals(e.getSQLState());
    }

    @Override
    void lockSchema(Connection connection) {
      SCHEMA_LOCK.lock();
    }

    @Override
    void unlockSchema(Connection connection) {
      SCHEMA_LOCK.unlock();
    }
  },

  /**
   * PostgreSQL 12 or later. Instants are {@code timestamptz(6)}; text is {@code varchar}/{@code
   * text}, compared exactly. An insert that may meet a duplicate uses {@code ON CONFLICT DO
   * NOTHING}, so it never aborts the transaction it runs in; the DDL runs in one transaction under
   * an advisory lock, so nodes starting together do not trip over each other's {@code CREATE}.
   * PostgreSQL cannot store the character U+0000 in text.
   */
  POSTGRESQL("io/learnhook/jdbc/schema/postgresql.sql", List.of("PostgreSQL")) {
    @Override
    boolean isUniqueViolation(SQLException e) {
      return "23505".equals(e.getSQLState());
    }

    @Override
    String insertIgnoringDuplicates(String insert) {
      return insert + " ON CONFLICT DO NOTHING";
    }

    @Override
    void lockSchema(Connection connection) throws SQLException {
      // Released when the transaction that createSchema runs the DDL in ends.
      try (PreparedStatement lock =
          connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        lock.setLong(1, SCHEMA_LOCK_ID);
        lock.execute();
      }
    }

    @Override
    boolean transactionalDdl() {
      return true;
    }
  },

  /**
   * MySQL 8 and MariaDB 10.6 or later (InnoDB, {@code utf8mb4}). Identifier and key columns use the
   * binary collation {@code utf8mb4_bin}, so that matching is case-sensitive as on the other
   * databases; instants are {@code DATETIME(6)} holding UTC; a duplicate key is error 1062
   * (SQLState {@code 23000}). The DDL runs under {@code GET_LOCK}, since MySQL commits each DDL
   * statement on its own.
   */
  MYSQL("io/learnhook/jdbc/schema/mysql.sql", List.of("MySQL", "MariaDB")) {
    private static final int ER_DUP_ENTRY = 1062;
    private static final int ER_DUP_ENTRY_WITH_KEY_NAME = 1586;
    private static final int ER_DUP_KEY = 1022;
    private static final int LOCK_WAIT_SECONDS = 60;
    private static final java.time.format.DateTimeFormatter DATETIME_6 =
        java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    @Override
    boolean isUniqueViolation(SQLException e) {
      int code = e.getErrorCode();
      return code == ER_DUP_ENTRY || code == ER_DUP_ENTRY_WITH_KEY_NAME || code == ER_DUP_KEY;
    }

    @Override
    void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
      // DATETIME has no zone: what is stored is the UTC wall time, whatever the session's zone.
      // As text, not a LocalDateTime: MySQL Connector/J drops the fraction of a LocalDateTime for
      // a server whose version reads below 5.6.4, as MariaDB's does ("5.5.5-10.11…"), and the
      // server reads the text as DATETIME(6) with every driver, microseconds kept.
      statement.setString(
          index,
          LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC)
              .format(DATETIME_6));
    }

    @Override
    Instant readInstant(ResultSet row, int column) throws SQLException {
      LocalDateTime value = row.getObject(column, LocalDateTime.class);
      return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    @Override
    void lockSchema(Connection connection) throws SQLException {
      try (PreparedStatement lock = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
        lock.setString(1, SCHEMA_LOCK_NAME);
        lock.setInt(2, LOCK_WAIT_SECONDS);
        try (ResultSet result = lock.executeQuery()) {
          if (!result.next() || result.getInt(1) != 1) {
            throw new SQLException(
                "Another node held the schema lock for " + LOCK_WAIT_SECONDS + " s", "55P03");
          }
        }
      }
    }

    @Override
    void unlockSchema(Connection connection) throws SQLException {
      try (PreparedStatement unlock = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
        unlock.setString(1, SCHEMA_LOCK_NAME);
        unlock.execute();
      }
    }

    @Override
    String emailEquals(String column) {
      // The LMS's email column normally has a case-insensitive (_ci) collation, which compares as
      // the caller wants and can use the column's plain index; LOWER() would defeat that index.
      return column + " = ?";
    }
  };

  /** Advisory lock key for PostgreSQL: "LHSCHEMA" in ASCII. */
  private static final long SCHEMA_LOCK_ID = 0x4c48534348454d41L;

  private static final String SCHEMA_LOCK_NAME = "learnhook_schema";

  private final String schemaResource;
  private final List<String> productNames;

  Dialect(String schemaResource, List<String> productNames) {
    this.schemaResource = schemaResource;
    this.productNames = productNames;
  }

  /**
   * The classpath resource holding this dialect's DDL, with {@code ${prefix}} where the table
   * prefix goes. The path is stable: migration tools (Flyway, Liquibase) may copy or reference it.
   * {@link JdbcStore#schemaSql()} gives the same text with the prefix filled in.
   */
  public String schemaResource() {
    return schemaResource;
  }

  /**
   * Whether {@code e} says a row already has the same primary key or unique key. Only this kind of
   * integrity violation means "someone stored it first"; a NOT NULL or length violation is a bug.
   */
  abstract boolean isUniqueViolation(SQLException e);

  /**
   * {@code insert} made to insert nothing, instead of failing, when the row would break a unique
   * key; callers then see 0 rows changed. Dialects that cannot say so return it unchanged and the
   * caller sees {@link #isUniqueViolation} instead: both mean "someone stored it first".
   */
  String insertIgnoringDuplicates(String insert) {
    return insert;
  }

  /**
   * Binds an instant at UTC, so that what is stored never depends on the JVM's or the session's
   * time zone, and truncated to the microsecond, the precision every supported database keeps
   * (databases would otherwise round, and a rounded time can move to the next second).
   */
  void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
    statement.setObject(index, instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
  }

  /** Reads an instant written by {@link #bindInstant}; null when the column is NULL. */
  Instant readInstant(ResultSet row, int column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** Keeps other nodes out of the DDL until {@link #unlockSchema} or the transaction's end. */
  abstract void lockSchema(Connection connection) throws SQLException;

  /** Releases what {@link #lockSchema} took, unless the transaction's end does. */
  void unlockSchema(Connection connection) throws SQLException {
    // PostgreSQL's advisory transaction lock goes with the transaction.
  }

  /** Whether DDL joins the transaction, so the whole script applies or none of it. */
  boolean transactionalDdl() {
    return false;
  }

  /**
   * The condition matching an email column of an LMS's own table against a lower-cased parameter.
   * {@code LOWER(email)} on PostgreSQL and H2, where text compares case-sensitively; PostgreSQL
   * serves it from an expression index on {@code lower(email)} (see docs/STORAGE.md).
   */
  String emailEquals(String column) {
    return "LOWER(" + column + ") = ?";
  }

  /** Runs {@code sql} on {@code connection}, for DDL. */
  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * The dialect for the database {@code dataSource} connects to.
   *
   * @throws StorageException when the database is not one LearnHook supports, naming those it does
   * @throws io.learnhook.spi.StorageException.StorageUnavailableException when no connection can be
   *     had
   */
  static Dialect detect(DataSource dataSource) {
    String operation = "detecting the database product";
    try (Connection connection = StorageErrors.connect(dataSource, operation)) {
      return forProduct(connection.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      throw StorageErrors.translate(operation, e);
    }
  }

  /** The dialect for a product name as JDBC drivers report it. */
  static Dialect forProduct(String productName) {
    for (Dialect dialect : values()) {
      for (String name : dialect.productNames) {
        if (name.equalsIgnoreCase(productName)) {
          return dialect;
        }
      }
    }
    throw new StorageException(
        "The database '"
            + productName
            + "' is not supported by learnhook-jdbc. Supported: H2, PostgreSQL, MySQL, MariaDB."
            + " Either point the DataSource at a supported database, or implement the ports of"
            + " io.learnhook.spi for yours.");
  }
}
