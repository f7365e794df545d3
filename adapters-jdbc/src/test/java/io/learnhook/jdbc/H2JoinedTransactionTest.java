package io.learnhook.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Recording inside the LMS's own transaction, on H2. */
class H2JoinedTransactionTest extends JoinedTransactionBehaviour {
  @RegisterExtension static final H2Database DATABASE = new H2Database();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
