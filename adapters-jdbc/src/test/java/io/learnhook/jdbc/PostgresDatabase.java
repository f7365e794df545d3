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

  @Override
  String dropSql(String name) {
    return "DROP SCHEMA IF EXISTS " + name + " CASCADE";
  }

  /**
   * Drops the schema's tables a few at a time: a schema of every contract test's tables is more
   * than one DROP SCHEMA … CASCADE can lock with the server's default max_locks_per_transaction.
   */
  @Override
  void emptyBeforeDrop(java.sql.Statement statement, String name) throws java.sql.SQLException {
    java.util.List<String> tables = new java.util.ArrayList<>();
    try (java.sql.ResultSet rows =
        statement.executeQuery(
            "SELECT tablename FROM pg_tables WHERE schemaname = '"
                + name.toLowerCase(java.util.Locale.ROOT)
                + "'")) {
      while (rows.next()) {
        tables.add(name + ".\"" + rows.getString(1) + "\"");
      }
    }
    for (int from = 0; from < tables.size(); from += 20) {
      statement.execute(
          "DROP TABLE IF EXISTS "
              + String.join(", ", tables.subList(from, Math.min(tables.size(), from + 20)))
              + " CASCADE");
    }
  }

  @Override
  String urlFor(String serverUrl, String name) {
    return withParameter(serverUrl, "currentSchema=" + name);
  }
}
