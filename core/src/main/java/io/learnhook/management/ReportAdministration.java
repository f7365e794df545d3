package io.learnhook.management;

import io.learnhook.reporting.Deliveries;
import java.time.Clock;
import java.util.Objects;

/**
 * A company's report subscriptions and deliveries, managed by its Owners and Admins: the same rule
 * as {@link WebhookAdministration} (Managers and Learners get nothing, not even a read; another
 * company's subscription or delivery is "not found", exactly like an unknown one).
 *
 * <p>Subscriptions: list, create (the callback URL checked against the private-network rule when
 * saved), read, change, delete (its pending deliveries are cancelled), rotate the signing secret
 * with a grace period, queue a test report. Deliveries: list by subscription, state and time, read
 * one with its payload and attempts, send one again, send again every report in a state and time
 * range.
 *
 * <p>Get it from {@link io.learnhook.LearnHook#reportAdministration()}; serve it over HTTP with
 * learnhook-http's {@code AdminEndpoint}. Thread-safe.
 */
public final class ReportAdministration {
  private final Deliveries deliveries;
  private final Clock clock;

  /**
   * Use {@link io.learnhook.LearnHook#reportAdministration()}; this constructor is for tests and
   * the builder.
   */
  public ReportAdministration(Deliveries deliveries, Clock clock) {
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Throws {@link ManagementException.AccessDeniedException} unless the actor may manage the
   * company's reports (an Owner or an Admin).
   */
  public void requireAccess(Actor actor) {
    authorize(actor);
  }

  // ---- Subscriptions ----

  // ---- Deliveries ----

  /** The one place where roles are checked here: see {@link Actor.Role#mayManageWebhooks()}. */
  private static void authorize(Actor actor) {
    Objects.requireNonNull(actor, "actor");
    if (!actor.role().mayManageWebhooks()) {
      throw new ManagementException.AccessDeniedException(
          "Only a company's Owners and Admins may manage its report subscriptions");
    }
  }

  Deliveries deliveries() {
    return deliveries;
  }

  Clock clock() {
    return clock;
  }
}
