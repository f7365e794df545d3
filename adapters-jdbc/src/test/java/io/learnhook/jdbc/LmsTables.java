package io.learnhook.jdbc;

import io.learnhook.directory.User;
import io.learnhook.testkit.contract.DirectoryFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Tables shaped like an LMS's own (its names, a status column, a JSON profile, a tenant column),
 * created fresh for each store, and a {@link JdbcStore} that reads users, items and companies from
 * them. The fixture writes with plain SQL, as the LMS would.
 */
final class LmsTables {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private LmsTables() {}

  /** A store on fresh LMS tables in {@code database}. */
  static JdbcStore newStore(TestDatabase database) {
    String t = "lms" + COUNTER.incrementAndGet() + "_";
    Dialect dialect = database.dialect();
    String bool = "BOOLEAN";
    String text = dialect == Dialect.H2 ? "CLOB" : "TEXT";
    execute(
        database.dataSource(),
        "CREATE TABLE "
            + t
            + "tenants (tenant_id VARCHAR(255) NOT NULL,"
            + " learnhook_enabled "
            + bool
            + " NOT NULL, uses_external_ids "
            + bool
            + " NOT NULL,"
            + " PRIMARY KEY (tenant_id))",
        "CREATE TABLE "
            + t
            + "users (user_id VARCHAR(255) NOT NULL, tenant_id VARCHAR(255) NOT NULL,"
            + " email VARCHAR(320) NOT NULL, full_name VARCHAR(1000), status VARCHAR(20) NOT NULL,"
            + " external_id VARCHAR(255), profile "
            + text
            + ", PRIMARY KEY (tenant_id, user_id))",
        dialect == Dialect.POSTGRESQL
            ? "CREATE INDEX " + t + "users_email ON " + t + "users (tenant_id, lower(email))"
            : "CREATE INDEX " + t + "users_email ON " + t + "users (tenant_id, email)",
        "CREATE TABLE "
            + t
            + "content (content_id VARCHAR(255) NOT NULL,"
            + " tenant_id VARCHAR(255) NOT NULL, title VARCHAR(1000) NOT NULL,"
            + " kind VARCHAR(255) NOT NULL, slug VARCHAR(255), source_id VARCHAR(255),"
            + " source_type VARCHAR(255), external_completion "
            + bool
            + " NOT NULL,"
            + " PRIMARY KEY (tenant_id, content_id))",
        "CREATE INDEX " + t + "content_source ON " + t + "content (tenant_id, source_id)",
        "CREATE INDEX " + t + "content_slug ON " + t + "content (tenant_id, slug)");
    JdbcStore store =
        JdbcStore.builder(database.dataSource())
            .dialect(dialect)
            .tablePrefix(t + "lh_")
            .companyTable(
                CompanyTable.named(t + "tenants")
                    .id("tenant_id")
                    .integrationEnabled("learnhook_enabled")
                    .usesExternalUserIds("uses_external_ids"))
            .userTable(
                UserTable.named(t + "users")
                    .id("user_id")
                    .company("tenant_id")
                    .email("email")
                    .name("full_name")
                    .activeWhen("status", "active")
                    .externalUid("external_id")
                    .customFieldsJson("profile"))
            .itemTable(
                ItemTable.named(t + "content")
                    .id("content_id")
                    .company("tenant_id")
                    .title("title")
                    .type("kind")
                    .slug("slug")
                    .sourceId("source_id")
                    .sourceType("source_type")
                    .completionControlledExternally("external_completion"))
            .build();
    store.createSchema();
    return store;
  }

  /** Writes into the LMS tables of {@code store}, replacing rows with the same key. */
  static DirectoryFixture directoryOf(TestDatabase database, JdbcStore store) {
    String t = store.tablePrefix().substring(0, store.tablePrefix().length() - "lh_".length());
    DataSource ds = database.dataSource();
    return DirectoryFixture.of(
        company ->
            replace(
                ds,
                "DELETE FROM " + t + "tenants WHERE tenant_id = ?",
                new Object[] {company.id().value()},
                "INSERT INTO "
                    + t
                    + "tenants (tenant_id, learnhook_enabled, uses_external_ids)"
                    + " VALUES (?, ?, ?)",
                new Object[] {
                  company.id().value(), company.integrationEnabled(), company.usesExternalUserIds()
                }),
        user ->
            replace(
                ds,
                "DELETE FROM " + t + "users WHERE tenant_id = ? AND user_id = ?",
                new Object[] {user.company().value(), user.id().value()},
                "INSERT INTO "
                    + t
                    + "users (user_id, tenant_id, email, full_name, status,"
                    + " external_id, profile) VALUES (?, ?, ?, ?, ?, ?, ?)",
                new Object[] {
                  user.id().value(),
                  user.company().value(),
                  user.email(),
                  user.name(),
                  user.active() ? "active" : "suspended",
                  user.externalUid().orElse(null),
                  profile(user)
                }),
        item ->
            replace(
                ds,
                "DELETE FROM " + t + "content WHERE tenant_id = ? AND content_id = ?",
                new Object[] {item.company().value(), item.id().value()},
                "INSERT INTO "
                    + t
                    + "content (content_id, tenant_id, title, kind, slug, source_id,"
                    + " source_type, external_completion) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                new Object[] {
                  item.id().value(),
                  item.company().value(),
                  item.title(),
                  item.type().name(),
                  item.slug().orElse(null),
                  item.sourceId().orElse(null),
                  item.sourceType().orElse(null),
                  item.completionControlledExternally()
                }));
  }

  private static String profile(User user) {
    return CustomFields.toJson(user.customFields());
  }

  static void execute(DataSource dataSource, String... statements) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void replace(
      DataSource dataSource, String delete, Object[] key, String insert, Object[] values) {
    try (Connection connection = dataSource.getConnection()) {
      run(connection, delete, key);
      run(connection, insert, values);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void run(Connection connection, String sql, Object[] values) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      statement.executeUpdate();
    }
  }
}
