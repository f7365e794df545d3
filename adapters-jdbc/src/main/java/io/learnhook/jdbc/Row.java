package io.learnhook.jdbc;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Reads the current row of a result by column name, NULL as {@link Optional#empty()}. */
final class Row {
  private final ResultSet resultSet;
  private final Dialect dialect;

  Row(ResultSet resultSet, Dialect dialect) {
    this.resultSet = resultSet;
    this.dialect = dialect;
  }

  String string(String column) throws SQLException {
    return resultSet.getString(column);
  }

  Optional<String> optionalString(String column) throws SQLException {
    return Optional.ofNullable(resultSet.getString(column));
  }

  boolean bool(String column) throws SQLException {
    return resultSet.getBoolean(column);
  }

  /**
   * A flag: the boolean column, or, when {@code onValue} is given, whether the column's text equals
   * it exactly (NULL is off).
   */
  boolean flag(String column, Optional<String> onValue) throws SQLException {
    if (onValue.isPresent()) {
      return onValue.get().equals(resultSet.getString(column));
    }
    return resultSet.getBoolean(column);
  }

  int integer(String column) throws SQLException {
    return resultSet.getInt(column);
  }

  long longValue(String column) throws SQLException {
    return resultSet.getLong(column);
  }

  Optional<Long> optionalLong(String column) throws SQLException {
    long value = resultSet.getLong(column);
    return resultSet.wasNull() ? Optional.empty() : Optional.of(value);
  }

  Optional<BigDecimal> optionalDecimal(String column) throws SQLException {
    return Optional.ofNullable(resultSet.getBigDecimal(column));
  }

  Optional<Instant> optionalInstant(String column) throws SQLException {
    return Optional.ofNullable(dialect.readInstant(resultSet, column));
  }

  Instant instant(String column) throws SQLException {
    return dialect.readInstant(resultSet, column);
  }

  Optional<Integer> optionalInteger(String column) throws SQLException {
    int value = resultSet.getInt(column);
    return resultSet.wasNull() ? Optional.empty() : Optional.of(value);
  }
}
