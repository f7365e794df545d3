package io.learnhook.spi;

import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.webhook.KeyHash;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Stores incoming webhooks. Keys are stored only as {@link KeyHash}es: a webhook's current key, and
 * its previous key while that has a grace period ({@link Webhook#previousKey()}).
 */
public interface WebhookRepository {
  /**
   * The webhook whose current key hashes to {@code hash}, else the one whose previous key does;
   * storage should index both. A previous key is returned whether or not its grace period has
   * ended: core decides with its clock whether the key still authenticates ({@link
   * Webhook#acceptsKey}).
   */
  Optional<Webhook> findByKeyHash(KeyHash hash);

  /**
   * {@link #findByKeyHash} and the webhook's company as {@code companies} finds it, which every
   * authenticated call needs next. Storage that holds both may read them in one query (the JDBC
   * adapter joins its own companies table: one round trip instead of two); it must answer exactly
   * as the two lookups would, and never from a cache, so that a key just revoked or rotated and an
   * integration just switched off take effect on the next call. The same read may also tell whether
   * the company has no enabled report subscription ({@link
   * WebhookWithCompany#noEnabledReportSubscriptions}), read as it is now, never remembered; the
   * engine trusts that only from stores of its own (the JDBC store), for their own subscriptions.
   * The default makes the two lookups and says nothing of subscriptions.
   */
  default Optional<WebhookWithCompany> findByKeyHashWithCompany(
      KeyHash hash, CompanyRepository companies) {
    return findByKeyHash(hash)
        .map(webhook -> new WebhookWithCompany(webhook, companies.findById(webhook.company())));
  }

  Optional<Webhook> findById(WebhookId id);

  /** The company's webhooks, by name. */
  List<Webhook> listByCompany(CompanyId company);

  /**
   * Inserts the webhook, or replaces the one with the same id. Atomic: however many callers save at
   * once, each name and key hash ends up with one webhook.
   *
   * @throws IllegalArgumentException when another webhook already has the same key hash (as its
   *     current or previous key), or another webhook of the same company has the same name; nothing
   *     is written then
   */
  void save(Webhook webhook);

  /** Deletes the webhook; returns whether it existed. */
  boolean delete(WebhookId id);

  /**
   * A webhook found by its key, with its company as the {@link CompanyRepository} holds it (empty
   * when the company is unknown), read together by {@link
   * WebhookRepository#findByKeyHashWithCompany}.
   *
   * @param noEnabledReportSubscriptions true only when the same read saw that the company had no
   *     enabled report subscription: a new completion of this call then needs no report, and
   *     recording it skips the subscription lookup inside its transaction. False when the company
   *     has one, or when the store did not look (always a safe answer). A subscription committed
   *     before the read is always seen; one committed while the call is being answered may or may
   *     not be, exactly as if it had been committed a moment later or earlier.
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

    /**
     * A webhook and its company, saying nothing about report subscriptions (they are looked up).
     */
    public WebhookWithCompany(Webhook webhook, Optional<Company> company) {
      this(webhook, company, false);
    }
  }
}
