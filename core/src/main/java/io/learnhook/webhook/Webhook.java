package io.learnhook.webhook;

import io.learnhook.directory.CompanyId;
import io.learnhook.internal.Preconditions;
import io.learnhook.mapping.FieldMapping;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * An incoming webhook of one company.
 *
 * @param id the webhook
 * @param company the company whose completions it records; its key identifies this company
 * @param name a name for people ("KnowBe4")
 * @param keyHash the stored form of its key
 * @param mapping its field mapping, already validated
 * @param sourceType when present, {@code source_id} lookups only match items of this source type
 * @param createdAt when it was created
 * @param keyRotatedAt when its key was last generated
 */
public record Webhook(
    WebhookId id,
    CompanyId company,
    String name,
    KeyHash keyHash,
    FieldMapping mapping,
    Optional<String> sourceType,
    Instant createdAt,
    Instant keyRotatedAt) {

  public Webhook {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(company, "company");
    Preconditions.requireId(name, "webhook name");
    Objects.requireNonNull(keyHash, "keyHash");
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(sourceType, "sourceType");
    sourceType.ifPresent(type -> Preconditions.requireId(type, "source type"));
    // Microseconds: the precision every supported database keeps, so a saved webhook reads back equal.
    createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
    keyRotatedAt = Objects.requireNonNull(keyRotatedAt, "keyRotatedAt").truncatedTo(ChronoUnit.MICROS);
  }
}
