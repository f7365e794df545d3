package io.learnhook.ratelimit;

import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which {@link RateLimit} each webhook gets: a default for all, and overrides by webhook id, or a
 * function of the webhook for anything else (by company, by source type, from your own settings).
 *
 * <pre>{@code
 * LearnHook.builder()
 *     .rateLimits(RateLimits.defaults()                                  // 50/s, bursts of 200
 *         .withLimit(WebhookId.of("w-bulk-importer"), RateLimit.perSecond(500, 2000))
 *         .withoutLimit(WebhookId.of("w-internal")))
 * }</pre>
 *
 * <p>Default: {@value #DEFAULT_PER_SECOND} calls a second with bursts of {@value #DEFAULT_BURST}
 * per webhook. That is generous for any real sender (one call per completion, or a batch of up to
 * 1,000 in one call), lets a sender replay a backlog or a whole cohort's completions at once
 * without a single 429, and still keeps one runaway or hostile sender from taking a node: a node
 * records on the order of a thousand completions a second (docs/PERFORMANCE.md), so one webhook at
 * the limit uses a few percent of it.
 *
 * <p>Limits apply per node (see {@link io.learnhook.ratelimit}). Immutable.
 */
public final class RateLimits {
  public static final double DEFAULT_PER_SECOND = 50;
  public static final int DEFAULT_BURST = 200;

  private final Optional<RateLimit> fallback;
  private final Map<WebhookId, Optional<RateLimit>> overrides;
  private final Function<Webhook, Optional<RateLimit>> function;

  private RateLimits(
      Optional<RateLimit> fallback,
      Map<WebhookId, Optional<RateLimit>> overrides,
      Function<Webhook, Optional<RateLimit>> function) {
    this.fallback = fallback;
    this.overrides = Map.copyOf(overrides);
    this.function = function;
  }

  /**
   * Every webhook limited to {@value #DEFAULT_PER_SECOND} calls a second, bursts of {@value
   * #DEFAULT_BURST}.
   */
  public static RateLimits defaults() {
    return of(RateLimit.perSecond(DEFAULT_PER_SECOND, DEFAULT_BURST));
  }

  /** Every webhook limited to {@code limit}. */
  public static RateLimits of(RateLimit limit) {
    return new RateLimits(Optional.of(Objects.requireNonNull(limit, "limit")), Map.of(), null);
  }

  /** No webhook limited (say, behind a gateway that limits already, or in a benchmark). */
  public static RateLimits off() {
    return new RateLimits(Optional.empty(), Map.of(), null);
  }

  /**
   * Each webhook's limit as {@code limitOf} says (empty: not limited). It is asked on every call,
   * so it should be quick; a change in what it answers applies from the next call.
   */
  public static RateLimits perWebhook(Function<Webhook, Optional<RateLimit>> limitOf) {
    return new RateLimits(Optional.empty(), Map.of(), Objects.requireNonNull(limitOf, "limitOf"));
  }

  /** The same, with {@code webhook} limited to {@code limit} instead. */
  public RateLimits withLimit(WebhookId webhook, RateLimit limit) {
    return withOverride(webhook, Optional.of(Objects.requireNonNull(limit, "limit")));
  }

  /** The same, with {@code webhook} not limited at all. */
  public RateLimits withoutLimit(WebhookId webhook) {
    return withOverride(webhook, Optional.empty());
  }

  private RateLimits withOverride(WebhookId webhook, Optional<RateLimit> limit) {
    Map<WebhookId, Optional<RateLimit>> more = new HashMap<>(overrides);
    more.put(Objects.requireNonNull(webhook, "webhook"), limit);
    return new RateLimits(fallback, more, function);
  }

  /** The limit for {@code webhook}: its override, else the function's answer, else the default. */
  public Optional<RateLimit> limitFor(Webhook webhook) {
    Optional<RateLimit> override = overrides.get(webhook.id());
    if (override != null) {
      return override;
    }
    if (function != null) {
      return Objects.requireNonNull(
          function.apply(webhook), "the rate limit function returned null");
    }
    return fallback;
  }

  @Override
  public String toString() {
    return "RateLimits[default="
        + (function != null ? "per webhook" : fallback.map(RateLimit::toString).orElse("none"))
        + ", overrides="
        + overrides.size()
        + "]";
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
}
