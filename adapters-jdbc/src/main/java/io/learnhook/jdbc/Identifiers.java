package io.learnhook.jdbc;

import java.util.regex.Pattern;

/**
 * Checks the table and column names an application gives for its own tables. They are the only
 * configured text spliced into SQL, so each must be a plain SQL identifier that cannot carry
 * anything else: letters, digits and {@code _}, not starting with a digit, at most 63 characters
 * (PostgreSQL's limit; MySQL allows 64), and for tables optionally {@code schema.table}. They are
 * written unquoted, so the database folds their case as it does in any unquoted SQL.
 */
final class Identifiers {
  static final int MAX_LENGTH = 63;

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private Identifiers() {}

  /**
   * Returns {@code column} when it is an identifier.
   *
   * @throws IllegalArgumentException naming {@code what} and saying what a name may be
   */
  static String column(String column, String what) {
    if (column == null || !IDENTIFIER.matcher(column).matches()) {
      throw new IllegalArgumentException(
          what
              + " must be a column name: letters, digits and '_', not starting with a digit, at"
              + " most "
              + MAX_LENGTH
              + " characters; got "
              + quoted(column));
    }
    return column;
  }

  /**
   * Returns {@code table} when it is an identifier or {@code schema.table}.
   *
   * @throws IllegalArgumentException naming {@code what} and saying what a name may be
   */
  static String table(String table, String what) {
    String[] parts = table == null ? new String[0] : table.split("\\.", -1);
    boolean valid = parts.length == 1 || parts.length == 2;
    for (String part : parts) {
      valid = valid && IDENTIFIER.matcher(part).matches();
    }
    if (!valid) {
      throw new IllegalArgumentException(
          what
              + " must be a table name, optionally schema-qualified (schema.table): letters,"
              + " digits and '_', not starting with a digit, at most "
              + MAX_LENGTH
              + " characters each; got "
              + quoted(table));
    }
    return table;
  }

  private static String quoted(String name) {
    return name == null ? "null" : "'" + name + "'";
  }
}
