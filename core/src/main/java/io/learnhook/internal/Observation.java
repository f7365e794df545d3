package io.learnhook.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * Not API: what the use cases tell the observers registered on {@code LearnHook.Builder#observer}.
 * The use cases sit below the facade that declares the public observer, so they call this; the
 * facade adapts every registered observer to it and keeps an observer's failure from reaching the
 * call it observes.
 */
public interface Observation {
  /** Observes nothing. */
  Observation NONE = new Observation() {};

  /**
   * A webhook call was answered.
   *
   * @param outcome one of a fixed, small set of lower-case names ({@code recorded}, {@code
   *     duplicate}, {@code dry_run}, {@code batch}, or a refusal reason such as {@code
   *     invalid_key})
   */
  default void webhookCall(String outcome) {}

  /** A new completion was recorded (not a duplicate), by a webhook call or by the LMS. */
  default void completionRecorded() {}

  /**
   * One claimed delivery came to an outcome.
   *
   * @param outcome {@code delivered}, {@code retried} or {@code failed}
   * @param duration how long the report's POST took; empty when none was sent
   */
  default void deliveryFinished(String outcome, Optional<Duration> duration) {}
}
