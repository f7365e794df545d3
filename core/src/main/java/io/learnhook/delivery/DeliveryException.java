package io.learnhook.delivery;

import io.learnhook.error.LearnHookException;

/**
 * A report could not be delivered, and whether trying again may help: a connection error or a
 * timeout may pass; a callback URL that leads to a forbidden address, or a request the transport
 * cannot make, will not.
 *
 * <p>Messages never contain the Authorization value, the signing secret, or the callback URL's path
 * and query (which may carry tokens).
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
