package io.learnhook.http;

import io.learnhook.LearnHook;
import io.learnhook.directory.Company;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.jdbc.Dialect;
import io.learnhook.jdbc.JdbcStore;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/**
 * {@link Lms}'s acme and initech (integration off) on a fresh in-memory H2 database through the
 * JDBC adapter, so that a test can count the rows a request wrote in a real database.
 */
final class H2Lms implements AutoCloseable {
  final JdbcDataSource dataSource = new JdbcDataSource();
  final JdbcStore store;

  H2Lms() {
    dataSource.setURL("jdbc:h2:mem:lms-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    store = JdbcStore.builder(dataSource).dialect(Dialect.H2).build();
    store.createSchema();
    store.directory().putCompany(new Company(Lms.ACME, true));
    store.directory().putCompany(new Company(Lms.INITECH, false));
    store
        .directory()
        .putUser(
            new User(Lms.ANN, Lms.ACME, "ann@acme.test", "Ann", true, Optional.empty(), Map.of()));
    store
        .directory()
        .putItem(
            new Item(
                Lms.PHISHING,
                Lms.ACME,
                "Phishing 101",
                ItemType.WEB_LINK,
                Optional.of("phishing-101"),
                Optional.of("1000"),
                Optional.of("knowbe4"),
                true));
    store
        .directory()
        .putItem(
            new Item(
                Lms.INTRO,
                Lms.ACME,
                "Introduction",
                ItemType.COURSE,
                Optional.of("intro"),
                Optional.empty(),
                Optional.empty(),
                false));
    store.webhooks().save(webhook(Lms.ACME_WEBHOOK, Lms.ACME, Lms.ACME_KEY));
    store.webhooks().save(webhook(Lms.INITECH_WEBHOOK, Lms.INITECH, Lms.INITECH_KEY));
  }

  LearnHook.Builder learnHook() {
    return LearnHook.builder().store(store);
  }

  /** Rows in the completions table. */
  int completionRows() {
    return count("completions");
  }

  /** Rows in the delivery outbox. */
  int deliveryRows() {
    return count("deliveries");
  }

  private int count(String table) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT COUNT(*) FROM " + store.tablePrefix() + table)) {
      rows.next();
      return rows.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Webhook webhook(
      WebhookId id, io.learnhook.directory.CompanyId company, String key) {
    Instant created = Instant.parse("2026-01-01T00:00:00Z");
    return new Webhook(
        id,
        company,
        "KnowBe4",
        WebhookKey.of(key).hash(),
        FieldMapping.parse(Lms.KNOWBE4_MAPPING),
        Optional.of("knowbe4"),
        created,
        created);
  }
}
