package io.learnhook.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Every port's contract on PostgreSQL. */
class PostgresContractTest extends JdbcContractSuite {
  @RegisterExtension static final PostgresDatabase DATABASE = new PostgresDatabase();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
