package io.learnhook.ratelimit;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How many calls a webhook may make: a token bucket that holds {@code burst} tokens and refills at
 * {@code perSecond} tokens a second; every call takes one.
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
   * As said in answers and logs: {@code 50 per second with bursts of 200}, or per minute for rates
   * below one a second ({@code 1 per minute with bursts of 1}).
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
