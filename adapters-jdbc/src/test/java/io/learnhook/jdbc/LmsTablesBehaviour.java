package io.learnhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.LearnHook;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.spi.CompanyRepository;
import io.learnhook.spi.ItemCatalog;
import io.learnhook.spi.UserDirectory;
import io.learnhook.testkit.contract.CompanyRepositoryContract;
import io.learnhook.testkit.contract.DirectoryFixture;
import io.learnhook.testkit.contract.ItemCatalogContract;
import io.learnhook.testkit.contract.UserDirectoryContract;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * LearnHook reading users and items from tables shaped like a real LMS's: integer ids, a tenant
 * column, an {@code is_active} flag, a JSON profile, its own column names, LearnHook's tables
 * beside them in the same schema. A subclass per backend. The nested classes run the port contracts
 * of the directory ports on such tables, each test on tables of its own.
 */
abstract class LmsTablesBehaviour {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final WebhookKey KEY = WebhookKey.of("0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0");

  private String t;
  private JdbcStore store;
  private LearnHook learnHook;

  /** The contracts' store on LMS tables of their own, made on first use in each test. */
  private JdbcStore lmsStore;

  /** Writes into {@link #lmsStore}'s LMS tables, as the LMS would. */
  private DirectoryFixture lmsTables;

  abstract TestDatabase database();

  /**
   * Made lazily rather than in a {@code @BeforeEach}: the kits seed in their own {@code
   * BeforeEach}, which runs before a nested subclass's, but after the database extension has
   * skipped the test on a backend that is not configured.
   */
  private JdbcStore lmsStore() {
    if (lmsStore == null) {
      lmsStore = LmsTables.newStore(database());
      lmsTables = LmsTables.directoryOf(database(), lmsStore);
    }
    return lmsStore;
  }

  private DirectoryFixture lmsTables() {
    lmsStore();
    return lmsTables;
  }

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
            .itemTable(items())
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

  /** The item table as the set-up maps it. */
  private ItemTable items() {
    return ItemTable.named(t + "items")
        .id("id")
        .company("tenant_id")
        .title("title")
        .type("item_type")
        .slug("slug")
        .sourceId("source_id")
        .sourceType("source_type")
        .completionControlledExternally("completion_controlled_externally");
  }

  /** A store builder on the set-up's tables and LearnHook tables (and so its webhook). */
  private JdbcStore.Builder storeOnTheSameTables() {
    return JdbcStore.builder(database().dataSource())
        .dialect(database().dialect())
        .tablePrefix(t + "lh_")
        .allCompaniesEnabled();
  }

  /** Column names as the database reports them: H2 folds unquoted names to upper case. */
  private String asReported(String columns) {
    return database().dialect() == Dialect.H2 ? columns.toUpperCase(Locale.ROOT) : columns;
  }

  private Ingested post(String body) {
    return post(learnHook, body);
  }

