package io.learnhook.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.learnhook.testkit.contract.DirectoryFixture;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database of one backend for one test class, created before it and dropped after it. Each store
 * it makes has its own table prefix, so the tests of a class never see each other's rows (and
 * prefixes get exercised for free).
 *
 * <p>Registered on an outer class, it also sees the callbacks of its {@code @Nested} classes; it
 * starts on the first and stops on the last.
 */
abstract class TestDatabase implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  private final AtomicInteger stores = new AtomicInteger();
  private int depth;
  private String unavailable;

  @Override
  public final void beforeAll(ExtensionContext context) throws Exception {
    if (depth++ == 0) {
      start(uniqueName(context.getRequiredTestClass()));
    }
  }

  @Override
  public final void afterAll(ExtensionContext context) throws Exception {
    if (--depth == 0) {
      stop();
    }
  }

  /**
   * Each test is skipped, saying how to enable it, when the backend is not configured: per test
   * rather than per class, since Surefire reports a class aborted in its set-up as zero tests.
   */
  @Override
  public final void beforeEach(ExtensionContext context) {
    Assumptions.assumeTrue(unavailable == null, unavailable);
  }

  /** Marks the backend as not configured; its tests are skipped with {@code reason}. */
  final void unavailable(String reason) {
    this.unavailable = reason;
  }

  /**
   * Creates the database (or schema) named {@code name}, or calls {@link #unavailable} when the
   * backend is not configured.
   */
  abstract void start(String name) throws Exception;

  /** Drops what {@link #start} created; called even when start failed or was aborted. */
  abstract void stop() throws Exception;

  /** A pooled DataSource on the test's database, shared by the class. */
  abstract DataSource dataSource();

  abstract Dialect dialect();

  /** The JDBC URL of the test's database, for pools the test configures itself. */
  abstract String jdbcUrl();

  /** A new pool on the test's database, e.g. a second app node; the caller closes it. */
  HikariDataSource newPool(String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl());
    config.setPoolName(name);
    config.setMaximumPoolSize(size);
    config.setConnectionTimeout(10_000);
    return new HikariDataSource(config);
  }

  /** A store with a fresh table prefix and its schema created. */
  JdbcStore newStore() {
    JdbcStore store =
        JdbcStore.builder(dataSource())
            .dialect(dialect())
            .tablePrefix("t" + stores.incrementAndGet() + "_")
            .build();
    store.createSchema();
    return store;
  }

  static DirectoryFixture directoryOf(JdbcStore store) {
    JdbcDirectory directory = store.directory();
    return DirectoryFixture.of(directory::putCompany, directory::putUser, directory::putItem);
  }

  private static String uniqueName(Class<?> testClass) {
    String simple = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    String random = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    return "lh_" + simple.substring(0, Math.min(simple.length(), 30)) + "_" + random;
  }
}
