package io.learnhook.jdbc;

import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.spi.CompanyRepository;
import java.util.Optional;

/**
 * Companies from the {@code companies} table. Like every lookup of this adapter, the database finds
 * the candidates by index and Java keeps only exact matches: MySQL's {@code utf8mb4_bin} ignores
 * trailing spaces.
 */
final class JdbcCompanyRepository implements CompanyRepository {
  private final Database db;
  private final String findById;
  private final String setIntegrationEnabled;

  JdbcCompanyRepository(Database db) {
    this.db = db;
    this.findById =
        db.sql("SELECT id, integration_enabled, uses_ext_uid FROM ${prefix}companies WHERE id = ?");
    this.setIntegrationEnabled =
        db.sql("UPDATE ${prefix}companies SET integration_enabled = ? WHERE id = ?");
  }

  @Override
  public Optional<Company> findById(CompanyId id) {
    return db
        .query("finding a company", findById, p -> p.string(id.value()), row -> company(row, "id"))
        .stream()
        .filter(company -> company.id().equals(id))
        .findFirst();
  }

  /** The company in the current row, its id in {@code idColumn} (a join names it otherwise). */
  static Company company(Row row, String idColumn) throws java.sql.SQLException {
    return new Company(
        CompanyId.of(row.string(idColumn)),
        row.bool("integration_enabled"),
        row.bool("uses_ext_uid"));
  }

  @Override
  public boolean setIntegrationEnabled(CompanyId id, boolean enabled) {
    if (findById(id).isEmpty()) {
      // Exactly this id, not one a collation takes for it (MySQL ignores trailing spaces).
      return false;
    }
    return db.update(
            "switching a company's integration",
            setIntegrationEnabled,
            p -> p.bool(enabled).string(id.value()))
        > 0;
  }
}
