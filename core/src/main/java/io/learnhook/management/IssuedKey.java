package io.learnhook.management;

import io.learnhook.webhook.WebhookKey;
import java.util.Objects;

/**
 * A webhook and its new plain key, returned once by {@link WebhookAdministration#create} and {@link
 * WebhookAdministration#regenerateKey}: show the key to the administrator now, since LearnHook
 * keeps only its hash. {@link #toString()} does not show it.
 */
public record IssuedKey(WebhookSummary webhook, WebhookKey key) {
  public IssuedKey {
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(key, "key");
  }
}
