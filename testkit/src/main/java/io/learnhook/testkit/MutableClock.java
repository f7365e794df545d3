package io.learnhook.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it, for rules that depend on time (key grace
 * periods, retry schedules, leases, request-log retention) without sleeping. Thread-safe.
 */
public final class MutableClock extends Clock {
  // Shared with the clocks withZone() makes, so that moving one moves them all.
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** A clock at {@code now}, in UTC. */
  public static MutableClock at(Instant now) {
    return new MutableClock(
        new AtomicReference<>(Objects.requireNonNull(now, "now")), ZoneOffset.UTC);
  }

  /** A clock at an ISO-8601 instant, such as {@code 2026-01-15T10:00:00Z}. */
  public static MutableClock at(String isoInstant) {
    return at(Instant.parse(isoInstant));
  }

  /** Moves the clock forward (or back, with a negative duration). */
  public MutableClock advance(Duration by) {
    Objects.requireNonNull(by, "by");
    now.updateAndGet(instant -> instant.plus(by));
    return this;
  }

  /** Sets the clock. */
  public MutableClock set(Instant to) {
    now.set(Objects.requireNonNull(to, "to"));
    return this;
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    return new MutableClock(now, other);
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + "]";
  }
}
