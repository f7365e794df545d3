package io.learnhook.jdbc;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/** Binds a statement's parameters in order, so call sites read as the column list they fill. */
final class Params {
  private static final char NUL = '\u0000';

  private final PreparedStatement statement;
  private final Dialect dialect;
  private int index = 1;

  Params(PreparedStatement statement, Dialect dialect) {
    this.statement = statement;
    this.dialect = dialect;
  }

  /**
   * Binds text.
   *
   * @throws IllegalArgumentException when it holds U+0000, which PostgreSQL refuses in text; every
   *     dialect refuses it alike, and lookups never get here with it ({@link #searchable})
   */
  Params string(String value) throws SQLException {
    if (value != null && value.indexOf(NUL) >= 0) {
      throw new IllegalArgumentException(
          "A value holds the NUL character (U+0000), which LearnHook does not store");
    }
    statement.setString(index++, value);
    return this;
  }

  /**
   * Whether every value can be looked up: one holding U+0000 matches no stored row (none can hold
   * it), so a lookup answers "not found" without asking the database, which might refuse it.
   */
  static boolean searchable(String... values) {
    for (String value : values) {
      if (value.indexOf(NUL) >= 0) {
        return false;
      }
    }
    return true;
  }

  Params optionalString(Optional<String> value) throws SQLException {
    if (value.isPresent()) {
      return string(value.get());
    }
    statement.setNull(index++, Types.VARCHAR);
    return this;
  }

  /** Binds a value {@link KeyKind#bindable} gave: text, a long or a UUID. */
  Params key(Object value) throws SQLException {
    if (value instanceof String text) {
      return string(text);
    }
    statement.setObject(index++, value);
    return this;
  }

  Params bool(boolean value) throws SQLException {
    statement.setBoolean(index++, value);
    return this;
  }

  Params integer(int value) throws SQLException {
    statement.setInt(index++, value);
    return this;
  }

  Params longValue(long value) throws SQLException {
    statement.setLong(index++, value);
    return this;
  }

  Params optionalLong(Optional<Long> value) throws SQLException {
    if (value.isPresent()) {
      return longValue(value.get());
    }
    statement.setNull(index++, Types.BIGINT);
    return this;
  }

  Params optionalDecimal(Optional<BigDecimal> value) throws SQLException {
    if (value.isPresent()) {
      statement.setBigDecimal(index++, value.get());
    } else {
      statement.setNull(index++, Types.DECIMAL);
    }
    return this;
  }

  Params optionalInstant(Optional<Instant> value) throws SQLException {
    if (value.isPresent()) {
      return instant(value.get());
    }
    statement.setNull(index++, Types.TIMESTAMP_WITH_TIMEZONE);
    return this;
  }

  Params instant(Instant value) throws SQLException {
    dialect.bindInstant(statement, index++, value);
    return this;
  }

  Params optionalDouble(Optional<Double> value) throws SQLException {
    if (value.isPresent()) {
      statement.setDouble(index++, value.get());
    } else {
      statement.setNull(index++, Types.DOUBLE);
    }
    return this;
  }

  Params optionalInteger(Optional<Integer> value) throws SQLException {
    if (value.isPresent()) {
      return integer(value.get());
    }
    statement.setNull(index++, Types.INTEGER);
    return this;
  }
}
