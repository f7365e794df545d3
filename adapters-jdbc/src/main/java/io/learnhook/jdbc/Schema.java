package io.learnhook.jdbc;

import io.learnhook.spi.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The table prefix and the DDL scripts. Table names are the only text ever spliced into SQL, so the
 * prefix is held to a pattern that cannot carry anything but an identifier.
 */
final class Schema {
  /** Where the table prefix goes in the DDL and in every statement. */
  static final String PLACEHOLDER = "${prefix}";

  static final String DEFAULT_PREFIX = "lh_";

  /**
   * The layout this adapter reads and writes, recorded in {@code <prefix>schema_version} by the DDL
   * and by the Flyway script V1. Additions older nodes can live with (nullable or defaulted
   * columns, indexes: Flyway's V2 and later) leave it; a layout older nodes must not write moves
   * it.
   */
  static final int CURRENT_VERSION = 1;

  /**
   * Long enough for any naming scheme, short enough that the longest index name ({@code
   * <prefix>request_log_webhook_idx}) stays within PostgreSQL's 63 and MySQL's 64 characters.
   */
  static final int MAX_PREFIX_LENGTH = 32;

  private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]*");

  private Schema() {}

  /**
   * Returns {@code prefix} when it is a valid table prefix.
   *
   * @throws IllegalArgumentException saying what a prefix may be
   */
  static String requireValidPrefix(String prefix) {
    if (prefix == null
        || prefix.length() > MAX_PREFIX_LENGTH
        || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "A table prefix is 1 to "
              + MAX_PREFIX_LENGTH
              + " characters: a lowercase letter or '_', then lowercase letters, digits or '_'"
              + " (like the default '"
              + DEFAULT_PREFIX
              + "'); got "
              + (prefix == null ? "null" : "'" + prefix + "'"));
    }
    return prefix;
  }

  /** {@code template} with the prefix filled in; {@code prefix} must be valid. */
  static String withPrefix(String template, String prefix) {
    return template.replace(PLACEHOLDER, prefix);
  }

  /** The dialect's DDL with the prefix filled in. */
  static String script(Dialect dialect, String prefix) {
    String resource = dialect.schemaResource();
    try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new StorageException(
            "The DDL for " + dialect + " is missing from the classpath: " + resource);
      }
      return withPrefix(new String(in.readAllBytes(), StandardCharsets.UTF_8), prefix);
    } catch (IOException e) {
      throw new StorageException("Could not read the DDL for " + dialect + ": " + resource, e);
    }
  }

  /**
   * Runs the dialect's DDL on one connection, under the dialect's schema lock so that nodes
   * starting together take turns (on MySQL/MariaDB then adds the columns and indexes that tables of
   * an earlier release lack, {@link MySqlUpgrade}), then checks that the tables are not of a newer
   * layout than this adapter knows.
   */
  static void create(Database db) {
    List<String> statements = statements(script(db.dialect(), db.prefix()));
    String versionQuery = db.sql("SELECT MAX(version) AS version FROM ${prefix}schema_version");
    db.withConnection(
        "creating the schema",
        connection -> {
          Dialect dialect = db.dialect();
          boolean autoCommit = connection.getAutoCommit();
          boolean transactional = dialect.transactionalDdl();
          connection.setAutoCommit(!transactional);
          try {
            dialect.lockSchema(connection);
            try {
              for (String ddl : statements) {
                Dialect.execute(connection, ddl);
              }
              if (dialect == Dialect.MYSQL) {
                // What ADD COLUMN IF NOT EXISTS does in the other dialects' DDL.
                MySqlUpgrade.apply(connection, db.prefix());
              }
              int version =
                  db.query(connection, versionQuery, p -> {}, row -> row.integer("version")).get(0);
              if (transactional) {
                connection.commit();
              }
              requireKnown(version, db.prefix());
            } finally {
              dialect.unlockSchema(connection);
            }
          } catch (SQLException | RuntimeException e) {
            if (transactional) {
              connection.rollback();
            }
            throw e;
          } finally {
            connection.setAutoCommit(autoCommit);
          }
          return null;
        });
  }

  private static void requireKnown(int version, String prefix) {
    if (version > CURRENT_VERSION) {
      throw new StorageException(
          "The LearnHook tables with prefix '"
              + prefix
              + "' are at schema version "
              + version
              + ", newer than this learnhook-jdbc knows ("
              + CURRENT_VERSION
              + "): they were migrated by a newer LearnHook. Run that version, or point this one at"
              + " other tables.");
    }
  }

  /**
   * The statements of a script: lines starting with {@code --} are comments, and {@code ;} ends a
   * statement. Our scripts keep semicolons out of comments and literals so that this is enough.
   */
  static List<String> statements(String script) {
    StringBuilder withoutComments = new StringBuilder();
    for (String line : script.split("\\R")) {
      if (!line.strip().startsWith("--")) {
        withoutComments.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String statement : withoutComments.toString().split(";")) {
      if (!statement.isBlank()) {
        statements.add(statement.strip());
      }
    }
    return statements;
  }
}
