package io.learnhook.jdbc;

/** {@link MigrationsBehaviour} on in-memory H2 databases, one per layout. */
class H2MigrationsTest extends MigrationsBehaviour {
  @Override
  TestDatabase newDatabase() {
    return new H2Database();
  }
}
