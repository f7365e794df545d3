package io.learnhook.jdbc;

import java.util.List;

/**
 * Where the LMS keeps its companies (tenants), for reading whether the completions integration is
 * enabled from the LMS's own table instead of LearnHook's {@code companies} table. A company
 * missing from the table has the integration off (403). An LMS without such a switch can use {@link
 * JdbcStore.Builder#allCompaniesEnabled()} instead.
 *
 * <pre>{@code
 * CompanyTable.named("tenants").id("tenant_id").integrationEnabled("learnhook_enabled")
 * }</pre>
 *
 * <p>Immutable: every method returns a new description.
 */
public final class CompanyTable {
  enum Column implements MappedTable.Role {
    ID("id"),
    INTEGRATION_ENABLED("integrationEnabled"),
    USES_EXTERNAL_USER_IDS("usesExternalUserIds");

    private final String key;

    Column(String key) {
      this.key = key;
    }

    @Override
    public String key() {
      return key;
    }
  }

  static final List<Column> REQUIRED = List.of(Column.ID);

  private final MappedTable<Column> table;

  private CompanyTable(MappedTable<Column> table) {
    this.table = table;
  }

  /**
   * The companies table, by name.
   *
   * @throws IllegalArgumentException when {@code table} is not a table name
   */
  public static CompanyTable named(String table) {
    return new CompanyTable(new MappedTable<>("CompanyTable", Column.class, table));
  }

  /** The column holding the company id. Required. */
  public CompanyTable id(String column) {
    return new CompanyTable(table.with(Column.ID, column));
  }

  /**
   * A boolean column saying whether the integration is on; without it or {@link
   * #integrationEnabledWhen}, it is on for every company in the table.
   */
  public CompanyTable integrationEnabled(String booleanColumn) {
    return new CompanyTable(table.with(Column.INTEGRATION_ENABLED, booleanColumn));
  }

  /** A column whose value {@code value} (compared in Java) means the integration is on. */
  public CompanyTable integrationEnabledWhen(String column, String value) {
    return new CompanyTable(table.withFlag(Column.INTEGRATION_ENABLED, column, value));
  }

  /**
   * A boolean column saying whether the company's reports carry {@code ext_uid}; without it, no
   * company's do.
   */
  public CompanyTable usesExternalUserIds(String booleanColumn) {
    return new CompanyTable(table.with(Column.USES_EXTERNAL_USER_IDS, booleanColumn));
  }

  MappedTable<Column> mapped() {
    return table;
  }

  @Override
  public String toString() {
    return table.toString();
  }
}
