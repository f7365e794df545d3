package io.learnhook.spi;

import io.learnhook.directory.CompanyId;
import io.learnhook.webhook.KeyHash;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import java.util.List;
import java.util.Optional;

/** Stores incoming webhooks. Keys are stored only as {@link KeyHash}es. */
public interface WebhookRepository {
  /** The webhook whose key hashes to {@code hash}; storage should index it. */
  Optional<Webhook> findByKeyHash(KeyHash hash);

  Optional<Webhook> findById(WebhookId id);

  /** The company's webhooks, by name. */
  List<Webhook> listByCompany(CompanyId company);

  /**
   * Inserts the webhook, or replaces the one with the same id.
   *
   * @throws IllegalArgumentException when another webhook already has the same key hash
   */
  void save(Webhook webhook);

  /** Deletes the webhook; returns whether it existed. */
  boolean delete(WebhookId id);
}
