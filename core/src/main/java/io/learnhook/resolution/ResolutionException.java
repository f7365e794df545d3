package io.learnhook.resolution;

import io.learnhook.error.LearnHookException;

/**
 * A mapped payload names no item or user that can take the completion. The message says what was
 * tried, for the log; the HTTP answer stays the short one of the public contract ({@link
 * #publicMessage()}).
 */
public abstract class ResolutionException extends LearnHookException {
  private static final long serialVersionUID = 1L;

  protected ResolutionException(String message) {
    super(message);
  }

  /** What the caller of the endpoint is told. */
  public abstract String publicMessage();
}
