package io.learnhook.delivery;

import io.learnhook.internal.Preconditions;
import io.learnhook.internal.RandomUuids;

/**
 * Identifies one claim of deliveries by one worker. A worker may finish a delivery only under the
 * claim it holds: once its lease has expired and another worker has claimed the delivery, the late
 * worker's result no longer moves the delivery's state.
 */
public record ClaimId(String value) {
  public ClaimId {
    Preconditions.requireId(value, "claim id");
  }

  public static ClaimId of(String value) {
    return new ClaimId(value);
  }

  public static ClaimId random() {
    return new ClaimId(RandomUuids.next());
  }

  @Override
  public String toString() {
    return value;
  }
}
