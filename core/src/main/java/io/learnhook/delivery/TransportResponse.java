package io.learnhook.delivery;

import java.util.Objects;
import java.util.Optional;

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
    body = Delivery.cut(Objects.requireNonNull(body, "body"), DeliveryAttempt.MAX_RESPONSE_LENGTH);
  }

  public static TransportResponse of(int status) {
    return new TransportResponse(status, Optional.empty(), "");
  }

  /** Whether the answer is 2xx, the only kind that counts as delivered. */
  public boolean successful() {
    return status >= 200 && status < 300;
  }
}
