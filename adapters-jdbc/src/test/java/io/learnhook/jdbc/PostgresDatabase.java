package io.learnhook.jdbc;

/** A schema of its own on the PostgreSQL server named by {@code LEARNHOOK_TEST_POSTGRES_URL}. */
final class PostgresDatabase extends ServerDatabase {
  static final String VARIABLE = "LEARNHOOK_TEST_POSTGRES_URL";

  PostgresDatabase() {
    super(VARIABLE, "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
  }

  @Override
  Dialect dialect() {
    return Dialect.POSTGRESQL;
  }

  @Override
  String createSql(String name) {
    return "CREATE SCHEMA " + name;
  }

  /**
   * Each table on its own (auto-commit): {@code DROP SCHEMA … CASCADE} locks every table, index and
   * sequence of a class's hundreds of prefixes in one transaction, past {@code
   * max_locks_per_transaction} ("out of shared memory").
   */
  @Override
  void dropContents(java.sql.Statement statement, String name) throws java.sql.SQLException {
    java.util.List<String> tables = new java.util.ArrayList<>();
    try (java.sql.ResultSet rows =
        statement.executeQuery(
            "SELECT tablename FROM pg_tables WHERE schemaname = '"
                + name.toLowerCase(java.util.Locale.ROOT)
                + "'")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    for (String table : tables) {
      statement.execute("DROP TABLE IF EXISTS " + name + ".\"" + table + "\" CASCADE");
    }
  }

  @Override
  String dropSql(String name) {
    return "DROP SCHEMA IF EXISTS " + name + " CASCADE";
  }

  @Override
  String urlFor(String serverUrl, String name) {
    return withParameter(serverUrl, "currentSchema=" + name);
  }
}
