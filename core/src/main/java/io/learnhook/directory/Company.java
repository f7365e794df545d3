package io.learnhook.directory;

import java.util.Objects;

/**
 * A company (tenant).
 *
 * @param id the company
 * @param integrationEnabled whether the incoming-completions integration is switched on for it; when
 *     off, every call to its webhooks is answered 403 (seed: "The integration enabled for your company")
 */
public record Company(CompanyId id, boolean integrationEnabled) {
  public Company {
    Objects.requireNonNull(id, "id");
  }
}
