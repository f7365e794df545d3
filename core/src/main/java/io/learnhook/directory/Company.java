package io.learnhook.directory;

import java.util.Objects;

/**
 * A company (tenant).
 *
 * @param id the company
 * @param integrationEnabled whether the incoming-completions integration is switched on for it;
 *     when off, every call to its webhooks is answered 403 (seed: "The integration enabled for your
 *     company")
 * @param usesExternalUserIds whether the company identifies its users by an external user id; only
 *     then do its outbound reports carry {@code ext_uid} (the reporting webhook's "ext_uid (if your
 *     company is using it)")
 */
public record Company(CompanyId id, boolean integrationEnabled, boolean usesExternalUserIds) {
  public Company {
    Objects.requireNonNull(id, "id");
  }

  /** A company that does not use external user ids. */
  public Company(CompanyId id, boolean integrationEnabled) {
    this(id, integrationEnabled, false);
  }
}
