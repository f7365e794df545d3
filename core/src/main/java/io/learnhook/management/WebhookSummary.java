package io.learnhook.management;

import io.learnhook.directory.CompanyId;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A webhook as administrators see it: everything but its key, which is shown only when created or
 * regenerated ({@link IssuedKey}).
 *
 * @param keyRotatedAt when the key was last generated: the seed's "last rotated"
 * @param previousKeyValidUntil when the key before the last rotation stops working, while it still
 *     works; empty when it already stopped
 */
public record WebhookSummary(
    WebhookId id,
    CompanyId company,
    String name,
    FieldMapping mapping,
    Optional<String> sourceType,
    Instant createdAt,
    Instant keyRotatedAt,
    Optional<Instant> previousKeyValidUntil) {

  public WebhookSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(company, "company");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(sourceType, "sourceType");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(keyRotatedAt, "keyRotatedAt");
    Objects.requireNonNull(previousKeyValidUntil, "previousKeyValidUntil");
  }

  /** The summary of {@code webhook} at {@code now}. */
  static WebhookSummary of(Webhook webhook, Instant now) {
    return new WebhookSummary(
        webhook.id(),
        webhook.company(),
        webhook.name(),
        webhook.mapping(),
        webhook.sourceType(),
        webhook.createdAt(),
        webhook.keyRotatedAt(),
        webhook.previousKey().filter(p -> p.validAt(now)).map(Webhook.PreviousKey::validUntil));
  }
}
