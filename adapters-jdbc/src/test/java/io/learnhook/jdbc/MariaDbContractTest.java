package io.learnhook.jdbc;

import io.learnhook.spi.contract.CompanyRepositoryContract;
import io.learnhook.spi.contract.CompletionRepositoryContract;
import io.learnhook.spi.contract.DirectoryFixture;
import io.learnhook.spi.contract.ItemCatalogContract;
import io.learnhook.spi.contract.RequestLogRepositoryContract;
import io.learnhook.spi.contract.UserDirectoryContract;
import io.learnhook.spi.contract.WebhookRepositoryContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every port's contract on MariaDB (the MYSQL dialect): one nested class per port, one database for all. */
class MariaDbContractTest {
  @RegisterExtension static final MariaDbDatabase DATABASE = new MariaDbDatabase();

  @Nested
  class Companies extends CompanyRepositoryContract<JdbcStore> {
    @Override
    protected JdbcStore newStore() {
      return DATABASE.newStore();
    }

    @Override
    protected DirectoryFixture directoryOf(JdbcStore store) {
      return TestDatabase.directoryOf(store);
    }
  }

  @Nested
  class Users extends UserDirectoryContract<JdbcStore> {
    @Override
    protected JdbcStore newStore() {
      return DATABASE.newStore();
    }

    @Override
    protected DirectoryFixture directoryOf(JdbcStore store) {
      return TestDatabase.directoryOf(store);
    }
  }

  @Nested
  class Items extends ItemCatalogContract<JdbcStore> {
    @Override
    protected JdbcStore newStore() {
      return DATABASE.newStore();
    }

    @Override
    protected DirectoryFixture directoryOf(JdbcStore store) {
      return TestDatabase.directoryOf(store);
    }
  }

  @Nested
  class Webhooks extends WebhookRepositoryContract<JdbcStore> {
    @Override
    protected JdbcStore newStore() {
      return DATABASE.newStore();
    }

    @Override
    protected DirectoryFixture directoryOf(JdbcStore store) {
      return TestDatabase.directoryOf(store);
    }
  }

  @Nested
  class Completions extends CompletionRepositoryContract<JdbcStore> {
    @Override
    protected JdbcStore newStore() {
      return DATABASE.newStore();
    }

    @Override
    protected DirectoryFixture directoryOf(JdbcStore store) {
      return TestDatabase.directoryOf(store);
    }
  }

  @Nested
  class RequestLog extends RequestLogRepositoryContract<JdbcStore> {
    @Override
    protected JdbcStore newStore() {
      return DATABASE.newStore();
    }

    @Override
    protected DirectoryFixture directoryOf(JdbcStore store) {
      return TestDatabase.directoryOf(store);
    }
  }
}
