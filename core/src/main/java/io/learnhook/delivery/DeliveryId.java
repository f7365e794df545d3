package io.learnhook.delivery;

import io.learnhook.internal.Preconditions;
import io.learnhook.internal.RandomUuids;

/**
 * Identifies one report to one subscriber. It is sent as the {@code webhook-id} header, the same on
 * every attempt and on a redelivery, so that a receiver can recognise a report it already has.
 */
public record DeliveryId(String value) {
  public DeliveryId {
    Preconditions.requireId(value, "delivery id");
  }

  public static DeliveryId of(String value) {
    return new DeliveryId(value);
  }

  /** A new random id: {@code msg_} and a UUID, in the style of the Standard Webhooks examples. */
  public static DeliveryId random() {
    return new DeliveryId("msg_" + RandomUuids.next().replace("-", ""));
  }

  @Override
  public String toString() {
    return value;
  }
}
