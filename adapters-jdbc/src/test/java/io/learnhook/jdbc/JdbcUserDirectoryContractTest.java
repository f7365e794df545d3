package io.learnhook.jdbc;

import io.learnhook.spi.contract.DirectoryFixture;
import io.learnhook.spi.contract.UserDirectoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcUserDirectoryContractTest extends UserDirectoryContract<JdbcStore> {
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
