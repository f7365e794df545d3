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

  JdbcCompanyRepository(Database db) {
    this.db = db;
    this.findById = db.sql("SELECT id, integration_enabled, uses_ext_uid FROM ${prefix}companies WHERE id = ?");
  }

  @Override
  public Optional<Company> findById(CompanyId id) {
    return db
        .query(
            "finding a company",
            findById,
            p -> p.string(id.value()),
            row ->
                new Company(
                    CompanyId.of(row.string("id")),
                    row.bool("integration_enabled"),
                    row.bool("uses_ext_uid")))
        .stream()
        .filter(company -> company.id().equals(id))
        .findFirst();
  }
}
