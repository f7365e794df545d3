package io.learnhook.jdbc;

/**
 * {@link MigrationsBehaviour} on databases on the MariaDB server of LEARNHOOK_TEST_MARIADB_URL, one
 * per layout.
 */
class MariaDbMigrationsTest extends MigrationsBehaviour {
  @Override
  TestDatabase newDatabase() {
    return new MariaDbDatabase();
  }
}
