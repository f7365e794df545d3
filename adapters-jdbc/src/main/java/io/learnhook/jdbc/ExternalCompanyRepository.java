package io.learnhook.jdbc;

import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.jdbc.CompanyTable.Column;
import io.learnhook.spi.CompanyRepository;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Companies from the LMS's own table, as a {@link CompanyTable} describes it. */
final class ExternalCompanyRepository implements CompanyRepository {
  private final Database db;
  private final MappedTable<Column> table;
  private final TableKeys<Column> keys;
  private final String findById;

  ExternalCompanyRepository(Database db, CompanyTable config) {
    this.db = db;
    this.table = config.mapped();
    this.keys = new TableKeys<>(db, table, List.of(Column.ID));
    this.findById = table.select() + " WHERE " + table.column(Column.ID).orElseThrow() + " = ?";
  }

  /** Every company, whatever its id, with the integration on: for LMSs without such a switch. */
  static CompanyRepository allEnabled() {
    return id -> Optional.of(new Company(id, true));
  }

  @Override
  public Optional<Company> findById(CompanyId id) {
    Optional<Object> key =
        Params.searchable(id.value()) ? keys.bindable(Column.ID, id.value()) : Optional.empty();
    if (key.isEmpty()) {
      return Optional.empty();
    }
    return db
        .query("finding a company in " + table.table(), findById, p -> p.key(key.get()), this::company)
        .stream()
        .filter(company -> company.id().equals(id))
        .findFirst();
  }

  private Company company(Row row) throws SQLException {
    return new Company(
        CompanyId.of(row.string(MappedTable.alias(Column.ID))),
        table.column(Column.INTEGRATION_ENABLED).isEmpty()
            || row.flag(MappedTable.alias(Column.INTEGRATION_ENABLED), table.flagValue()),
        table.column(Column.USES_EXTERNAL_USER_IDS).isPresent()
            && row.flag(MappedTable.alias(Column.USES_EXTERNAL_USER_IDS), Optional.empty()));
  }
}
