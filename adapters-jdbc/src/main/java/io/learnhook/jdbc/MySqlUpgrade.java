package io.learnhook.jdbc;

import io.learnhook.spi.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings MySQL/MariaDB tables made by an earlier release to the current layout, as {@code ADD
 * COLUMN IF NOT EXISTS} does on H2 and PostgreSQL: MySQL 8 has no such statement, so each column
 * and index is looked up in {@code information_schema} first and added only when missing.
 *
 * <p>What to add is read from the Flyway scripts that ship for MySQL ({@link #SCRIPTS}), so that
 * createSchema() and Flyway add the same columns with the same definitions: each statement of them
 * is an {@code ALTER TABLE t ADD COLUMN c …} or a {@code CREATE [UNIQUE] INDEX i ON t (…)}.
 */
final class MySqlUpgrade {
  /** The MySQL migrations after V1 (the layout createSchema() made before them), in order. */
  static final List<String> SCRIPTS =
      List.of(
          "db/migration/learnhook/mysql/V2__deliveries_listing_index.sql",
          "db/migration/learnhook/mysql/V3__request_log_body_and_retention.sql",
          "db/migration/learnhook/mysql/V4__subscription_management.sql");

  /**
   * Columns and an index that snapshots before the first release lacked (V1 has them); H2 and
   * PostgreSQL add them by {@code IF NOT EXISTS} in their DDL.
   */
  private static final List<String> BEFORE_V1 =
      List.of(
          "ALTER TABLE ${prefix}companies ADD COLUMN uses_ext_uid BOOLEAN DEFAULT FALSE NOT NULL",
          "ALTER TABLE ${prefix}webhooks ADD COLUMN previous_key_hash VARCHAR(64)",
          "ALTER TABLE ${prefix}webhooks ADD COLUMN previous_key_valid_until DATETIME(6)",
          "CREATE INDEX ${prefix}webhooks_previous_key_idx ON ${prefix}webhooks (previous_key_hash)",
          "ALTER TABLE ${prefix}webhooks ADD COLUMN rate_limit_per_second DOUBLE",
          "ALTER TABLE ${prefix}webhooks ADD COLUMN rate_limit_burst INTEGER",
          "ALTER TABLE ${prefix}webhooks ADD COLUMN rate_limit_off BOOLEAN DEFAULT FALSE NOT NULL");

  private static final Pattern ADD_COLUMN =
      Pattern.compile(
          "ALTER\\s+TABLE\\s+(\\S+)\\s+ADD\\s+COLUMN\\s+(\\S+)\\s.*",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern CREATE_INDEX =
      Pattern.compile(
          "CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(\\S+)\\s+ON\\s+(\\S+)\\s.*",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private MySqlUpgrade() {}

  /** Every upgrade statement, prefix filled in, in the order they are to run. */
  static List<String> statements(String prefix) {
    List<String> all = new ArrayList<>();
    for (String statement : BEFORE_V1) {
      all.add(Schema.withPrefix(statement, prefix));
    }
    for (String script : SCRIPTS) {
      all.addAll(Schema.statements(Schema.withPrefix(read(script), prefix)));
    }
    return all;
  }

  /**
   * Runs each statement of {@link #statements} whose column or index the connection's current
   * database lacks; the caller holds the schema lock. Returns what it ran.
   */
  static List<String> apply(Connection connection, String prefix) throws SQLException {
    List<String> ran = new ArrayList<>();
    for (String statement : statements(prefix)) {
      if (!present(connection, statement)) {
        Dialect.execute(connection, statement);
        ran.add(statement);
      }
    }
    return ran;
  }

  private static boolean present(Connection connection, String statement) throws SQLException {
    Matcher column = ADD_COLUMN.matcher(statement);
    if (column.matches()) {
      return exists(
          connection,
          "SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE()"
              + " AND LOWER(table_name) = ? AND LOWER(column_name) = ?",
          column.group(1),
          column.group(2));
    }
    Matcher index = CREATE_INDEX.matcher(statement);
    if (index.matches()) {
      return exists(
          connection,
          "SELECT 1 FROM information_schema.statistics WHERE table_schema = DATABASE()"
              + " AND LOWER(table_name) = ? AND LOWER(index_name) = ?",
          index.group(2),
          index.group(1));
    }
    // The scripts are ours: anything else is a mistake in them, caught by the tests.
    throw new IllegalStateException(
        "A MySQL upgrade statement is neither ADD COLUMN nor CREATE INDEX: " + statement);
  }

  private static boolean exists(Connection connection, String sql, String table, String name)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, table.toLowerCase(Locale.ROOT));
      query.setString(2, name.toLowerCase(Locale.ROOT));
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static String read(String resource) {
    try (InputStream in = MySqlUpgrade.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new StorageException("A MySQL migration is missing from the classpath: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StorageException("Could not read the MySQL migration " + resource, e);
    }
  }
}
