package io.learnhook.spi;

import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import java.util.Optional;

/** Reads companies (tenants) and switches their completions integration on and off. */
public interface CompanyRepository {
  Optional<Company> findById(CompanyId id);

  /**
   * Switches the incoming-completions integration of a company on or off.
   *
   * @return whether the company exists; nothing is written when it does not
   */
  boolean setIntegrationEnabled(CompanyId id, boolean enabled);
}
