package io.learnhook.jdbc;

import io.learnhook.spi.StorageException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.stream.Collectors;
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
   * H2 2.x, embedded (in memory or in a file). Instants are {@code TIMESTAMP(6) WITH TIME ZONE},
   * written at UTC; a duplicate key is SQLState {@code 23505}.
   */
  H2("H2", "io/learnhook/jdbc/schema/h2.sql") {
    @Override
    boolean isUniqueViolation(SQLException e) {
      return "23505".equals(e.getSQLState());
    }
  };

  private final String productName;
  private final String schemaResource;

  Dialect(String productName, String schemaResource) {
    this.productName = productName;
    this.schemaResource = schemaResource;
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
   * Binds an instant at UTC, so that what is stored never depends on the JVM's or the session's
   * time zone, and truncated to the microsecond, the precision every supported database keeps
   * (databases would otherwise round, and a rounded time can move to the next second).
   */
  void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
    statement.setObject(index, instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
  }

  /** Reads an instant written by {@link #bindInstant}; null when the column is NULL. */
  Instant readInstant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /**
   * The dialect for the database {@code dataSource} connects to.
   *
   * @throws StorageException when the database is not one LearnHook supports, naming those it does
   * @throws io.learnhook.spi.StorageUnavailableException when no connection can be had
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
      if (dialect.productName.equalsIgnoreCase(productName)) {
        return dialect;
      }
    }
    throw new StorageException(
        "The database '"
            + productName
            + "' is not supported by learnhook-jdbc. Supported: "
            + supported()
            + " (PostgreSQL and MySQL/MariaDB are planned). Either point the DataSource at a"
            + " supported database, or implement the ports of io.learnhook.spi for yours.");
  }

  private static String supported() {
    return Arrays.stream(values()).map(d -> d.productName).collect(Collectors.joining(", "));
  }
}
