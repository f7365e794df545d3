package io.learnhook.spi;

import io.learnhook.directory.Company;
import io.learnhook.webhook.Webhook;
import java.util.Objects;
import java.util.Optional;

/**
 * A webhook found by its key, with its company as the {@link CompanyRepository} holds it (empty when
 * the company is unknown), read together by {@link WebhookRepository#findByKeyHashWithCompany}.
 */
public record WebhookWithCompany(Webhook webhook, Optional<Company> company) {
  public WebhookWithCompany {
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(company, "company");
    if (company.isPresent() && !company.get().id().equals(webhook.company())) {
      throw new IllegalArgumentException(
          "Company " + company.get().id() + " is not webhook " + webhook.id() + "'s company");
    }
  }
}
