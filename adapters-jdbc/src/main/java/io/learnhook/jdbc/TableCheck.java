package io.learnhook.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares an application's table, as a {@link MappedTable} describes it, with the table the
 * database has: that it exists and has every configured column. A misspelt name is then found when
 * the app starts ({@link JdbcStore#validateLmsTables()}), named with the columns the table does
 * have, instead of failing every lookup later.
 */
final class TableCheck {
  /**
   * SQLStates and H2 error codes meaning "no such table or schema": PostgreSQL's undefined_table
   * and invalid_schema_name, MySQL's and MariaDB's (and H2's) base table not found; H2 reports some
   * cases by its own codes only.
   */
  private static final Set<String> NO_SUCH_TABLE_STATES = Set.of("42P01", "3F000", "42S02");

  private static final Set<Integer> H2_NO_SUCH_TABLE_CODES = Set.of(42102, 42103, 42104, 90079);

  private TableCheck() {}

  /**
   * What does not match, as one sentence naming the table, each missing column with its role and
   * the columns the table has; empty when the table fits its description.
   *
   * @throws SQLException when the database fails otherwise (unreachable, permission denied)
   */
  static Optional<String> mismatch(Connection connection, Dialect dialect, MappedTable<?> table)
      throws SQLException {
    List<String> actual = new ArrayList<>();
    // The columns as the database resolves the name in a query (schema search path, case folding,
    // views included), which is how every lookup will read it.
    try (PreparedStatement probe =
            connection.prepareStatement("SELECT * FROM " + table.table() + " WHERE 1 = 0");
        ResultSet empty = probe.executeQuery()) {
      ResultSetMetaData metaData = empty.getMetaData();
      for (int index = 1; index <= metaData.getColumnCount(); index++) {
        actual.add(metaData.getColumnName(index));
      }
    } catch (SQLException e) {
      if (noSuchTable(e, dialect)) {
        return Optional.of(
            table.kind()
                + " '"
                + table.table()
                + "' does not exist: no table or view of that name is visible to this connection"
                + " (check the name, its schema and the schema search path)");
      }
      throw e;
    }
    CaseRule rule = CaseRule.of(connection.getMetaData(), dialect);
    List<String> absent = new ArrayList<>();
    for (Map.Entry<? extends MappedTable.Role, String> entry : table.columns().entrySet()) {
      String column = entry.getValue();
      if (actual.stream().noneMatch(name -> rule.same(column, name))) {
        absent.add("'" + column + "' (for " + entry.getKey().key() + ")");
      }
    }
    if (absent.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        table.kind()
            + " '"
            + table.table()
            + "' has no column "
            + String.join(", no column ", absent)
            + "; its columns are: "
            + String.join(", ", actual));
  }

  private static boolean noSuchTable(SQLException e, Dialect dialect) {
    return NO_SUCH_TABLE_STATES.contains(e.getSQLState())
        || dialect == Dialect.H2 && H2_NO_SUCH_TABLE_CODES.contains(e.getErrorCode());
  }

  /**
   * How the database matches an unquoted name with a column's stored name: PostgreSQL folds it to
   * lower case, H2 to upper case (unless configured otherwise, which its metadata says), MySQL and
   * MariaDB ignore case in column names whatever the platform.
   */
  private enum CaseRule {
    LOWER,
    UPPER,
    IGNORE,
    EXACT;

    static CaseRule of(DatabaseMetaData metaData, Dialect dialect) throws SQLException {
      if (dialect == Dialect.MYSQL) {
        return IGNORE;
      }
      if (metaData.storesUpperCaseIdentifiers()) {
        return UPPER;
      }
      if (metaData.storesLowerCaseIdentifiers()) {
        return LOWER;
      }
      return metaData.storesMixedCaseIdentifiers() ? EXACT : IGNORE;
    }

    boolean same(String configured, String stored) {
      return switch (this) {
        case LOWER -> configured.toLowerCase(Locale.ROOT).equals(stored);
        case UPPER -> configured.toUpperCase(Locale.ROOT).equals(stored);
        case IGNORE -> configured.equalsIgnoreCase(stored);
        case EXACT -> configured.equals(stored);
      };
    }
  }
}
