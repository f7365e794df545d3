package io.learnhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.LearnHook;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.User;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LearnHook reading users and items from tables shaped like a real LMS's: integer ids, a tenant
 * column, an {@code is_active} flag, a JSON profile, its own column names, LearnHook's tables
 * beside them in the same schema. A subclass per backend, which also runs the port contracts on
 * such tables.
 */
abstract class LmsTablesBehaviour {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final WebhookKey KEY = WebhookKey.of("0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0");

  private String t;
  private JdbcStore store;
  private LearnHook learnHook;

  abstract TestDatabase database();

  @BeforeEach
  void createTheLmsTables() {
    t = "app" + COUNTER.incrementAndGet() + "_";
    Dialect dialect = database().dialect();
    String json =
        switch (dialect) {
          case POSTGRESQL -> "JSONB";
          case MYSQL -> "JSON";
          case H2 -> "CLOB";
        };
    LmsTables.execute(
        database().dataSource(),
        "CREATE TABLE "
            + t
            + "users (id BIGINT NOT NULL PRIMARY KEY, tenant_id BIGINT NOT NULL,"
            + " email VARCHAR(255) NOT NULL, full_name VARCHAR(255), is_active BOOLEAN NOT NULL,"
            + " external_id VARCHAR(64), profile "
            + json
            + ")",
        dialect == Dialect.POSTGRESQL
            ? "CREATE INDEX " + t + "users_email ON " + t + "users (tenant_id, lower(email))"
            : "CREATE INDEX " + t + "users_email ON " + t + "users (tenant_id, email)",
        "CREATE TABLE "
            + t
            + "items (id BIGINT NOT NULL PRIMARY KEY, tenant_id BIGINT NOT NULL,"
            + " title VARCHAR(255) NOT NULL, item_type VARCHAR(32) NOT NULL, slug VARCHAR(255),"
            + " source_id VARCHAR(255), source_type VARCHAR(64),"
            + " completion_controlled_externally BOOLEAN NOT NULL)",
        "CREATE INDEX " + t + "items_source ON " + t + "items (tenant_id, source_id)",
        "INSERT INTO "
            + t
            + "users VALUES (1001, 7, 'Ann.Smith@Acme.test', 'Ann Smith', TRUE,"
            + " 'E-1', '{\"Team\":\"Blue\",\"Badge\":42}')",
        "INSERT INTO " + t + "users VALUES (1002, 7, 'gone@acme.test', 'Gone', FALSE, NULL, NULL)",
        "INSERT INTO "
            + t
            + "users VALUES (2001, 8, 'ann.smith@acme.test', 'Other tenant', TRUE,"
            + " NULL, NULL)",
        "INSERT INTO "
            + t
            + "items VALUES (42, 7, 'Phishing 101', 'web_link', 'phishing-101',"
            + " '1000', 'knowbe4', TRUE)",
        "INSERT INTO "
            + t
            + "items VALUES (43, 7, 'Quarterly quiz', 'quiz', NULL, NULL, NULL,"
            + " FALSE)");
    store =
        JdbcStore.builder(database().dataSource())
            .dialect(dialect)
            .tablePrefix(t + "lh_")
            .allCompaniesEnabled()
            .userTable(
                UserTable.named(t + "users")
                    .id("id")
                    .company("tenant_id")
                    .email("email")
                    .name("full_name")
                    .active("is_active")
                    .externalUid("external_id")
                    .customFieldsJson("profile"))
            .itemTable(
                ItemTable.named(t + "items")
                    .id("id")
                    .company("tenant_id")
                    .title("title")
                    .type("item_type")
                    .slug("slug")
                    .sourceId("source_id")
                    .sourceType("source_type")
                    .completionControlledExternally("completion_controlled_externally"))
            .build();
    store.createSchema();
    Instant now = Instant.parse("2026-11-25T10:00:00Z");
    store
        .webhooks()
        .save(
            new Webhook(
                WebhookId.of("w1"),
                CompanyId.of("7"),
                "Content library",
                KEY.hash(),
                FieldMapping.parse("{\"email\":\"user.email\",\"item_id\":\"course.id\"}"),
                Optional.empty(),
                now,
                now));
    learnHook = LearnHook.builder().store(store).build();
  }

