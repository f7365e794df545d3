package io.learnhook.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Recording inside the LMS's own transaction, on Postgres. */
class PostgresJoinedTransactionTest extends JoinedTransactionBehaviour {
  @RegisterExtension static final PostgresDatabase DATABASE = new PostgresDatabase();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
