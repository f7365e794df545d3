package io.learnhook.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * An application's own table as {@link UserTable}, {@link ItemTable} or {@link CompanyTable}
 * describe it: the table's name, which column plays which role, and the value that means "on" for a
 * flag column given as a status. Immutable; every name validated by {@link Identifiers} when given.
 *
 * @param <R> the roles a column can play
 */
final class MappedTable<R extends Enum<R> & MappedTable.Role> {
  /** A part a column plays, named as the configuring method is. */
  interface Role {
    String key();
  }

  private final String kind;
  private final String table;
  private final EnumMap<R, String> columns;
  private final String flagValue;

  MappedTable(String kind, Class<R> roles, String table) {
    this(kind, Identifiers.table(table, kind + " table"), new EnumMap<>(roles), null);
  }

  private MappedTable(String kind, String table, EnumMap<R, String> columns, String flagValue) {
    this.kind = kind;
    this.table = table;
    this.columns = columns;
    this.flagValue = flagValue;
  }

  MappedTable<R> with(R role, String column) {
    EnumMap<R, String> copy = new EnumMap<>(columns);
    copy.put(role, Identifiers.column(column, kind + " column for " + role.key()));
    return new MappedTable<>(kind, table, copy, flagValue);
  }

  /** Without a column for {@code role}. */
  MappedTable<R> without(R role) {
    EnumMap<R, String> copy = new EnumMap<>(columns);
    copy.remove(role);
    return new MappedTable<>(kind, table, copy, flagValue);
  }

  /** With {@code role}'s column read as a flag that is on when it equals {@code value}. */
  MappedTable<R> withFlag(R role, String column, String value) {
    if (value == null) {
      throw new IllegalArgumentException(kind + " value for " + role.key() + " must not be null");
    }
    MappedTable<R> withColumn = with(role, column);
    return new MappedTable<>(kind, table, withColumn.columns, value);
  }

  String table() {
    return table;
  }

  /** {@code UserTable}, {@code ItemTable} or {@code CompanyTable}: the type users configure. */
  String kind() {
    return kind;
  }

  /** Every configured column by its role, in the roles' order. */
  Map<R, String> columns() {
    return java.util.Collections.unmodifiableMap(columns);
  }

  Optional<String> column(R role) {
    return Optional.ofNullable(columns.get(role));
  }

  Optional<String> flagValue() {
    return Optional.ofNullable(flagValue);
  }

  /**
   * What is missing for this table to be usable, e.g. {@code UserTable 'app_users' needs: email}.
   */
  Optional<String> missing(List<R> required) {
    List<String> absent = new ArrayList<>();
    for (R role : required) {
      if (!columns.containsKey(role)) {
        absent.add(role.key());
      }
    }
    return absent.isEmpty()
        ? Optional.empty()
        : Optional.of(kind + " '" + table + "' needs a column for: " + String.join(", ", absent));
  }

  /** The name a role's column has in our SELECT, so that LMS names never clash with ours. */
  static String alias(Role role) {
    return "lh_" + ((Enum<?>) role).name().toLowerCase(Locale.ROOT);
  }

  /** {@code SELECT <column> AS lh_<role>, … FROM <table>}, for every configured role. */
  String select() {
    StringJoiner list = new StringJoiner(", ", "SELECT ", " FROM " + table);
    columns.forEach((role, column) -> list.add(column + " AS " + alias(role)));
    return list.toString();
  }

  /**
   * How each of {@code keys} compares with LearnHook's text ids, read from the table's result
   * metadata with a query that returns no row; it also proves that the table and every configured
   * column exist.
   */
  Map<R, KeyKind> keyKinds(Connection connection, Dialect dialect, List<R> keys)
      throws SQLException {
    Map<R, KeyKind> kinds = new EnumMap<>(keys.get(0).getDeclaringClass());
    try (PreparedStatement probe = connection.prepareStatement(select() + " WHERE 1 = 0");
        ResultSet empty = probe.executeQuery()) {
      ResultSetMetaData metaData = empty.getMetaData();
      for (int index = 1; index <= metaData.getColumnCount(); index++) {
        String label = metaData.getColumnLabel(index);
        for (R key : keys) {
          if (alias(key).equalsIgnoreCase(label)) {
            kinds.put(key, KeyKind.of(metaData, index, dialect));
          }
        }
      }
    }
    return kinds;
  }

  @Override
  public String toString() {
    return kind
        + " '"
        + table
        + "' "
        + columns
        + (flagValue == null ? "" : " on '" + flagValue + "'");
  }
}
