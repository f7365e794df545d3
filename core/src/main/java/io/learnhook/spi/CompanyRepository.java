package io.learnhook.spi;

import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import java.util.Optional;

/** Reads companies (tenants). */
public interface CompanyRepository {
  Optional<Company> findById(CompanyId id);
}
