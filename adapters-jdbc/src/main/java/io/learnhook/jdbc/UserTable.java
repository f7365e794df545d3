package io.learnhook.jdbc;

import io.learnhook.directory.CompanyId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the LMS keeps its users, for looking them up in the LMS's own table instead of LearnHook's
 * {@code users} table. Names are written as in unquoted SQL and checked: letters, digits and {@code
 * _}, a table optionally as {@code schema.table}; nothing else is ever spliced into SQL.
 *
 * <pre>{@code
 * UserTable.named("app_users")
 *     .id("user_id").company("tenant_id").email("email")      // required
 *     .name("full_name").active("is_active")                  // optional
 *     .externalUid("external_id").customFieldsJson("profile")
 * }</pre>
 *
 * <p>Emails are matched ignoring case: on PostgreSQL and H2 as {@code LOWER(email) = ?}, which
 * PostgreSQL serves from an expression index on {@code (company, lower(email))}; on MySQL and
 * MariaDB as {@code email = ?}, which the column's case-insensitive ({@code _ci}) collation and its
 * plain index serve. Candidates are checked again in Java, so an accent-insensitive collation never
 * matches {@code zoe@} to {@code zoë@}. Id and company columns may be text, integers or (on
 * PostgreSQL) UUIDs. An LMS with one company and no company column says so with {@link
 * #singleCompany}. docs/STORAGE.md has a worked example and the indexes to create.
 *
 * <p>Immutable: every method returns a new description.
 */
public final class UserTable {
  enum Column implements MappedTable.Role {
    ID("id"),
    COMPANY("company"),
    EMAIL("email"),
    NAME("name"),
    ACTIVE("active"),
    EXTERNAL_UID("externalUid"),
    CUSTOM_FIELDS("customFieldsJson");

    private final String key;

    Column(String key) {
      this.key = key;
    }

    @Override
    public String key() {
      return key;
    }
  }

  private final MappedTable<Column> table;
  private final Optional<CompanyId> singleCompany;

  private UserTable(MappedTable<Column> table, Optional<CompanyId> singleCompany) {
    this.table = table;
    this.singleCompany = singleCompany;
  }

  private UserTable with(MappedTable<Column> changed) {
    return new UserTable(changed, singleCompany);
  }

  /**
   * The users table, by name.
   *
   * @throws IllegalArgumentException when {@code table} is not a table name
   */
  public static UserTable named(String table) {
    return new UserTable(new MappedTable<>("UserTable", Column.class, table), Optional.empty());
  }

  /** The column holding the user's id. Required. */
  public UserTable id(String column) {
    return with(table.with(Column.ID, column));
  }

  /**
   * The column holding the user's company (tenant) id. Required unless {@link #singleCompany} is
   * given; replaces it.
   */
  public UserTable company(String column) {
    return new UserTable(table.with(Column.COMPANY, column), Optional.empty());
  }

  /**
   * For an LMS with one company and no company column: every user of the table belongs to {@code
   * company}, and lookups for any other company find no one. Replaces {@link #company}.
   */
  public UserTable singleCompany(CompanyId company) {
    return new UserTable(
        table.without(Column.COMPANY), Optional.of(Objects.requireNonNull(company, "company")));
  }

  /** The column holding the email completions are matched on. Required. */
  public UserTable email(String column) {
    return with(table.with(Column.EMAIL, column));
  }

  /** The column holding the display name; without it, names are empty. */
  public UserTable name(String column) {
    return with(table.with(Column.NAME, column));
  }

  /**
   * A boolean column that is true for active users; without {@code active} or {@link #activeWhen},
   * every user counts as active. Only active users receive completions.
   */
  public UserTable active(String booleanColumn) {
    return with(table.with(Column.ACTIVE, booleanColumn));
  }

  /**
   * A status column: a user is active when it holds exactly {@code value}, e.g. {@code
   * activeWhen("status", "active")}. The value is compared in Java, never put into SQL.
   */
  public UserTable activeWhen(String column, String value) {
    return with(table.withFlag(Column.ACTIVE, column, value));
  }

  /** The column holding the external user id ({@code ext_uid} in reports), when there is one. */
  public UserTable externalUid(String column) {
    return with(table.with(Column.EXTERNAL_UID, column));
  }

  /**
   * A column holding custom profile fields as one JSON object (text, {@code json} or {@code
   * jsonb}); values that are not text are kept as their JSON.
   */
  public UserTable customFieldsJson(String column) {
    return with(table.with(Column.CUSTOM_FIELDS, column));
  }

  MappedTable<Column> mapped() {
    return table;
  }

  Optional<CompanyId> singleCompany() {
    return singleCompany;
  }

  /** The roles that need a column: the company's only when there is no single company. */
  List<Column> required() {
    return singleCompany.isPresent()
        ? List.of(Column.ID, Column.EMAIL)
        : List.of(Column.ID, Column.COMPANY, Column.EMAIL);
  }

  @Override
  public String toString() {
    return table + singleCompany.map(c -> " of company '" + c + "' only").orElse("");
  }
}
