package io.learnhook.error;

/**
 * Root of every exception LearnHook throws. Unchecked: callers handle the subclasses they can act
 * on (a {@code MappingException} when saving a webhook, a {@code StorageUnavailableException} to
 * retry later) and let the rest propagate.
 *
 * <p>Messages never contain webhook keys or Authorization values.
 */
public class LearnHookException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LearnHookException(String message) {
    super(message);
  }

  public LearnHookException(String message, Throwable cause) {
    super(message, cause);
  }
}
