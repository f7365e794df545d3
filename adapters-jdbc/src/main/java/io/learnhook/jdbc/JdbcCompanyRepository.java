package io.learnhook.jdbc;

import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.spi.CompanyRepository;
import java.util.Optional;

/** Companies from the {@code companies} table. */
final class JdbcCompanyRepository implements CompanyRepository {
  private final Database db;
  private final String findById;
  private final String setIntegrationEnabled;

  JdbcCompanyRepository(Database db) {
    this.db = db;
    this.findById = db.sql("SELECT id, integration_enabled FROM ${prefix}companies WHERE id = ?");
    this.setIntegrationEnabled =
        db.sql("UPDATE ${prefix}companies SET integration_enabled = ? WHERE id = ?");
  }

  @Override
  public Optional<Company> findById(CompanyId id) {
    return db.queryFirst(
        "finding a company",
        findById,
        p -> p.string(id.value()),
        row -> new Company(CompanyId.of(row.string("id")), row.bool("integration_enabled")));
  }

  @Override
  public boolean setIntegrationEnabled(CompanyId id, boolean enabled) {
    return db.update(
            "switching a company's integration",
            setIntegrationEnabled,
            p -> p.bool(enabled).string(id.value()))
        > 0;
  }
}
