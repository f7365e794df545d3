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

  @Override
  String urlFor(String serverUrl, String name) {
    return withParameter(serverUrl, "currentSchema=" + name);
  }
}
