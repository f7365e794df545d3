package io.learnhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SigningSecret;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Flyway scripts ({@code db/migration/learnhook/<dialect>}) and the Liquibase changelog ({@code
 * db/changelog/learnhook/db.changelog-master.yaml}) shipped in learnhook-jdbc make the tables
 * {@link JdbcStore#createSchema()} makes, and tables of the previous release are brought to that
 * layout by Flyway (baselined at 1), by Liquibase and by createSchema(), rows kept. Each layout
 * goes into a database (schema) of its own, compared through {@link java.sql.DatabaseMetaData}; a
 * subclass per backend.
 */
abstract class MigrationsBehaviour {
  /** Not the default, so that the placeholder is seen to be filled in. */
  private static final String PREFIX = "mig_";

  private static final String CHANGELOG = "db/changelog/learnhook/db.changelog-master.yaml";

  /** Liquibase logs every step at INFO through java.util.logging; the build's output needs none. */
  private static final java.util.logging.Logger LIQUIBASE_LOG =
      java.util.logging.Logger.getLogger("liquibase");

  static {
    LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private final List<TestDatabase> started = new ArrayList<>();

  /** A new, not yet started database of the backend under test. */
  abstract TestDatabase newDatabase();

  @AfterEach
  void dropDatabases() throws Exception {
    for (TestDatabase database : started) {
      database.stop();
    }
    started.clear();
  }

  @Test
  void flywayLiquibaseAndCreateSchemaMakeTheSameTables() throws Exception {
    TestDatabase byCreateSchema = start("cs");
    TestDatabase byFlyway = start("fw");
    TestDatabase byLiquibase = start("lb");

    store(byCreateSchema).createSchema();
    flyway(byFlyway).load().migrate();
    liquibase(byLiquibase);

    SchemaLayout expected = SchemaLayout.of(byCreateSchema.dataSource(), PREFIX);
    assertThat(expected.lines()).containsKey("column report_subscriptions.previous_secret_until");
    assertSameLayout(expected, byFlyway, "Flyway");
    assertSameLayout(expected, byLiquibase, "Liquibase");
  }

  @Test
  void flywayVersionOneIsTheLayoutOfThePreviousRelease() throws Exception {
    TestDatabase oldRelease = start("old");
    TestDatabase flywayV1 = start("v1");
    createPreviousReleaseLayout(oldRelease);
    flyway(flywayV1).target("1").load().migrate();

    assertSameLayout(SchemaLayout.of(oldRelease.dataSource(), PREFIX), flywayV1, "Flyway at V1");
  }

  @Test
  void flywayBaselinedAtOneUpgradesThePreviousReleasesTablesKeepingTheirRows() throws Exception {
    TestDatabase reference = start("cs");
    TestDatabase old = start("old");
    store(reference).createSchema();
    Rows rows = createPreviousReleaseLayoutWithRows(old);

    flyway(old).baselineOnMigrate(true).baselineVersion("1").load().migrate();

    assertSameLayout(SchemaLayout.of(reference.dataSource(), PREFIX), old, "Flyway upgrade");
    rows.assertKeptIn(store(old));
  }

  @Test
  void liquibaseUpgradesThePreviousReleasesTablesKeepingTheirRows() throws Exception {
    TestDatabase reference = start("cs");
    TestDatabase old = start("old");
    store(reference).createSchema();
    Rows rows = createPreviousReleaseLayoutWithRows(old);

    liquibase(old);

    assertSameLayout(SchemaLayout.of(reference.dataSource(), PREFIX), old, "Liquibase upgrade");
    rows.assertKeptIn(store(old));
  }

  @Test
  void createSchemaUpgradesThePreviousReleasesTablesKeepingTheirRows() throws Exception {
    TestDatabase reference = start("cs");
    TestDatabase old = start("old");
    store(reference).createSchema();
    Rows rows = createPreviousReleaseLayoutWithRows(old);

    store(old).createSchema();
    store(old).createSchema(); // and again: nothing left to add

    assertSameLayout(SchemaLayout.of(reference.dataSource(), PREFIX), old, "createSchema upgrade");
    rows.assertKeptIn(store(old));
  }

  @Test
  void liquibaseAdoptsTablesThisReleasesCreateSchemaMadeWithoutChangingThem() throws Exception {
    TestDatabase current = start("cs");
    store(current).createSchema();
    SchemaLayout before = SchemaLayout.of(current.dataSource(), PREFIX);

    liquibase(current);

    assertSameLayout(before, current, "Liquibase on createSchema's tables");
    store(current).createSchema();
  }

  @Test
  void flywayBaselinedAtFourFindsThisReleasesTablesCurrent() throws Exception {
    TestDatabase current = start("cs");
    store(current).createSchema();

    assertThat(
            flyway(current)
                .baselineOnMigrate(true)
                .baselineVersion("4")
                .load()
                .migrate()
                .migrationsExecuted)
        .isZero();
    assertThat(flyway(current).load().info().current().getVersion().getVersion()).isEqualTo("4");
  }

  @Test
  void createSchemaAcceptsTablesFlywayMadeAndFlywayFindsNothingToDoAfterIt() throws Exception {
    TestDatabase byFlyway = start("fw");
    flyway(byFlyway).load().migrate();
    SchemaLayout before = SchemaLayout.of(byFlyway.dataSource(), PREFIX);

    store(byFlyway).createSchema();

    assertSameLayout(before, byFlyway, "createSchema after Flyway");
    assertThat(flyway(byFlyway).load().migrate().migrationsExecuted).isZero();
  }

  private void assertSameLayout(SchemaLayout expected, TestDatabase database, String how)
      throws Exception {
    SchemaLayout actual = SchemaLayout.of(database.dataSource(), PREFIX);
    assertThat(expected.diff(actual, "expected", how))
        .as("tables made by %s differ from the expected ones", how)
        .isEmpty();
    assertThat(actual.lines()).hasSizeGreaterThan(50);
  }

  private TestDatabase start(String role) throws Exception {
    TestDatabase database = newDatabase();
    started.add(database);
    String random = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    database.start("lh_mig_" + random + "_" + role);
    database.beforeEach(null); // skipped when the backend is not configured
    return database;
  }

  private static JdbcStore store(TestDatabase database) {
    return JdbcStore.builder(database.dataSource())
        .dialect(database.dialect())
        .tablePrefix(PREFIX)
        .build();
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(
      TestDatabase database) {
    return Flyway.configure()
        .dataSource(database.dataSource())
        .locations("classpath:db/migration/learnhook/" + dialectFolder(database.dialect()))
        .placeholders(Map.of("prefix", PREFIX));
  }

  /** Runs the changelog's update, its console output sent to its logger instead of stdout. */
  @SuppressWarnings("deprecation") // Liquibase's documented Java entry point in 4.x
  private static void liquibase(TestDatabase database) throws Exception {
    Scope.child(
        Map.of(
            Scope.Attr.ui.name(),
            new LoggerUIService(),
            "liquibase.command.showSummaryOutput",
            "LOG"),
        () -> {
          try (Connection connection = database.dataSource().getConnection()) {
            Database target =
                DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            try (Liquibase liquibase =
                new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), target)) {
              liquibase.setChangeLogParameter("prefix", PREFIX);
              liquibase.update(new Contexts(), new LabelExpression());
            }
          }
        });
  }

  private static String dialectFolder(Dialect dialect) {
    return dialect.name().toLowerCase(Locale.ROOT);
  }

  /** Runs the DDL createSchema() ran in the previous release (kept under test resources). */
  private static void createPreviousReleaseLayout(TestDatabase database) throws Exception {
    String resource =
        "io/learnhook/jdbc/release-2d88f73/" + dialectFolder(database.dialect()) + ".sql";
    String script;
    try (InputStream in =
        MigrationsBehaviour.class.getClassLoader().getResourceAsStream(resource)) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection connection = database.dataSource().getConnection()) {
      for (String ddl : Schema.statements(Schema.withPrefix(script, PREFIX))) {
        Dialect.execute(connection, ddl);
      }
    }
  }

  /**
   * The previous release's tables with a company, a webhook, a subscription and a request-log entry
   * in them: written by today's store where the table is unchanged since, by SQL where it changed.
   */
  private static Rows createPreviousReleaseLayoutWithRows(TestDatabase database) throws Exception {
    createPreviousReleaseLayout(database);
    JdbcStore store = store(database);
    store.directory().putCompany(new Company(CompanyId.of("acme"), true));
    Instant then = Instant.parse("2026-11-25T10:00:00Z");
    Webhook webhook =
        new Webhook(
            WebhookId.of("w-old"),
            CompanyId.of("acme"),
            "Old",
            WebhookKey.generate().hash(),
            FieldMapping.parse("{\"email\":\"user.email\"}"),
            Optional.empty(),
            then,
            then);
    store.webhooks().save(webhook);
    ReportSubscription subscription =
        ReportSubscription.of(
                SubscriptionId.of("s-old"),
                CompanyId.of("acme"),
                URI.create("https://hooks.example.com/lms"))
            .withSigningSecret(SigningSecret.generate());
    try (Connection connection = database.dataSource().getConnection()) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO "
                  + PREFIX
                  + "report_subscriptions (id, company_id, callback_url, authorization_value,"
                  + " enabled, retry_policy, signing_secret, allow_private_network)"
                  + " VALUES (?, ?, ?, NULL, ?, ?, ?, ?)")) {
        insert.setString(1, subscription.id().value());
        insert.setString(2, subscription.company().value());
        insert.setString(3, subscription.callbackUrl().toString());
        insert.setBoolean(4, subscription.enabled());
        insert.setString(5, subscription.retryPolicy().toJson());
        insert.setString(6, subscription.signingSecret().orElseThrow().reveal());
        insert.setBoolean(7, subscription.allowPrivateNetwork());
        insert.executeUpdate();
      }
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate(
            "INSERT INTO "
                + PREFIX
                + "request_log (webhook_id, received_at, dry_run, outcome, status, mapped_fields,"
                + " error) VALUES ('w-old', "
                + (database.dialect() == Dialect.MYSQL
                    ? "'2026-11-25 10:00:00'"
                    : "TIMESTAMP '2026-11-25 10:00:00+00:00'")
                + ", FALSE, 'REJECTED', 404, NULL, 'User not found')");
      }
    }
    return new Rows(webhook, subscription);
  }

  /** What {@link #createPreviousReleaseLayoutWithRows} wrote, to be found after an upgrade. */
  private record Rows(Webhook webhook, ReportSubscription subscription) {
    void assertKeptIn(JdbcStore store) throws Exception {
      assertThat(store.companies().findById(CompanyId.of("acme"))).isPresent();
      assertThat(store.webhooks().findById(webhook.id())).contains(webhook);
      ReportSubscription found = store.subscriptions().findById(subscription.id()).orElseThrow();
      assertThat(found.callbackUrl()).isEqualTo(subscription.callbackUrl());
      assertThat(found.signingSecret().map(SigningSecret::reveal))
          .isEqualTo(subscription.signingSecret().map(SigningSecret::reveal));
      assertThat(found.disabledReason()).isEmpty();
      assertThat(found.previousSecret()).isEmpty();
      assertThat(store.requestLog().latest(webhook.id(), 10))
          .singleElement()
          .satisfies(
              entry -> {
                assertThat(entry.status()).isEqualTo(404);
                assertThat(entry.error()).contains("User not found");
              });
    }
  }
}
