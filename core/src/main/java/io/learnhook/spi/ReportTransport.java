package io.learnhook.spi;

import io.learnhook.delivery.CallbackAddressRule;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryAttempt;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SigningSecret;
import io.learnhook.error.LearnHookException;
import io.learnhook.internal.Preconditions;
import io.learnhook.internal.Version;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends one report over the network: {@code learnhook-http}'s {@code HttpReportTransport} on the
 * JDK's {@code HttpClient}, or your own. It sends exactly the request's headers and body, follows
 * no redirect, and refuses a callback URL that leads to a non-public address unless the request
 * allows it ({@link ReportRequest#allowPrivateNetwork()}), applying {@link CallbackAddressRule} to
 * the address it actually connects to, before sending anything. {@code learnhook-testkit}'s {@code
 * ReportTransportContract} checks all of this against a real local receiver.
 */
public interface ReportTransport {
  /**
   * POSTs the request and returns whatever the subscriber answered, 2xx or not.
   *
   * @throws DeliveryException when no answer came (connection error, timeout) or the request was
   *     refused before it was sent; it says whether a retry makes sense
   */
  TransportResponse send(ReportRequest request);

  /**
   * The longest one {@link #send} may take, connection and answer included. Workers lease a
   * delivery for longer than this, so that no other worker takes it over while it is still being
   * sent.
   */
  Duration timeout();

  /**
   * The addresses a report to {@code host} may be sent to, for transports: the address written in
   * the URL, or every address {@code resolver} gives for the name; unless {@code allowPrivate},
   * each is held to {@link CallbackAddressRule} (a name is refused when any of its addresses is not
   * public).
   *
   * @throws DeliveryException a transient failure when the name cannot be resolved now, a permanent
   *     one when an address is refused
   */
  static List<InetAddress> checkedAddresses(
      CallbackAddressRule.HostResolver resolver, String host, boolean allowPrivate) {
    Optional<InetAddress> literal = CallbackAddressRule.literal(host);
    if (literal.isPresent()) {
      InetAddress address = literal.get();
      if (!allowPrivate) {
        CallbackAddressRule.whyRefused(address)
            .ifPresent(
                reason -> {
                  throw DeliveryException.permanentFailure(
                      "callback address "
                          + address.getHostAddress()
                          + " is "
                          + reason
                          + "; refused because the subscription does not allow private networks");
                });
      }
      return List.of(address);
    }
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      addresses = null;
    }
    if (addresses == null || addresses.isEmpty()) {
      throw DeliveryException.transientFailure("cannot resolve the callback host " + host, null);
    }
    if (!allowPrivate) {
      CallbackAddressRule.whyRefused(host, addresses)
          .ifPresent(
              reason -> {
                throw DeliveryException.permanentFailure(
                    reason + "; refused because the subscription does not allow private networks");
              });
    }
    return addresses;
  }

  /**
   * One POST of a report, as a transport sends it: the callback URL, every header, and the body's
   * exact bytes. Built by LearnHook for every attempt, so that every transport sends the same
   * headers:
   *
   * <ul>
   *   <li>{@code Content-Type: application/json} and {@code User-Agent: LearnHook/<version>};
   *   <li>{@code webhook-id}: the delivery's id, the same on every attempt;
   *   <li>{@code webhook-timestamp}: this attempt's time, in seconds since the epoch;
   *   <li>{@code webhook-signature}, when the subscription has a signing secret (Standard
   *       Webhooks): {@code v1,<signature>}, and while a rotated-out secret's grace period lasts
   *       {@code v1,<signature with the new secret> v1,<signature with the old one>};
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
     * The request for one attempt to deliver {@code delivery} to {@code subscription} at {@code
     * now}.
     */
    public static ReportRequest of(
        Delivery delivery, ReportSubscription subscription, Instant now) {
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
      // During a rotation's grace period both secrets sign, space-separated (Standard Webhooks):
      // a receiver that still has the old secret accepts the report, and so does one with the new.
      List<String> signatures = new ArrayList<>(2);
      for (SigningSecret secret : subscription.signingSecretsAt(now)) {
        signatures.add(secret.sign(delivery.id().value(), timestamp, body));
      }
      if (!signatures.isEmpty()) {
        headers.put("webhook-signature", String.join(" ", signatures));
      }
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

  /**
   * What a subscriber answered.
   *
   * @param status the HTTP status
   * @param retryAfter the {@code Retry-After} header as sent, if any
   * @param body the start of the answer's body, at most {@link DeliveryAttempt#MAX_RESPONSE_LENGTH}
   *     characters
   */
  public record TransportResponse(int status, Optional<String> retryAfter, String body) {
    public TransportResponse {
      if (status < 100 || status > 999) {
        throw new IllegalArgumentException("status must be from 100 to 999, was " + status);
      }
      Objects.requireNonNull(retryAfter, "retryAfter");
      body =
          Preconditions.cut(
              Objects.requireNonNull(body, "body"), DeliveryAttempt.MAX_RESPONSE_LENGTH);
    }

    public static TransportResponse of(int status) {
      return new TransportResponse(status, Optional.empty(), "");
    }

    /** Whether the answer is 2xx, the only kind that counts as delivered. */
    public boolean successful() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * A report could not be delivered, and whether trying again may help: a connection error or a
   * timeout may pass; a callback URL that leads to a forbidden address, or a request the transport
   * cannot make, will not.
   *
   * <p>Messages never contain the Authorization value, the signing secret, or the callback URL's
   * path and query (which may carry tokens).
   */
  public class DeliveryException extends LearnHookException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public DeliveryException(String message, boolean retryable) {
      super(message);
      this.retryable = retryable;
    }

    public DeliveryException(String message, boolean retryable, Throwable cause) {
      super(message, cause);
      this.retryable = retryable;
    }

    /** A failure that may pass: the connection failed or timed out. */
    public static DeliveryException transientFailure(String message, Throwable cause) {
      return new DeliveryException(message, true, cause);
    }

    /** A failure that will not pass by itself: the next attempt would fail the same way. */
    public static DeliveryException permanentFailure(String message) {
      return new DeliveryException(message, false);
    }

    /** Whether a later attempt may succeed. */
    public boolean retryable() {
      return retryable;
    }
  }
}
