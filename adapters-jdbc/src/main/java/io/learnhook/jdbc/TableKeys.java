package io.learnhook.jdbc;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The key columns of an application's table and how each compares with LearnHook's text ids, learnt
 * from the table on first use (one query that returns no row) and kept: reading them at build time
 * would need the database up before the app starts.
 */
final class TableKeys<R extends Enum<R> & MappedTable.Role> {
  private final Database db;
  private final MappedTable<R> table;
  private final List<R> keys;
  private volatile Map<R, KeyKind> kinds;

  TableKeys(Database db, MappedTable<R> table, List<R> keys) {
    this.db = db;
    this.table = table;
    this.keys = List.copyOf(keys);
  }

  /** {@code value} as {@code role}'s column holds it; empty when no row can hold it. */
  Optional<Object> bindable(R role, String value) {
    return kinds().get(role).bindable(value);
  }

  private Map<R, KeyKind> kinds() {
    Map<R, KeyKind> known = kinds;
    if (known == null) {
      // Two threads may both read them at first; they read the same.
      known =
          db.withConnection(
              "reading the columns of " + table.table() + " as configured",
              connection -> table.keyKinds(connection, db.dialect(), keys));
      kinds = known;
    }
    return known;
  }
}
