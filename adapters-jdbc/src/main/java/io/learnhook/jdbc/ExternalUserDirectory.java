package io.learnhook.jdbc;

import io.learnhook.directory.CompanyId;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.jdbc.UserTable.Column;
import io.learnhook.spi.UserDirectory;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users from the LMS's own table, as a {@link UserTable} describes it. The database finds
 * candidates by company and email (see {@link Dialect#emailEquals}); Java keeps the exact ones.
 */
final class ExternalUserDirectory implements UserDirectory {
  private final Database db;
  private final MappedTable<Column> table;
  private final TableKeys<Column> keys;
  private final String findByEmail;

  ExternalUserDirectory(Database db, UserTable config) {
    this.db = db;
    this.table = config.mapped();
    this.keys = new TableKeys<>(db, table, List.of(Column.COMPANY));
    String email = table.column(Column.EMAIL).orElseThrow();
    this.findByEmail =
        table.select()
            + " WHERE "
            + table.column(Column.COMPANY).orElseThrow()
            + " = ? AND "
            + db.dialect().emailEquals(email)
            + " ORDER BY "
            + table.column(Column.ID).orElseThrow();
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
    Optional<Object> companyKey = keys.bindable(Column.COMPANY, company.value());
    if (companyKey.isEmpty()) {
      return List.of();
    }
    String lowered = JdbcUserDirectory.normalize(email);
    return db
        .query(
            "finding users by email in " + table.table(),
            findByEmail,
            p -> p.key(companyKey.get()).string(lowered),
            this::user)
        .stream()
        .filter(
            user ->
                user.company().equals(company)
                    && JdbcUserDirectory.normalize(user.email()).equals(lowered))
        .toList();
  }

  private User user(Row row) throws SQLException {
    return new User(
        UserId.of(row.string(MappedTable.alias(Column.ID))),
        CompanyId.of(row.string(MappedTable.alias(Column.COMPANY))),
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
