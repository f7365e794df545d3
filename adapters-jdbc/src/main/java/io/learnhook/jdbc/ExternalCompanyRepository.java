package io.learnhook.jdbc;

import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.jdbc.CompanyTable.Column;
import io.learnhook.spi.CompanyRepository;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Companies from the LMS's own table, as a {@link CompanyTable} describes it. The integration
 * switch is written only when it is a boolean column of that table; a switch read from another kind
 * of column, or no switch at all, is the LMS's to change.
 */
final class ExternalCompanyRepository implements CompanyRepository {
  private final Database db;
  private final MappedTable<Column> table;
  private final TableKeys<Column> keys;
  private final String findById;
  private final Optional<String> setIntegrationEnabled;

  ExternalCompanyRepository(Database db, CompanyTable config) {
    this.db = db;
    this.table = config.mapped();
    this.keys = new TableKeys<>(db, table, List.of(Column.ID));
    String byId = " WHERE " + table.column(Column.ID).orElseThrow() + " = ?";
    this.findById = table.select() + byId;
    this.setIntegrationEnabled =
        table.flagValue().isPresent()
            ? Optional.empty()
            : table
                .column(Column.INTEGRATION_ENABLED)
                .map(column -> "UPDATE " + table.table() + " SET " + column + " = ?" + byId);
  }

  /** Every company, whatever its id, with the integration on: for LMSs without such a switch. */
  static CompanyRepository allEnabled() {
    return new CompanyRepository() {
      @Override
      public Optional<Company> findById(CompanyId id) {
        return Optional.of(new Company(id, true));
      }

      @Override
      public boolean setIntegrationEnabled(CompanyId id, boolean enabled) {
        throw new UnsupportedOperationException(
            "Every company has the integration on (JdbcStore.Builder.allCompaniesEnabled()): there is"
                + " no switch to change");
      }
    };
  }

  @Override
  public boolean setIntegrationEnabled(CompanyId id, boolean enabled) {
    if (setIntegrationEnabled.isEmpty()) {
      throw new UnsupportedOperationException(
          "The integration switch of "
              + table.table()
              + " is not a boolean column LearnHook may"
              + " write (CompanyTable.integrationEnabled); change it in the LMS");
    }
    Optional<Object> key =
        Params.searchable(id.value()) ? keys.bindable(Column.ID, id.value()) : Optional.empty();
    if (key.isEmpty() || findById(id).isEmpty()) {
      return false;
    }
    return db.update(
            "switching a company's integration in " + table.table(),
            setIntegrationEnabled.get(),
            p -> p.bool(enabled).key(key.get()))
        > 0;
  }

  @Override
  public Optional<Company> findById(CompanyId id) {
    Optional<Object> key =
        Params.searchable(id.value()) ? keys.bindable(Column.ID, id.value()) : Optional.empty();
    if (key.isEmpty()) {
      return Optional.empty();
    }
    return db
        .query(
            "finding a company in " + table.table(), findById, p -> p.key(key.get()), this::company)
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
