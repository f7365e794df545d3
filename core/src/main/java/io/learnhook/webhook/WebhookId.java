package io.learnhook.webhook;

import io.learnhook.internal.Preconditions;
import io.learnhook.internal.RandomUuids;

/** Identifies a webhook. Not a secret: the key is. */
public record WebhookId(String value) {
  public WebhookId {
    Preconditions.requireId(value, "webhook id");
  }

  public static WebhookId of(String value) {
    return new WebhookId(value);
  }

  /** A new random id. */
  public static WebhookId random() {
    return new WebhookId(RandomUuids.next());
  }

  @Override
  public String toString() {
    return value;
  }
}
