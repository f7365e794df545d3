package io.learnhook.spi;

import io.learnhook.directory.Company;
import io.learnhook.webhook.Webhook;
import java.util.Objects;
import java.util.Optional;

/**
 * A webhook found by its key, with its company as the {@link CompanyRepository} holds it (empty
 * when the company is unknown), read together by {@link
 * WebhookRepository#findByKeyHashWithCompany}.
 *
 * @param noEnabledReportSubscriptions true only when the same read saw that the company had no
 *     enabled report subscription: a new completion of this call then needs no report, and
 *     recording it skips the subscription lookup inside its transaction. False when the company has
 *     one, or when the store did not look (always a safe answer). A subscription committed before
 *     the read is always seen; one committed while the call is being answered may or may not be,
 *     exactly as if it had been committed a moment later or earlier.
 */
public record WebhookWithCompany(
    Webhook webhook, Optional<Company> company, boolean noEnabledReportSubscriptions) {
  public WebhookWithCompany {
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(company, "company");
    if (company.isPresent() && !company.get().id().equals(webhook.company())) {
      throw new IllegalArgumentException(
          "Company " + company.get().id() + " is not webhook " + webhook.id() + "'s company");
    }
  }

  /** A webhook and its company, saying nothing about report subscriptions (they are looked up). */
  public WebhookWithCompany(Webhook webhook, Optional<Company> company) {
    this(webhook, company, false);
  }
}
