package io.learnhook.jdbc;

/**
 * {@link MigrationsBehaviour} on schemas on the PostgreSQL server of LEARNHOOK_TEST_POSTGRES_URL,
 * one per layout.
 */
class PostgresMigrationsTest extends MigrationsBehaviour {
  @Override
  TestDatabase newDatabase() {
    return new PostgresDatabase();
  }
}
