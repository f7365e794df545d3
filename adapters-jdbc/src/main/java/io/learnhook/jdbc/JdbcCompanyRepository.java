package io.learnhook.jdbc;

import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.spi.CompanyRepository;
import java.util.Optional;

/** Companies from the {@code companies} table. */
final class JdbcCompanyRepository implements CompanyRepository {
  private final Database db;
  private final String findById;

  JdbcCompanyRepository(Database db) {
    this.db = db;
    this.findById = db.sql("SELECT id, integration_enabled, uses_ext_uid FROM ${prefix}companies WHERE id = ?");
  }

  @Override
  public Optional<Company> findById(CompanyId id) {
    return db.queryFirst(
        "finding a company",
        findById,
        p -> p.string(id.value()),
        row ->
            new Company(
                CompanyId.of(row.string("id")), row.bool("integration_enabled"), row.bool("uses_ext_uid")));
  }
}
