package io.learnhook.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Recording inside the LMS's own transaction, on MariaDb. */
class MariaDbJoinedTransactionTest extends JoinedTransactionBehaviour {
  @RegisterExtension static final MariaDbDatabase DATABASE = new MariaDbDatabase();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
