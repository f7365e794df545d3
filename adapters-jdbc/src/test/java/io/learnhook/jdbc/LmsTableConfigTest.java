package io.learnhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.ItemType;
import io.learnhook.spi.StorageException.StorageUnavailableException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LmsTableConfigTest {
  private static final DataSource UNREACHABLE =
      FakeDataSources.failing(new SQLException("Connection refused", "08001"));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "users; DROP TABLE x",
        "users --",
        "\"users\"",
        "`users`",
        "a.b.c",
        ".users",
        "users.",
        "1users",
        "us ers",
        "üsers",
        ""
      })
  void refusesTableNamesThatAreNotPlainIdentifiers(String table) {
    assertThatThrownBy(() -> UserTable.named(table))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("UserTable table must be a table name, optionally schema-qualified")
        .hasMessageEndingWith("got '" + table + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"app_users", "lms.app_users", "_Users2", "APP_USERS"})
  void acceptsTableNamesAndSchemaQualifiedNames(String table) {
    assertThat(UserTable.named(table).mapped().table()).isEqualTo(table);
  }

  @Test
  void refusesColumnNamesThatAreNotPlainIdentifiersNamingTheRole() {
    assertThatThrownBy(() -> ItemTable.named("content").sourceId("source_id) OR (1=1"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "ItemTable column for sourceId must be a column name: letters, digits and '_', not"
                + " starting with a digit, at most 63 characters; got 'source_id) OR (1=1'");
    assertThatThrownBy(() -> UserTable.named("users").email("x".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UserTable.named("users").email("a.b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesEveryMissingRequiredColumnOfEveryTableAtOnce() {
    var builder =
        JdbcStore.builder(UNREACHABLE)
            .dialect(Dialect.POSTGRESQL)
            .userTable(UserTable.named("app_users").id("id"))
            .itemTable(ItemTable.named("app_items").id("id").company("tenant_id"))
            .companyTable(CompanyTable.named("tenants"));

    assertThatThrownBy(builder::build)
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "UserTable 'app_users' needs a column for: company, email; ItemTable 'app_items'"
                + " needs a column for: title, type, completionControlledExternally;"
                + " CompanyTable 'tenants' needs a column for: id");
  }

  @Test
  void leavesEachDescriptionUnchangedWhenDerivingAnother() {
    UserTable base = UserTable.named("app_users").id("id").company("tenant_id");
    UserTable withEmail = base.email("email");

    assertThat(base.mapped().column(UserTable.Column.EMAIL)).isEmpty();
    assertThat(withEmail.mapped().column(UserTable.Column.EMAIL)).contains("email");
  }

  @Test
  void touchesNoDatabaseUntilTheFirstLookup() {
    JdbcStore store =
        JdbcStore.builder(UNREACHABLE)
            .dialect(Dialect.MYSQL)
            .allCompaniesEnabled()
            .userTable(UserTable.named("app_users").id("id").company("tenant_id").email("email"))
            .build();

    assertThat(store.companies().findById(CompanyId.of("7")))
        .contains(new Company(CompanyId.of("7"), true));
    assertThatThrownBy(() -> store.users().findByEmail(CompanyId.of("7"), "a@b.c"))
        .isInstanceOf(StorageUnavailableException.class);
  }

  @Test
  void needsNoCompanyColumnForASingleCompany() {
    CompanyId acme = CompanyId.of("acme");
    var builder =
        JdbcStore.builder(UNREACHABLE)
            .dialect(Dialect.H2)
            .allCompaniesEnabled()
            .userTable(UserTable.named("users").id("id").email("email").singleCompany(acme))
            .itemTable(ItemTable.named("items").singleCompany(acme).id("id"));

    assertThatThrownBy(builder::build)
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "ItemTable 'items' needs a column for: title, type, completionControlledExternally");
  }

  @Test
  void aCompanyColumnAndASingleCompanyReplaceEachOther() {
    CompanyId acme = CompanyId.of("acme");
    UserTable single = UserTable.named("users").company("tenant_id").singleCompany(acme);
    UserTable column = single.company("tenant_id");

    assertThat(single.mapped().column(UserTable.Column.COMPANY)).isEmpty();
    assertThat(single.singleCompany()).contains(acme);
    assertThat(column.mapped().column(UserTable.Column.COMPANY)).contains("tenant_id");
    assertThat(column.singleCompany()).isEmpty();
    assertThat(ItemTable.named("items").singleCompany(acme).company("c").singleCompany()).isEmpty();
  }

  @Test
  void takesUnmappedTypeValuesVerbatimAndMappedOnesAsTheirType() {
    ItemTable table =
        ItemTable.named("items")
            .typeValues(Map.of("WEB_LINK", ItemType.WEB_LINK, "2", ItemType.AUDIO));

    assertThat(table.typeOf("WEB_LINK")).isEqualTo(ItemType.WEB_LINK);
    assertThat(table.typeOf("2")).isEqualTo(ItemType.AUDIO);
    assertThat(table.typeOf("web_link")).isEqualTo(ItemType.WEB_LINK);
    assertThat(table.typeOf("Web_Link")).isEqualTo(ItemType.of("Web_Link"));
    assertThat(table.typeOf("COURSE")).isEqualTo(ItemType.of("COURSE"));
  }

  @Test
  void refusesABlankTypeValueOrOneMappedToNoType() {
    Map<String, ItemType> blank = Map.of(" ", ItemType.WEB_LINK);
    Map<String, ItemType> noType = new HashMap<>();
    noType.put("WEB_LINK", null);

    assertThatThrownBy(() -> ItemTable.named("items").typeValues(blank))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("ItemTable type value must not be blank; got ' '");
    assertThatThrownBy(() -> ItemTable.named("items").typeValues(noType))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("ItemTable type value 'WEB_LINK' must map to an ItemType; got null");
  }

  @Test
  void checksNoTableWhenNoLmsTableIsGiven() {
    JdbcStore store = JdbcStore.builder(UNREACHABLE).dialect(Dialect.H2).build();

    store.validateLmsTables();
  }

  @Test
  void saysTheDatabaseIsUnreachableWhenTheTablesCannotBeChecked() {
    JdbcStore store =
        JdbcStore.builder(UNREACHABLE)
            .dialect(Dialect.POSTGRESQL)
            .userTable(UserTable.named("users").id("id").company("tenant_id").email("email"))
            .build();

    assertThatThrownBy(store::validateLmsTables).isInstanceOf(StorageUnavailableException.class);
  }
}