  private Ingested post(String body) {
    return Ingested.post(learnHook, KEY, body);
  }

  @Test
  void recordsACompletionForAUserAndAnItemOfTheLmsOwnTables() throws Exception {
    Ingested answer = post("{\"user\":{\"email\":\"ANN.SMITH@acme.TEST\"},\"course\":{\"id\":42}}");

    assertThat(answer.kind()).as(answer.toString()).isEqualTo("RECORDED");
    assertThat(answer.userId()).isEqualTo("1001");
    assertThat(answer.itemId()).isEqualTo("42");
  }

  @Test
  void findsTheLmsUserWithItsNameFlagExternalIdAndProfile() {
    List<User> found = store.users().findByEmail(CompanyId.of("7"), "ann.smith@acme.test");

    assertThat(found).hasSize(1);
    User ann = found.get(0);
    assertThat(ann.id().value()).isEqualTo("1001");
    assertThat(ann.name()).isEqualTo("Ann Smith");
    assertThat(ann.active()).isTrue();
    assertThat(ann.externalUid()).contains("E-1");
    assertThat(ann.customFields()).contains(entry("Team", "Blue"), entry("Badge", "42"));
  }

  @Test
  void answersUserNotFoundForAnInactiveLmsUser() {
    Ingested answer = post("{\"user\":{\"email\":\"gone@acme.test\"},\"course\":{\"id\":\"42\"}}");

    assertThat(answer.kind()).isEqualTo("USER_NOT_FOUND");
    assertThat(answer.error()).contains("User not found");
  }

  @Test
  void answersItemNotFoundForIdsAnIntegerColumnCannotHold() {
    for (String id : new String[] {"abc", "042", "42 ", "4.2", "99999999999999999999", "'; --"}) {
      Ingested answer =
          post(
              "{\"user\":{\"email\":\"ann.smith@acme.test\"},\"course\":{\"id\":"
                  + JSON.valueToTree(id)
                  + "}}");

      assertThat(answer.kind()).as(id + ": " + answer).isEqualTo("ITEM_NOT_FOUND");
    }
  }

  @Test
  void refusesAnItemTheLmsDoesNotLetWebhooksComplete() {
    Ingested answer = post("{\"user\":{\"email\":\"ann.smith@acme.test\"},\"course\":{\"id\":43}}");

    assertThat(answer.kind()).isEqualTo("NOT_EXTERNALLY_CONTROLLED");
  }

  @Test
  void neverFindsAnotherTenantsUsersOrItems() {
    assertThat(store.users().findByEmail(CompanyId.of("8"), "ann.smith@acme.test"))
        .extracting(u -> u.id().value())
        .containsExactly("2001");
    assertThat(store.items().findById(CompanyId.of("8"), ItemId.of("42"))).isEmpty();
    assertThat(store.users().findByEmail(CompanyId.of("acme"), "ann.smith@acme.test")).isEmpty();
  }

  @Test
  void findsItemsBySourceIdInTheLmsTable() {
    assertThat(store.items().findBySourceId(CompanyId.of("7"), "1000"))
        .extracting(i -> i.id().value())
        .containsExactly("42");
    assertThat(store.items().findBySlug(CompanyId.of("7"), "phishing-101")).isPresent();
    assertThat(store.items().findBySlug(CompanyId.of("7"), "Phishing-101")).isEmpty();
  }

  /** Whether the database would serve the email lookup from the index the docs recommend. */
  @Test
  void looksUpEmailsWithAnIndex() throws Exception {
    String sql = ((ExternalUserDirectory) store.users()).findByEmailSql();
    try (Connection connection = database().dataSource().getConnection()) {
      String plan = explain(connection, sql);

      assertThat(plan).as(plan).containsIgnoringCase(t + "users_email");
    }
  }

  /** The database's plan for the lookup, as text. */
  abstract String explain(Connection connection, String lookupSql) throws Exception;

  static String plan(PreparedStatement explain) throws Exception {
    explain.setLong(1, 7);
    explain.setString(2, "ann.smith@acme.test");
    StringBuilder plan = new StringBuilder();
    try (ResultSet rows = explain.executeQuery()) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        for (int i = 1; i <= columns; i++) {
          plan.append(rows.getString(i)).append(' ');
        }
        plan.append('\n');
      }
    }
    return plan.toString();
  }
}
