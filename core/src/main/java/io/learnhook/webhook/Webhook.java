package io.learnhook.webhook;

import io.learnhook.directory.CompanyId;
import io.learnhook.internal.Preconditions;
import io.learnhook.mapping.FieldMapping;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * An incoming webhook of one company.
 *
 * @param id the webhook
 * @param company the company whose completions it records; its key identifies this company
 * @param name a name for people ("KnowBe4"), unique within the company
 * @param keyHash the stored form of its current key
 * @param mapping its field mapping, already validated
 * @param sourceType when present, {@code source_id} lookups only match items of this source type
 * @param createdAt when it was created
 * @param keyRotatedAt when its key was last generated (the seed's "last rotated")
 * @param previousKey the key it had before the last rotation, while that key is given a grace
 *     period; empty when the old key stopped working at once
 */
public record Webhook(
    WebhookId id,
    CompanyId company,
    String name,
    KeyHash keyHash,
    FieldMapping mapping,
    Optional<String> sourceType,
    Instant createdAt,
    Instant keyRotatedAt,
    Optional<PreviousKey> previousKey) {

  public Webhook {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(company, "company");
    Preconditions.requireId(name, "webhook name");
    Objects.requireNonNull(keyHash, "keyHash");
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(sourceType, "sourceType");
    sourceType.ifPresent(type -> Preconditions.requireId(type, "source type"));
    // Microseconds: the precision every supported database keeps, so a saved webhook reads back
    // equal.
    createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
    keyRotatedAt =
        Objects.requireNonNull(keyRotatedAt, "keyRotatedAt").truncatedTo(ChronoUnit.MICROS);
    Objects.requireNonNull(previousKey, "previousKey");
    if (previousKey.isPresent() && previousKey.get().hash().sameAs(keyHash)) {
      throw new IllegalArgumentException(
          "a webhook's previous key must differ from its current key");
    }
  }

  /** A webhook without a previous key: its only key is {@code keyHash}. */
  public Webhook(
      WebhookId id,
      CompanyId company,
      String name,
      KeyHash keyHash,
      FieldMapping mapping,
      Optional<String> sourceType,
      Instant createdAt,
      Instant keyRotatedAt) {
    this(
        id, company, name, keyHash, mapping, sourceType, createdAt, keyRotatedAt, Optional.empty());
  }

  /**
   * Whether a call presenting a key that hashes to {@code presented} at {@code now} is a call of
   * this webhook: its current key always is; its previous key only before the grace period ends.
   * Compared in constant time.
   *
   * <p>The seed: "Any system using the old key must be updated immediately" after a regeneration. A
   * grace period (none unless the administrator asks for one) softens that for a set time, as
   * delivery services do when they roll a signing secret.
   */
  public boolean acceptsKey(KeyHash presented, Instant now) {
    Objects.requireNonNull(presented, "presented");
    Objects.requireNonNull(now, "now");
    boolean current = keyHash.sameAs(presented);
    boolean previous =
        previousKey.map(p -> p.hash().sameAs(presented) && p.validAt(now)).orElse(false);
    return current | previous;
  }

  /**
   * This webhook with a new key generated at {@code now}. With a zero grace period the old key
   * stops working at once; otherwise it keeps working until {@code now + gracePeriod}. Only one
   * previous key is kept: rotating again during a grace period ends the older key's grace at once.
   */
  public Webhook withRotatedKey(KeyHash next, Instant now, Duration gracePeriod) {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(gracePeriod, "gracePeriod");
    if (gracePeriod.isNegative()) {
      throw new IllegalArgumentException("gracePeriod must not be negative");
    }
    Optional<PreviousKey> previous =
        gracePeriod.isZero()
            ? Optional.empty()
            : Optional.of(new PreviousKey(keyHash, now.plus(gracePeriod)));
    return new Webhook(id, company, name, next, mapping, sourceType, createdAt, now, previous);
  }

  /** This webhook with another name, mapping and source type; key and times unchanged. */
  public Webhook withSettings(
      String newName, FieldMapping newMapping, Optional<String> newSourceType) {
    return new Webhook(
        id,
        company,
        newName,
        keyHash,
        newMapping,
        newSourceType,
        createdAt,
        keyRotatedAt,
        previousKey);
  }

  /**
   * This webhook without its previous key, for storage that keeps none once its grace has ended.
   */
  public Webhook withoutPreviousKey() {
    return new Webhook(
        id, company, name, keyHash, mapping, sourceType, createdAt, keyRotatedAt, Optional.empty());
  }

  /**
   * A webhook's key before its last rotation, still accepted until {@code validUntil}.
   *
   * @param hash the stored form of the old key
   * @param validUntil the first instant at which the old key no longer authenticates
   */
  public record PreviousKey(KeyHash hash, Instant validUntil) {
    public PreviousKey {
      Objects.requireNonNull(hash, "hash");
      validUntil = Objects.requireNonNull(validUntil, "validUntil").truncatedTo(ChronoUnit.MICROS);
    }

    /** Whether the old key still authenticates at {@code now}. */
    public boolean validAt(Instant now) {
      return now.isBefore(validUntil);
    }
  }
}
