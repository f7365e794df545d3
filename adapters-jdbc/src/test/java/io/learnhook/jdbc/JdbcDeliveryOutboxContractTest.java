package io.learnhook.jdbc;

import io.learnhook.spi.contract.DeliveryOutboxContract;
import io.learnhook.spi.contract.DirectoryFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcDeliveryOutboxContractTest extends DeliveryOutboxContract<JdbcStore> {
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
