package io.learnhook.jdbc;

import io.learnhook.testkit.contract.CompanyRepositoryContract;
import io.learnhook.testkit.contract.DirectoryFixture;
import io.learnhook.testkit.contract.ItemCatalogContract;
import io.learnhook.testkit.contract.UserDirectoryContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Users, items and companies read from an LMS's own tables on MariaDB. */
class MariaDbLmsTablesTest extends LmsTablesBehaviour {
  @RegisterExtension static final MariaDbDatabase DATABASE = new MariaDbDatabase();

  @Override
  TestDatabase database() {
    return DATABASE;
  }

  @Override
  String explain(Connection connection, String lookupSql) throws Exception {
    // possible_keys lists the indexes that can serve the lookup, whatever the table's size.
    try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + lookupSql)) {
      return plan(explain);
    }
  }

  /** The port's contract on LMS-shaped tables. */
  @Nested
  class LmsCompanies extends CompanyRepositoryContract<JdbcStore> {
    @Override
    protected JdbcStore newStore() {
      return LmsTables.newStore(DATABASE);
    }

    @Override
    protected DirectoryFixture directoryOf(JdbcStore store) {
      return LmsTables.directoryOf(DATABASE, store);
    }
  }

  /** The port's contract on LMS-shaped tables. */
  @Nested
  class LmsUsers extends UserDirectoryContract<JdbcStore> {
    @Override
    protected JdbcStore newStore() {
      return LmsTables.newStore(DATABASE);
    }

    @Override
    protected DirectoryFixture directoryOf(JdbcStore store) {
      return LmsTables.directoryOf(DATABASE, store);
    }
  }

  /** The port's contract on LMS-shaped tables. */
  @Nested
  class LmsItems extends ItemCatalogContract<JdbcStore> {
    @Override
    protected JdbcStore newStore() {
      return LmsTables.newStore(DATABASE);
    }

    @Override
    protected DirectoryFixture directoryOf(JdbcStore store) {
      return LmsTables.directoryOf(DATABASE, store);
    }
  }
}
