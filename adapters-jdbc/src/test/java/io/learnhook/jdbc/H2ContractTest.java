package io.learnhook.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Every port's contract on H2. */
class H2ContractTest extends JdbcContractSuite {
  @RegisterExtension static final H2Database DATABASE = new H2Database();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
