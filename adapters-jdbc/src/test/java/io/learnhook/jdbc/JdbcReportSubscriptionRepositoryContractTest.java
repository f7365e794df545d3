package io.learnhook.jdbc;

import io.learnhook.spi.contract.ReportSubscriptionRepositoryContract;
import io.learnhook.spi.contract.DirectoryFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcReportSubscriptionRepositoryContractTest extends ReportSubscriptionRepositoryContract<JdbcStore> {
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
