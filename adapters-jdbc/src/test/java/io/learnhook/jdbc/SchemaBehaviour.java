package io.learnhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SigningSecret;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.spi.StorageException;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.Webhook.RateLimit;
import io.learnhook.webhook.Webhook.RateLimitSetting;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.io.InputStream;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How {@link JdbcStore#createSchema()} behaves on a backend; a subclass per database. */
abstract class SchemaBehaviour {
  private static final AtomicInteger PREFIXES = new AtomicInteger();

  abstract TestDatabase database();

  private JdbcStore store(String prefix) {
    return JdbcStore.builder(database().dataSource())
        .dialect(database().dialect())
        .tablePrefix(prefix)
        .build();
  }

  private static String freshPrefix() {
    return "s" + PREFIXES.incrementAndGet() + "_";
  }

  @Test
  void shipsItsDdlAtTheDocumentedPath() throws Exception {
    String name =
        switch (database().dialect()) {
          case H2 -> "h2";
          case POSTGRESQL -> "postgresql";
          case MYSQL -> "mysql";
        };
    String path = "io/learnhook/jdbc/schema/" + name + ".sql";

    assertThat(database().dialect().schemaResource()).isEqualTo(path);
    try (InputStream ddl = JdbcStore.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(ddl).isNotNull();
    }
  }

  @Test
  void createsTheSchemaFromFourNodesStartingAtOnce() throws Exception {
    String prefix = freshPrefix();
    ExecutorService nodes = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        JdbcStore node = store(prefix);
        done.add(
            nodes.submit(
                () -> {
                  start.await();
                  node.createSchema();
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      nodes.shutdownNow();
    }

    JdbcStore store = store(prefix);
    store.directory().putCompany(new Company(CompanyId.of("acme"), true));
    assertThat(store.companies().findById(CompanyId.of("acme"))).isPresent();
    assertThat(versions(prefix)).containsExactly(1);
  }

  @Test
  void recordsTheSchemaVersionOnceHoweverOftenItRuns() throws Exception {
    String prefix = freshPrefix();
    store(prefix).createSchema();
    store(prefix).createSchema();

    assertThat(versions(prefix)).containsExactly(Schema.CURRENT_VERSION);
  }

  @Test
  void refusesTablesMigratedByANewerLearnHook() throws Exception {
    String prefix = freshPrefix();
    store(prefix).createSchema();
    try (Connection connection = database().dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "INSERT INTO "
              + prefix
              + "schema_version (version, description, applied_at)"
              + " VALUES (2, 'from the future', CURRENT_TIMESTAMP)");
    }

    assertThatThrownBy(() -> store(prefix).createSchema())
        .isExactlyInstanceOf(StorageException.class)
        .hasMessage(
            "The LearnHook tables with prefix '"
                + prefix
                + "' are at schema version 2, newer than this learnhook-jdbc knows (1): they were"
                + " migrated by a newer LearnHook. Run that version, or point this one at other"
                + " tables.");
  }

  /**
   * Webhooks tables made before per-webhook rate limits get the columns from {@code
   * createSchema()}, MySQL/MariaDB included.
   */
  @Test
  void upgradesAWebhooksTableMadeBeforePerWebhookRateLimits() throws Exception {
    String prefix = freshPrefix();
    store(prefix).createSchema();
    store(prefix).directory().putCompany(new Company(CompanyId.of("acme"), true));
    Instant now = Instant.parse("2026-11-25T10:00:00Z");
    Webhook old =
        new Webhook(
            WebhookId.of("w-old"),
            CompanyId.of("acme"),
            "Old",
            WebhookKey.generate().hash(),
            FieldMapping.parse("{\"email\":\"user.email\"}"),
            Optional.empty(),
            now,
            now);
    store(prefix).webhooks().save(old);
    for (String column : List.of("rate_limit_per_second", "rate_limit_burst", "rate_limit_off")) {
      execute("ALTER TABLE " + prefix + "webhooks DROP COLUMN " + column);
    }

    store(prefix).createSchema();

    JdbcStore store = store(prefix);
    assertThat(store.webhooks().findById(old.id()).map(Webhook::rateLimit))
        .contains(Optional.empty());
    Optional<RateLimitSetting> limited =
        Optional.of(RateLimitSetting.of(RateLimit.perSecond(5, 20)));
    store.webhooks().save(old.withRateLimit(limited));
    assertThat(store.webhooks().findById(old.id()).map(Webhook::rateLimit)).contains(limited);
  }

  /**
   * Request logs made before body and reason, and tables without the retention indexes, get them
   * from {@code createSchema()}, MySQL/MariaDB included. Old entries read without body or reason;
   * new ones keep them.
   */
  @Test
  void upgradesARequestLogMadeBeforeBodyAndReason() throws Exception {
    String prefix = freshPrefix();
    store(prefix).createSchema();
    WebhookId webhook = WebhookId.of("w-old");
    Instant then = Instant.parse("2026-11-25T10:00:00Z");
    RequestLogEntry old =
        new RequestLogEntry(
            webhook,
            then,
            false,
            RequestLogEntry.Outcome.REJECTED,
            404,
            Optional.empty(),
            Optional.of("User not found"));
    store(prefix).requestLog().append(old);
    for (String column : List.of("body", "body_truncated", "reason")) {
      execute("ALTER TABLE " + prefix + "request_log DROP COLUMN " + column);
    }
    if (database().dialect() == Dialect.MYSQL) {
      execute(
          "ALTER TABLE "
              + prefix
              + "request_log DROP INDEX "
              + prefix
              + "request_log_received_idx");
      execute(
          "ALTER TABLE " + prefix + "deliveries DROP INDEX " + prefix + "deliveries_finished_idx");
    } else {
      execute("DROP INDEX " + prefix + "request_log_received_idx");
      execute("DROP INDEX " + prefix + "deliveries_finished_idx");
    }
    store(prefix).createSchema();

    JdbcStore store = store(prefix);
    RequestLogEntry now =
        new RequestLogEntry(
            webhook,
            then.plusSeconds(1),
            false,
            RequestLogEntry.Outcome.REJECTED,
            404,
            Optional.empty(),
            Optional.of("User not found"),
            Optional.of("{\"user\":{}}"),
            false,
            Optional.of("no user with email 'zoe@acme.test' (company 'acme')"));
    store.requestLog().append(now);
    assertThat(store.requestLog().latest(webhook, 10)).containsExactly(now, old);
    assertThat(store.requestLog().pruneOlderThan(then.plusSeconds(1), 500)).isEqualTo(1);
    assertThat(store.outbox().pruneFinished(then, then, 500)).isZero();
  }

  private void execute(String sql) throws Exception {
    try (Connection connection = database().dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private List<Integer> versions(String prefix) throws Exception {
    List<Integer> versions = new ArrayList<>();
    try (Connection connection = database().dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT version FROM " + prefix + "schema_version ORDER BY version")) {
      while (rows.next()) {
        versions.add(rows.getInt(1));
      }
    }
    return versions;
  }

  /**
   * Report subscription tables made before subscriptions were managed over HTTP get the four
   * columns from {@code createSchema()}, MySQL/MariaDB included.
   */
  @Test
  void upgradesASubscriptionsTableMadeBeforeTheAdminRoutes() throws Exception {
    String prefix = freshPrefix();
    store(prefix).createSchema();
    store(prefix).directory().putCompany(new Company(CompanyId.of("acme"), true));
    ReportSubscription old =
        ReportSubscription.of(
                SubscriptionId.of("s-old"),
                CompanyId.of("acme"),
                URI.create("https://hooks.example.com/lms"))
            .withSigningSecret(SigningSecret.generate());
    store(prefix).subscriptions().save(old);
    for (String column :
        List.of(
            "created_at", "disabled_reason", "previous_signing_secret", "previous_secret_until")) {
      execute("ALTER TABLE " + prefix + "report_subscriptions DROP COLUMN " + column);
    }

    store(prefix).createSchema();

    JdbcStore store = store(prefix);
    ReportSubscription found = store.subscriptions().findById(old.id()).orElseThrow();
    assertThat(found.signingSecret()).isEqualTo(old.signingSecret());
    assertThat(found.disabledReason()).isEmpty();
    assertThat(found.previousSecret()).isEmpty();
    ReportSubscription rotated =
        found
            .withRotatedSigningSecret(
                SigningSecret.generate(), Instant.parse("2026-11-25T10:00:00Z"), Duration.ofDays(1))
            .disabledBecause("answered 410 Gone at 2026-11-25T10:00:00Z");
    store.subscriptions().save(rotated);
    assertThat(store.subscriptions().findById(old.id())).contains(rotated);
  }
}
