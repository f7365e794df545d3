package io.learnhook.webhook;

import io.learnhook.directory.CompanyId;
import io.learnhook.internal.Preconditions;
import io.learnhook.mapping.FieldMapping;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
 * @param rateLimit the rate limit its administrators set for it (a limit, or none at all); empty
 *     when the engine's {@code RateLimits} decide, as for every webhook by default
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
    Optional<PreviousKey> previousKey,
    Optional<RateLimitSetting> rateLimit) {

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
    Objects.requireNonNull(rateLimit, "rateLimit");
  }

  /** A webhook whose rate limit the engine's {@code RateLimits} decide. */
  public Webhook(
      WebhookId id,
      CompanyId company,
      String name,
      KeyHash keyHash,
      FieldMapping mapping,
      Optional<String> sourceType,
      Instant createdAt,
      Instant keyRotatedAt,
      Optional<PreviousKey> previousKey) {
    this(
        id,
        company,
        name,
        keyHash,
        mapping,
        sourceType,
        createdAt,
        keyRotatedAt,
        previousKey,
        Optional.empty());
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
    return new Webhook(
        id, company, name, next, mapping, sourceType, createdAt, now, previous, rateLimit);
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
        previousKey,
        rateLimit);
  }

  /**
   * This webhook with its own rate limit ({@code setting}), or, when empty, with the one the
   * engine's {@code RateLimits} give it; nothing else changes.
   */
  public Webhook withRateLimit(Optional<RateLimitSetting> setting) {
    return new Webhook(
        id,
        company,
        name,
        keyHash,
        mapping,
        sourceType,
        createdAt,
        keyRotatedAt,
        previousKey,
        setting);
  }

  /**
   * This webhook without its previous key, for storage that keeps none once its grace has ended.
   */
  public Webhook withoutPreviousKey() {
    return new Webhook(
        id,
        company,
        name,
        keyHash,
        mapping,
        sourceType,
        createdAt,
        keyRotatedAt,
        Optional.empty(),
        rateLimit);
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

  /**
   * How many calls a webhook may make: a token bucket that holds {@code burst} tokens and refills
   * at {@code perSecond} tokens a second; every call takes one.
   *
   * @param perSecond the sustained rate, calls per second (may be below 1, e.g. 0.5 for one call
   *     every two seconds)
   * @param burst how many calls may arrive at once after a quiet spell; at least 1
   */
  public record RateLimit(double perSecond, int burst) {
    public RateLimit {
      if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
        throw new IllegalArgumentException("a rate limit's perSecond must be a positive number");
      }
      if (burst < 1) {
        throw new IllegalArgumentException("a rate limit's burst must be at least 1");
      }
    }

    /** {@code perSecond} calls a second, with bursts of up to {@code burst}. */
    public static RateLimit perSecond(double perSecond, int burst) {
      return new RateLimit(perSecond, burst);
    }

    /** {@code perMinute} calls a minute, with bursts of up to {@code burst}. */
    public static RateLimit perMinute(double perMinute, int burst) {
      return new RateLimit(perMinute / 60, burst);
    }

    /**
     * This limit shared by {@code nodes} nodes: each gets {@code perSecond / nodes} and {@code
     * burst / nodes} rounded up (at least 1), so that together they allow about this limit.
     */
    public RateLimit dividedAmong(int nodes) {
      if (nodes < 1) {
        throw new IllegalArgumentException("nodes must be at least 1");
      }
      return nodes == 1
          ? this
          : new RateLimit(perSecond / nodes, Math.max(1, (burst + nodes - 1) / nodes));
    }

    /**
     * As said in answers and logs: {@code 50 per second with bursts of 200}, or per minute for
     * rates below one a second ({@code 1 per minute with bursts of 1}).
     */
    @Override
    public String toString() {
      boolean slow = perSecond < 1;
      return BigDecimal.valueOf(slow ? perSecond * 60 : perSecond)
              .setScale(3, RoundingMode.HALF_UP)
              .stripTrailingZeros()
              .toPlainString()
          + (slow ? " per minute" : " per second")
          + " with bursts of "
          + burst;
    }
  }

  /**
   * A rate limit a webhook's administrators chose for it: a {@link RateLimit}, or {@link #off()}
   * (not limited at all). A webhook without one is limited as the engine's {@code RateLimits} say.
   *
   * @param limit the limit; empty when the webhook is not limited
   */
  public record RateLimitSetting(Optional<RateLimit> limit) {
    private static final RateLimitSetting OFF = new RateLimitSetting(Optional.empty());

    public RateLimitSetting {
      Objects.requireNonNull(limit, "limit");
    }

    /** Limited to {@code limit}. */
    public static RateLimitSetting of(RateLimit limit) {
      return new RateLimitSetting(Optional.of(Objects.requireNonNull(limit, "limit")));
    }

    /** Not limited at all. */
    public static RateLimitSetting off() {
      return OFF;
    }

    /** Whether the webhook is not limited at all. */
    public boolean isOff() {
      return limit.isEmpty();
    }

    /** {@code off}, or the limit as {@link RateLimit#toString()} says it. */
    @Override
    public String toString() {
      return limit.map(RateLimit::toString).orElse("off");
    }
  }
}
