package io.learnhook.requestlog;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of the request log is kept per webhook: at most {@code maxEntries} entries, none older
 * than {@code maxAge}. Pruning happens as calls arrive, so the log stays bounded without a
 * scheduler: each node prunes a webhook's log once every 128 calls of that webhook (every {@code
 * maxEntries} calls when that is fewer), so between two prunes a webhook's log may hold up to 127
 * newer entries per node beyond {@code maxEntries}, whatever the order in which calls of different
 * webhooks arrive. A webhook that gets no more calls is never pruned so; its entries older than
 * {@code maxAge} are deleted by the delivery workers' {@link
 * io.learnhook.reporting.DeliveryWorkers.Retention}, which takes {@code maxAge} as its request-log
 * age when the workers come from {@link io.learnhook.LearnHook#deliveries()}.
 */
public record RequestLogRetention(int maxEntries, Duration maxAge) {
  public RequestLogRetention {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1");
    }
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive");
    }
  }

  /** 1,000 entries or 30 days per webhook, whichever is less. */
  public static RequestLogRetention defaults() {
    return new RequestLogRetention(1000, Duration.ofDays(30));
  }
}
