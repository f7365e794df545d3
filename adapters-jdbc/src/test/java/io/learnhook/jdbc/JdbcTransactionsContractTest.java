package io.learnhook.jdbc;

import io.learnhook.spi.contract.TransactionsContract;
import io.learnhook.spi.contract.DirectoryFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcTransactionsContractTest extends TransactionsContract<JdbcStore> {
  @RegisterExtension static final H2Database DATABASE = new H2Database();

  @Override
  protected JdbcStore newStore() {
    return DATABASE.newStore();
  }

  @Override
  protected DirectoryFixture directoryOf(JdbcStore store) {
    return H2Database.directoryOf(store);
  }
}
