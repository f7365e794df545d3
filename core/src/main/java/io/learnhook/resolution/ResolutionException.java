package io.learnhook.resolution;

import io.learnhook.directory.Item;
import io.learnhook.error.LearnHookException;

/**
 * A mapped payload names no item or user that can take the completion. The message says what was
 * tried, for the log; the HTTP answer stays the short one of the public contract ({@link
 * #publicMessage()}).
 */
public abstract sealed class ResolutionException extends LearnHookException {
  private static final long serialVersionUID = 1L;

  protected ResolutionException(String message) {
    super(message);
  }

  /** What the caller of the endpoint is told. */
  public abstract String publicMessage();

  /**
   * No item of the company matched any identifier of the payload. Answered 404 "Item not found".
   */
  public static final class ItemNotFoundException extends ResolutionException {
    private static final long serialVersionUID = 1L;

    public ItemNotFoundException(String tried) {
      super("No item matched: " + tried);
    }

    @Override
    public String publicMessage() {
      return "Item not found";
    }
  }

  /** No active user of the company has the payload's email. Answered 404 "User not found". */
  public static final class UserNotFoundException extends ResolutionException {
    private static final long serialVersionUID = 1L;

    /**
     * @param why whether no user has the email or only inactive ones do, e.g. {@code user with
     *     email 'a@b.test' exists but is inactive (company 'acme')}
     */
    public UserNotFoundException(String why) {
      super(why);
    }

    @Override
    public String publicMessage() {
      return "User not found";
    }
  }

  /**
   * The item was found, but its completion is not controlled externally, so a webhook may not
   * complete it. Answered 422 with {@link #publicMessage()}: the completion is not silently
   * ignored.
   */
  public static final class NotExternallyControlledException extends ResolutionException {
    private static final long serialVersionUID = 1L;

    private final String publicMessage;

    public NotExternallyControlledException(Item item, String why) {
      super("Item '" + item.id() + "' (" + item.type() + ") refuses webhook completions: " + why);
      this.publicMessage =
          "Item '"
              + item.id()
              + "' does not have its completion controlled externally: "
              + why
              + "; the completion was not recorded";
    }

    @Override
    public String publicMessage() {
      return publicMessage;
    }
  }
}
