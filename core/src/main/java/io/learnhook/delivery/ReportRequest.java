package io.learnhook.delivery;

import io.learnhook.internal.Version;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One POST of a report, as a transport sends it: the callback URL, every header, and the body's
 * exact bytes. Built by LearnHook for every attempt, so that every transport sends the same
 * headers:
 *
 * <ul>
 *   <li>{@code Content-Type: application/json} and {@code User-Agent: LearnHook/<version>};
 *   <li>{@code webhook-id}: the delivery's id, the same on every attempt;
 *   <li>{@code webhook-timestamp}: this attempt's time, in seconds since the epoch;
 *   <li>{@code webhook-signature}, when the subscription has a signing secret (Standard Webhooks);
 *   <li>{@code Authorization}, exactly as the subscription has it, when it has one.
 * </ul>
 *
 * <p>{@link #toString()} shows neither the Authorization value nor the signature.
 */
public final class ReportRequest {
  /** The content type of every report. */
  public static final String CONTENT_TYPE = "application/json";

  private final DeliveryId id;
  private final URI callbackUrl;
  private final Map<String, String> headers;
  private final byte[] body;
  private final boolean allowPrivateNetwork;

  private ReportRequest(
      DeliveryId id,
      URI callbackUrl,
      Map<String, String> headers,
      byte[] body,
      boolean allowPrivateNetwork) {
    this.id = id;
    this.callbackUrl = callbackUrl;
    this.headers = Collections.unmodifiableMap(headers);
    this.body = body;
    this.allowPrivateNetwork = allowPrivateNetwork;
  }

  /**
   * The request for one attempt to deliver {@code delivery} to {@code subscription} at {@code now}.
   */
  public static ReportRequest of(Delivery delivery, ReportSubscription subscription, Instant now) {
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(subscription, "subscription");
    if (!delivery.subscription().equals(subscription.id())) {
      throw new IllegalArgumentException(
          "delivery " + delivery.id() + " is not for subscription " + subscription.id());
    }
    byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
    long timestamp = now.getEpochSecond();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", CONTENT_TYPE);
    headers.put("User-Agent", userAgent());
    headers.put("webhook-id", delivery.id().value());
    headers.put("webhook-timestamp", Long.toString(timestamp));
    subscription
        .signingSecret()
        .ifPresent(
            secret ->
                headers.put(
                    "webhook-signature", secret.sign(delivery.id().value(), timestamp, body)));
    subscription.authorization().ifPresent(value -> headers.put("Authorization", value));
    return new ReportRequest(
        delivery.id(),
        subscription.callbackUrl(),
        headers,
        body,
        subscription.allowPrivateNetwork());
  }

  /** {@code LearnHook/<version>}. */
  public static String userAgent() {
    return "LearnHook/" + Version.value();
  }

  public DeliveryId id() {
    return id;
  }

  public URI callbackUrl() {
    return callbackUrl;
  }

  /** Every header to send, in order; names as written above. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The body's bytes (a copy). */
  public byte[] body() {
    return body.clone();
  }

  /** Whether the callback URL may lead to a non-public address. */
  public boolean allowPrivateNetwork() {
    return allowPrivateNetwork;
  }

  @Override
  public String toString() {
    StringBuilder text =
        new StringBuilder("ReportRequest[")
            .append(id)
            .append(" to ")
            .append(callbackUrl.getScheme())
            .append("://")
            .append(callbackUrl.getHost())
            .append(callbackUrl.getPort() == -1 ? "" : ":" + callbackUrl.getPort())
            .append(", headers=");
    headers.forEach(
        (name, value) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          boolean secret = lower.equals("authorization") || lower.equals("webhook-signature");
          text.append(name).append(": ").append(secret ? "[redacted]" : value).append("; ");
        });
    return text.append(body.length).append(" bytes]").toString();
  }
}
