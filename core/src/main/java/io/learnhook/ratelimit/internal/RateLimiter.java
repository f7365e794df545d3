package io.learnhook.ratelimit.internal;

import io.learnhook.ratelimit.RateLimits;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.Webhook.RateLimit;
import io.learnhook.webhook.WebhookId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets, one per webhook heard from, in this node's memory. {@link #tryAcquire} answers at
 * once, never waiting: a call over the limit is refused with the time after which one would be let
 * through.
 *
 * <p>Memory stays bounded: a bucket that has refilled completely is no different from a new one, so
 * every {@value #SWEEP_EVERY} calls the full buckets are dropped. What remains is one small bucket
 * per webhook that called within the time its bucket takes to refill ({@code burst / perSecond}: 4
 * s by default); a deleted or idle webhook's bucket goes with the next sweep after that.
 *
 * <p>Thread-safe; the work per call is a map lookup and a few arithmetic operations under the
 * bucket's own lock.
 */
public final class RateLimiter {
  /** How many calls between two sweeps of full buckets. */
  static final int SWEEP_EVERY = 1024;

  private final RateLimits limits;
  private final Clock clock;
  private final Instant origin;
  private final ConcurrentMap<WebhookId, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong calls = new AtomicLong();

  public RateLimiter(RateLimits limits, Clock clock) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.origin = clock.instant();
  }

  /**
   * Takes one token from {@code webhook}'s bucket.
   *
   * @return empty when the call may proceed; otherwise the refusal, saying when to retry
   */
  public Optional<Refusal> tryAcquire(Webhook webhook) {
    Optional<RateLimit> limit = limits.limitFor(webhook);
    long now = nanosNow();
    if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
      sweep(now);
    }
    if (limit.isEmpty()) {
      buckets.remove(webhook.id());
      return Optional.empty();
    }
    RateLimit rate = limit.get();
    Refusal[] refusal = new Refusal[1];
    buckets.compute(
        webhook.id(),
        (id, bucket) -> {
          Bucket current = bucket == null ? new Bucket(rate, now) : bucket.resizedTo(rate);
          refusal[0] = current.take(now);
          return current;
        });
    return Optional.ofNullable(refusal[0]);
  }

  /** How many buckets are held, for tests of the memory bound. */
  int size() {
    return buckets.size();
  }

  /** Drops the buckets that have refilled completely. */
  void sweep() {
    sweep(nanosNow());
  }

  private void sweep(long now) {
    for (WebhookId id : buckets.keySet()) {
      buckets.computeIfPresent(id, (key, bucket) -> bucket.fullAt(now) ? null : bucket);
    }
  }

  private long nanosNow() {
    // Relative to the limiter's start, so that the arithmetic never overflows; a clock that goes
    // back counts as standing still (see Bucket#refill).
    return Duration.between(origin, clock.instant()).toNanos();
  }

  /**
   * A call refused: the webhook's limit and how long until a call would be let through.
   *
   * @param limit the webhook's limit
   * @param retryAfter at least one second, rounded up to whole seconds as {@code Retry-After} says
   *     it
   * @param firstInARow whether the calls just before were let through (worth a log line; the ones
   *     that follow are not)
   */
  public record Refusal(RateLimit limit, Duration retryAfter, boolean firstInARow) {
    public Refusal {
      Objects.requireNonNull(limit, "limit");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** {@link #retryAfter()} as the {@code Retry-After} header's whole seconds. */
    public long retryAfterSeconds() {
      return retryAfter.toSeconds();
    }
  }

  /** One webhook's bucket; its fields change only under the map's lock for its key. */
  private static final class Bucket {
    private final RateLimit rate;
    private double tokens;
    private long updated;
    private boolean refusing;

    Bucket(RateLimit rate, long now) {
      this.rate = rate;
      this.tokens = rate.burst();
      this.updated = now;
    }

    private Bucket(RateLimit rate, double tokens, long updated, boolean refusing) {
      this.rate = rate;
      this.tokens = Math.min(tokens, rate.burst());
      this.updated = updated;
      this.refusing = refusing;
    }

    /** This bucket under a limit that changed since it was made, keeping what it had used. */
    Bucket resizedTo(RateLimit other) {
      return other.equals(rate) ? this : new Bucket(other, tokens, updated, refusing);
    }

    Refusal take(long now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        refusing = false;
        return null;
      }
      double seconds = (1 - tokens) / rate.perSecond();
      long whole = Math.max(1, (long) Math.ceil(seconds));
      Refusal refusal = new Refusal(rate, Duration.ofSeconds(whole), !refusing);
      refusing = true;
      return refusal;
    }

    boolean fullAt(long now) {
      refill(now);
      return tokens >= rate.burst();
    }

    private void refill(long now) {
      if (now <= updated) {
        return;
      }
      tokens = Math.min(rate.burst(), tokens + (now - updated) / 1e9 * rate.perSecond());
      updated = now;
    }
  }
}
