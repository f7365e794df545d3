package io.learnhook.jdbc;

import io.learnhook.directory.CompanyId;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.jdbc.UserTable.Column;
import io.learnhook.spi.UserDirectory;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users from the LMS's own table, as a {@link UserTable} describes it. The database finds
 * candidates by company and email (see {@link Dialect#emailEquals}); Java keeps the exact ones. A
 * table of a single company has no company condition: any other company finds no one.
 */
final class ExternalUserDirectory implements UserDirectory {
  private final Database db;
  private final MappedTable<Column> table;
  private final Optional<CompanyId> singleCompany;
  private final TableKeys<Column> keys;
  private final String findByEmail;
  private final String findById;

  ExternalUserDirectory(Database db, UserTable config) {
    this.db = db;
    this.table = config.mapped();
    this.singleCompany = config.singleCompany();
    List<Column> keyColumns = new ArrayList<>(List.of(Column.ID));
    table.column(Column.COMPANY).ifPresent(c -> keyColumns.add(Column.COMPANY));
    this.keys = new TableKeys<>(db, table, keyColumns);
    String where =
        table.select()
            + " WHERE "
            + table.column(Column.COMPANY).map(company -> company + " = ? AND ").orElse("");
    this.findByEmail =
        where
            + db.dialect().emailEquals(table.column(Column.EMAIL).orElseThrow())
            + " ORDER BY "
            + table.column(Column.ID).orElseThrow();
    this.findById = where + table.column(Column.ID).orElseThrow() + " = ?";
  }

  /** The lookup's SQL, for tests that ask the database how it would run it. */
  String findByEmailSql() {
    return findByEmail;
  }

  @Override
  public List<User> findByEmail(CompanyId company, String email) {
    if (!Params.searchable(company.value(), email)) {
      return List.of();
    }
    Optional<List<Object>> companyKey = companyKey(company);
    if (companyKey.isEmpty()) {
      return List.of();
    }
    String lowered = JdbcUserDirectory.normalize(email);
    return db
        .query(
            "finding users by email in " + table.table(),
            findByEmail,
            p -> bindAll(p, companyKey.get()).string(lowered),
            this::user)
        .stream()
        .filter(
            user ->
                user.company().equals(company)
                    && JdbcUserDirectory.normalize(user.email()).equals(lowered))
        .toList();
  }

  @Override
  public Optional<User> findById(CompanyId company, UserId id) {
    Optional<List<Object>> companyKey = companyKey(company);
    Optional<Object> idKey = companyKey.flatMap(k -> keys.bindable(Column.ID, id.value()));
    if (idKey.isEmpty()) {
      return Optional.empty();
    }
    return db
        .query(
            "finding a user by id in " + table.table(),
            findById,
            p -> bindAll(p, companyKey.get()).key(idKey.get()),
            this::user)
        .stream()
        .filter(user -> user.company().equals(company) && user.id().equals(id))
        .findFirst();
  }

  /**
   * What binds the company condition: the company column's value, none for the single company, and
   * empty when no row can be of {@code company}.
   */
  private Optional<List<Object>> companyKey(CompanyId company) {
    if (singleCompany.isPresent()) {
      return singleCompany.get().equals(company) ? Optional.of(List.of()) : Optional.empty();
    }
    return keys.bindable(Column.COMPANY, company.value()).map(List::of);
  }

  private static Params bindAll(Params params, List<Object> values) throws SQLException {
    for (Object value : values) {
      params.key(value);
    }
    return params;
  }

  private User user(Row row) throws SQLException {
    return new User(
        UserId.of(row.string(MappedTable.alias(Column.ID))),
        singleCompany.isPresent()
            ? singleCompany.get()
            : CompanyId.of(row.string(MappedTable.alias(Column.COMPANY))),
        row.string(MappedTable.alias(Column.EMAIL)),
        table.column(Column.NAME).isPresent()
            ? row.optionalString(MappedTable.alias(Column.NAME)).orElse("")
            : "",
        table.column(Column.ACTIVE).isEmpty()
            || row.flag(MappedTable.alias(Column.ACTIVE), table.flagValue()),
        table.column(Column.EXTERNAL_UID).isPresent()
            ? row.optionalString(MappedTable.alias(Column.EXTERNAL_UID))
            : Optional.empty(),
        table.column(Column.CUSTOM_FIELDS).isPresent()
            ? CustomFields.fromLmsJson(row.string(MappedTable.alias(Column.CUSTOM_FIELDS)))
            : Map.of());
  }
}
