package io.learnhook.delivery;

/** Where a report to one subscriber stands. */
public enum DeliveryState {
  /** Waiting for its first attempt or its next retry, due at {@link Delivery#nextAttemptAt()}. */
  PENDING,
  /**
   * Claimed by a worker that is sending it now. If that worker dies, the delivery is claimed again
   * once the lease runs out.
   */
  IN_FLIGHT,
  /** The subscriber answered 2xx. */
  DELIVERED,
  /**
   * Given up: every retry failed, the subscriber answered 410 Gone, the callback URL was refused,
   * or the subscription was disabled or deleted. Kept, and may be sent again on request.
   */
  FAILED;

  /** Whether nothing more happens to the delivery unless someone asks for it to be sent again. */
  public boolean finished() {
    return this == DELIVERED || this == FAILED;
  }
}
