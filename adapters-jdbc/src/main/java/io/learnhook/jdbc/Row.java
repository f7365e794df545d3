package io.learnhook.jdbc;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the current row of a result by column name, NULL as {@link Optional#empty()}.
 *
 * <p>Names are turned into positions through {@code positions}, made once per SQL text from the
 * result's metadata ({@link Database}), so that a result is never asked to look a label up: the
 * PostgreSQL driver builds a map of every label, lower-cased, for each result set it is asked to
 * search. A name not found there (another case, as H2 reports labels) is looked up by the result.
 */
final class Row {
  private final ResultSet resultSet;
  private final Dialect dialect;
  private final Map<String, Integer> positions;

  Row(ResultSet resultSet, Dialect dialect, Map<String, Integer> positions) {
    this.resultSet = resultSet;
    this.dialect = dialect;
    this.positions = positions;
  }

  /** The 1-based position of {@code column}: the column the result would find by that name. */
  private int at(String column) throws SQLException {
    Integer position = positions.get(column);
    return position != null ? position : resultSet.findColumn(column);
  }

  /** Positions by exact label, the first column of a label winning (as {@code findColumn} does). */
  static Map<String, Integer> positions(ResultSetMetaData metaData) throws SQLException {
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 1; i <= metaData.getColumnCount(); i++) {
      positions.putIfAbsent(metaData.getColumnLabel(i), i);
    }
    return Map.copyOf(positions);
  }

  String string(String column) throws SQLException {
    return resultSet.getString(at(column));
  }

  Optional<String> optionalString(String column) throws SQLException {
    return Optional.ofNullable(resultSet.getString(at(column)));
  }

  boolean bool(String column) throws SQLException {
    return resultSet.getBoolean(at(column));
  }

  /**
   * A flag: the boolean column, or, when {@code onValue} is given, whether the column's text equals
   * it exactly (NULL is off).
   */
  boolean flag(String column, Optional<String> onValue) throws SQLException {
    if (onValue.isPresent()) {
      return onValue.get().equals(resultSet.getString(at(column)));
    }
    return resultSet.getBoolean(at(column));
  }

  int integer(String column) throws SQLException {
    return resultSet.getInt(at(column));
  }

  long longValue(String column) throws SQLException {
    return resultSet.getLong(at(column));
  }

  Optional<Long> optionalLong(String column) throws SQLException {
    long value = resultSet.getLong(at(column));
    return resultSet.wasNull() ? Optional.empty() : Optional.of(value);
  }

  Optional<BigDecimal> optionalDecimal(String column) throws SQLException {
    return Optional.ofNullable(resultSet.getBigDecimal(at(column)));
  }

  Optional<Instant> optionalInstant(String column) throws SQLException {
    return Optional.ofNullable(dialect.readInstant(resultSet, at(column)));
  }

  Instant instant(String column) throws SQLException {
    return dialect.readInstant(resultSet, at(column));
  }

  Optional<Double> optionalDouble(String column) throws SQLException {
    double value = resultSet.getDouble(at(column));
    return resultSet.wasNull() ? Optional.empty() : Optional.of(value);
  }

  Optional<Integer> optionalInteger(String column) throws SQLException {
    int value = resultSet.getInt(at(column));
    return resultSet.wasNull() ? Optional.empty() : Optional.of(value);
  }
}
