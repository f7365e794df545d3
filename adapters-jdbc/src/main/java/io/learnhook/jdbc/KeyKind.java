package io.learnhook.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import java.util.UUID;

/**
 * How a key column of an application's own table is compared with LearnHook's text ids. LMS tables
 * often key users and items by integer or UUID; binding text to such a column would fail on
 * PostgreSQL and defeat the index on MySQL, and a value that is not of the column's type (an {@code
 * item_id} of {@code "abc"} for a bigint column) can match no row, so it is not sent at all.
 * Integers match only in their plain form ({@code "42"}, not {@code "042"}), as text ids would.
 */
enum KeyKind {
  TEXT,
  INTEGER,
  UUID_VALUE;

  /** The kind of the result column {@code index} (1-based). */
  static KeyKind of(ResultSetMetaData metaData, int index, Dialect dialect) throws SQLException {
    switch (metaData.getColumnType(index)) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT:
        return INTEGER;
      default:
        // MariaDB compares its UUID type with text itself; PostgreSQL and H2 need a UUID.
        boolean uuid = "uuid".equalsIgnoreCase(metaData.getColumnTypeName(index));
        return uuid && dialect != Dialect.MYSQL ? UUID_VALUE : TEXT;
    }
  }

  /** {@code value} as this column holds it, or empty when no row can hold it. */
  Optional<Object> bindable(String value) {
    switch (this) {
      case INTEGER:
        try {
          long number = Long.parseLong(value);
          return Long.toString(number).equals(value) ? Optional.of(number) : Optional.empty();
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      case UUID_VALUE:
        try {
          UUID uuid = UUID.fromString(value);
          return uuid.toString().equals(value) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      default:
        return Optional.of(value);
    }
  }
}
