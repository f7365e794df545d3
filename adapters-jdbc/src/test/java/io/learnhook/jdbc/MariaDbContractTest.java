package io.learnhook.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Every port's contract on MariaDB (the MYSQL dialect). */
class MariaDbContractTest extends JdbcContractSuite {
  @RegisterExtension static final MariaDbDatabase DATABASE = new MariaDbDatabase();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
