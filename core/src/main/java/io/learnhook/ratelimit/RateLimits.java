package io.learnhook.ratelimit;

import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.Webhook.RateLimit;
import io.learnhook.webhook.WebhookId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which {@link RateLimit} each webhook gets: a default for all, and overrides by webhook id, or a
 * function of the webhook for anything else (by company, by source type, from your own settings). A
 * webhook's own limit, set by its administrators ({@link Webhook#rateLimit()}, through {@code
 * WebhookAdministration.WebhookChanges#rateLimit} or the admin route), comes before the default and
 * the function; an override by id set here comes before everything.
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
 * <p>Limits apply per node (see {@link io.learnhook.ratelimit}): with N nodes behind a load
 * balancer a webhook may make up to N times its limit in all, unless {@link #dividedAmong} says how
 * many nodes share each limit. Immutable.
 */
public final class RateLimits {
  public static final double DEFAULT_PER_SECOND = 50;
  public static final int DEFAULT_BURST = 200;

  private final Optional<RateLimit> fallback;
  private final Map<WebhookId, Optional<RateLimit>> overrides;
  private final Function<Webhook, Optional<RateLimit>> function;
  private final int nodes;

  private RateLimits(
      Optional<RateLimit> fallback,
      Map<WebhookId, Optional<RateLimit>> overrides,
      Function<Webhook, Optional<RateLimit>> function,
      int nodes) {
    this.fallback = fallback;
    this.overrides = Map.copyOf(overrides);
    this.function = function;
    this.nodes = nodes;
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
    return new RateLimits(Optional.of(Objects.requireNonNull(limit, "limit")), Map.of(), null, 1);
  }

  /** No webhook limited (say, behind a gateway that limits already, or in a benchmark). */
  public static RateLimits off() {
    return new RateLimits(Optional.empty(), Map.of(), null, 1);
  }

  /**
   * Each webhook's limit as {@code limitOf} says (empty: not limited). It is asked on every call,
   * so it should be quick; a change in what it answers applies from the next call.
   */
  public static RateLimits perWebhook(Function<Webhook, Optional<RateLimit>> limitOf) {
    return new RateLimits(
        Optional.empty(), Map.of(), Objects.requireNonNull(limitOf, "limitOf"), 1);
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
    return new RateLimits(fallback, more, function, nodes);
  }

  /**
   * The same, with every limit read as the total of {@code nodes} nodes: each node applies {@link
   * RateLimit#dividedAmong} its share. Give it the number of nodes behind the load balancer when
   * limits are meant for the whole cluster; exact when the balancer spreads a webhook's calls
   * evenly, stricter when it pins a sender to one node (that node then allows only its share).
   * Default 1: every limit is per node.
   */
  public RateLimits dividedAmong(int nodes) {
    if (nodes < 1) {
      throw new IllegalArgumentException("nodes must be at least 1");
    }
    return new RateLimits(fallback, overrides, function, nodes);
  }

  /**
   * This node's limit for {@code webhook} (empty: not limited): its override here, else its own
   * {@link Webhook#rateLimit()}, else the function's answer, else the default; divided among the
   * nodes when {@link #dividedAmong} says so.
   */
  public Optional<RateLimit> limitFor(Webhook webhook) {
    Optional<RateLimit> total = totalFor(webhook);
    return nodes == 1 ? total : total.map(limit -> limit.dividedAmong(nodes));
  }

  private Optional<RateLimit> totalFor(Webhook webhook) {
    Optional<RateLimit> override = overrides.get(webhook.id());
    if (override != null) {
      return override;
    }
    if (webhook.rateLimit().isPresent()) {
      return webhook.rateLimit().get().limit();
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
        + (nodes == 1 ? "" : ", dividedAmong=" + nodes)
        + "]";
  }
}
