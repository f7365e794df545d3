package io.learnhook.delivery;

import io.learnhook.internal.Preconditions;
import io.learnhook.internal.RandomUuids;

/** Identifies a report subscription. */
public record SubscriptionId(String value) {
  public SubscriptionId {
    Preconditions.requireId(value, "subscription id");
  }

  public static SubscriptionId of(String value) {
    return new SubscriptionId(value);
  }

  /** A new random id. */
  public static SubscriptionId random() {
    return new SubscriptionId(RandomUuids.next());
  }

  @Override
  public String toString() {
    return value;
  }
}
