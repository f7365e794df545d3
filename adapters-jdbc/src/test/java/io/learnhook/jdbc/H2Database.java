package io.learnhook.jdbc;

import io.learnhook.spi.contract.DirectoryFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-memory H2 database for one test class, dropped after it. Each store it makes has its own
 * table prefix, so the tests of the class never see each other's rows (and prefixes get exercised
 * for free).
 */
final class H2Database implements BeforeAllCallback, AfterAllCallback {
  private final AtomicInteger stores = new AtomicInteger();
  private JdbcDataSource dataSource;

  @Override
  public void beforeAll(ExtensionContext context) {
    dataSource = new JdbcDataSource();
    dataSource.setURL(
        "jdbc:h2:mem:"
            + context.getRequiredTestClass().getSimpleName()
            + "_"
            + UUID.randomUUID().toString().replace("-", "")
            + ";DB_CLOSE_DELAY=-1");
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    }
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** A store with a fresh table prefix and its schema created. */
  JdbcStore newStore() {
    JdbcStore store =
        JdbcStore.builder(dataSource).tablePrefix("t" + stores.incrementAndGet() + "_").build();
    store.createSchema();
    return store;
  }

  static DirectoryFixture directoryOf(JdbcStore store) {
    JdbcDirectory directory = store.directory();
    return DirectoryFixture.of(directory::putCompany, directory::putUser, directory::putItem);
  }
}
