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
   * Drops the schema's tables one statement each: a contract run leaves thousands of tables and
   * indexes, and dropping the schema at once locks every one of them in one transaction, more than
   * the server's lock table holds ("out of shared memory") when other tests share the server.
   */
  @Override
  void dropContents(java.sql.Connection admin, String name) throws java.sql.SQLException {
    java.util.List<String> tables = new java.util.ArrayList<>();
    try (java.sql.PreparedStatement query =
        admin.prepareStatement("SELECT tablename FROM pg_tables WHERE schemaname = ?")) {
      query.setString(1, name.toLowerCase(java.util.Locale.ROOT));
      try (java.sql.ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
    }
    try (java.sql.Statement statement = admin.createStatement()) {
      for (String table : tables) {
        statement.execute("DROP TABLE IF EXISTS " + name + ".\"" + table + "\" CASCADE");
      }
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