  private static Ingested post(LearnHook learnHook, String body) {
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

  @Test
  void refusesAMisspeltColumnWhenCreatingTheSchemaNamingTheTableTheColumnAndTheColumnsItHas() {
    JdbcStore misspelt =
        JdbcStore.builder(database().dataSource())
            .dialect(database().dialect())
            .tablePrefix(t + "lh2_")
            .allCompaniesEnabled()
            .userTable(UserTable.named(t + "users").id("id").company("tenant_id").email("emial"))
            .build();

    assertThatThrownBy(misspelt::createSchema)
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage(
            "UserTable '"
                + t
                + "users' has no column 'emial' (for email); its columns are: "
                + asReported("id, tenant_id, email, full_name, is_active, external_id, profile"));
    assertThatThrownBy(
            () -> LmsTables.execute(database().dataSource(), "SELECT 1 FROM " + t + "lh2_webhooks"))
        .as("nothing created")
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void namesEveryMissingTableAndColumnOfEveryLmsTableInOneMessage() {
    JdbcStore wrong =
        storeOnTheSameTables()
            .companyTable(CompanyTable.named(t + "tenants").id("id"))
            .userTable(
                UserTable.named(t + "users")
                    .id("id")
                    .company("tenant")
                    .email("email")
                    .name("fullname"))
            .itemTable(items().sourceId("source_idd"))
            .build();

    assertThatThrownBy(wrong::validateLmsTables)
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage(
            "CompanyTable '"
                + t
                + "tenants' does not exist: no table or view of that name is visible to this"
                + " connection (check the name, its schema and the schema search path). UserTable '"
                + t
                + "users' has no column 'tenant' (for company), no column 'fullname' (for name);"
                + " its columns are: "
                + asReported("id, tenant_id, email, full_name, is_active, external_id, profile")
                + ". ItemTable '"
                + t
                + "items' has no column 'source_idd' (for sourceId); its columns are: "
                + asReported(
                    "id, tenant_id, title, item_type, slug, source_id, source_type,"
                        + " completion_controlled_externally"));
  }

  @Test
  void refusesATableOfASchemaThatDoesNotExist() {
    JdbcStore wrong =
        storeOnTheSameTables()
            .userTable(
                UserTable.named("no_such_schema." + t + "users")
                    .id("id")
                    .company("tenant_id")
                    .email("email"))
            .build();

    assertThatThrownBy(wrong::validateLmsTables)
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "UserTable 'no_such_schema." + t + "users' does not exist: no table or view");
  }

  @Test
  void acceptsColumnNamesInAnyCaseTheDatabaseFoldsUnquotedNamesTo() {
    JdbcStore upper =
        storeOnTheSameTables()
            .userTable(UserTable.named(t + "users").id("ID").company("Tenant_Id").email("EMAIL"))
            .build();

    upper.validateLmsTables();
    assertThat(upper.users().findByEmail(CompanyId.of("7"), "ann.smith@acme.test"))
        .extracting(u -> u.id().value())
        .containsExactly("1001");
  }

  @Test
  void readsTheLmsOwnTypeValuesAsTheLearnHookTypesTheyAreMappedTo() {
    LmsTables.execute(
        database().dataSource(),
        "INSERT INTO "
            + t
            + "items VALUES (44, 7, 'Policy page', 'WEB_LINK', NULL, NULL, NULL, TRUE)",
        "INSERT INTO "
            + t
            + "items VALUES (45, 7, 'Onboarding', 'COURSE', NULL, NULL, NULL, TRUE)");
    JdbcStore typed =
        storeOnTheSameTables()
            .userTable(UserTable.named(t + "users").id("id").company("tenant_id").email("email"))
            .itemTable(
                items()
                    .typeValues(Map.of("WEB_LINK", ItemType.WEB_LINK, "YOUTUBE", ItemType.YOUTUBE)))
            .build();
    LearnHook typedHook = LearnHook.builder().store(typed).build();

    assertThat(typed.items().findById(CompanyId.of("7"), ItemId.of("44")))
        .map(Item::type)
        .contains(ItemType.WEB_LINK);
    assertThat(typed.items().findById(CompanyId.of("7"), ItemId.of("45")))
        .as("an unmapped value is taken verbatim")
        .map(Item::type)
        .contains(ItemType.of("COURSE"));
    assertThat(typed.items().findById(CompanyId.of("7"), ItemId.of("42")))
        .as("LearnHook's own names keep working")
        .map(Item::type)
        .contains(ItemType.WEB_LINK);
    String completion = "{\"user\":{\"email\":\"ann.smith@acme.test\"},\"course\":{\"id\":44}}";
    assertThat(post(completion).kind())
        .as("without the mapping")
        .isEqualTo("NOT_EXTERNALLY_CONTROLLED");
    Ingested answer = post(typedHook, completion);
    assertThat(answer.kind()).as(answer.toString()).isEqualTo("RECORDED");
  }

  @Test
  void mapsNumericTypeCodesOfAnIntegerTypeColumn() {
    LmsTables.execute(
        database().dataSource(),
        "CREATE TABLE "
            + t
            + "coded_items (id BIGINT NOT NULL PRIMARY KEY, tenant_id BIGINT NOT NULL,"
            + " title VARCHAR(255) NOT NULL, type_code INTEGER NOT NULL, external BOOLEAN NOT NULL)",
        "INSERT INTO " + t + "coded_items VALUES (1, 7, 'Link', 1, TRUE)",
        "INSERT INTO " + t + "coded_items VALUES (2, 7, 'Clip', 2, TRUE)",
        "INSERT INTO " + t + "coded_items VALUES (3, 7, 'Quiz', 9, TRUE)");
    JdbcStore coded =
        storeOnTheSameTables()
            .itemTable(
                ItemTable.named(t + "coded_items")
                    .id("id")
                    .company("tenant_id")
                    .title("title")
                    .type("type_code")
                    .completionControlledExternally("external")
                    .typeValues(Map.of("1", ItemType.WEB_LINK, "2", ItemType.YOUTUBE)))
            .build();
    coded.validateLmsTables();

    assertThat(List.of("1", "2", "3"))
        .map(id -> coded.items().findById(CompanyId.of("7"), ItemId.of(id)).orElseThrow().type())
        .containsExactly(ItemType.WEB_LINK, ItemType.YOUTUBE, ItemType.of("9"));
  }

  @Test
  void readsTablesWithoutACompanyColumnAsTheSingleCompanysOwn() {
    CompanyId acme = CompanyId.of("acme");
    LmsTables.execute(
        database().dataSource(),
        "CREATE TABLE "
            + t
            + "solo_users (id BIGINT NOT NULL PRIMARY KEY, email VARCHAR(255) NOT NULL)",
        "CREATE TABLE "
            + t
            + "solo_items (id BIGINT NOT NULL PRIMARY KEY, title VARCHAR(255) NOT NULL,"
            + " item_type VARCHAR(32) NOT NULL, slug VARCHAR(255), source_id VARCHAR(255),"
            + " external BOOLEAN NOT NULL)",
        "INSERT INTO " + t + "solo_users VALUES (5, 'Bo@Acme.test')",
        "INSERT INTO " + t + "solo_items VALUES (6, 'Intro', 'youtube', 'intro', 'yt-1', TRUE)");
    JdbcStore solo =
        storeOnTheSameTables()
            .userTable(
                UserTable.named(t + "solo_users").id("id").email("email").singleCompany(acme))
            .itemTable(
                ItemTable.named(t + "solo_items")
                    .singleCompany(acme)
                    .id("id")
                    .title("title")
                    .type("item_type")
                    .slug("slug")
                    .sourceId("source_id")
                    .completionControlledExternally("external"))
            .build();
    solo.validateLmsTables();

    assertThat(solo.users().findByEmail(acme, "bo@acme.test"))
        .extracting(User::id, User::company)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(UserId.of("5"), acme));
    assertThat(solo.users().findById(acme, UserId.of("5"))).isPresent();
    assertThat(solo.items().findById(acme, ItemId.of("6"))).map(Item::company).contains(acme);
    assertThat(solo.items().findBySourceId(acme, "yt-1")).hasSize(1);
    assertThat(solo.items().findBySlug(acme, "intro")).isPresent();
    CompanyId other = CompanyId.of("7");
    assertThat(solo.users().findByEmail(other, "bo@acme.test")).isEmpty();
    assertThat(solo.users().findById(other, UserId.of("5"))).isEmpty();
    assertThat(solo.items().findById(other, ItemId.of("6"))).isEmpty();
    assertThat(solo.items().findBySourceId(other, "yt-1")).isEmpty();
    assertThat(solo.items().findBySlug(other, "intro")).isEmpty();
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

  /** The port's contract on LMS-shaped tables. */
  @Nested
  class LmsCompanies extends CompanyRepositoryContract {
    @Override
    protected CompanyRepository companies() {
      return lmsStore().companies();
    }

    @Override
    protected void putCompany(Company company) {
      lmsTables().putCompany(company);
    }
  }

  /** The port's contract on LMS-shaped tables. */
  @Nested
  class LmsUsers extends UserDirectoryContract {
    @Override
    protected UserDirectory users() {
      return lmsStore().users();
    }

    @Override
    protected void putUser(User user) {
      lmsTables().putUser(user);
    }

    @Override
    protected void putCompany(Company company) {
      lmsTables().putCompany(company);
    }
  }

  /** The port's contract on LMS-shaped tables. */
  @Nested
  class LmsItems extends ItemCatalogContract {
    @Override
    protected ItemCatalog items() {
      return lmsStore().items();
    }

    @Override
    protected void putItem(Item item) {
      lmsTables().putItem(item);
    }

    @Override
    protected void putCompany(Company company) {
      lmsTables().putCompany(company);
    }
  }
}
