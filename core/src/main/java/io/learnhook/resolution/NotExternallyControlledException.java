package io.learnhook.resolution;

import io.learnhook.directory.Item;

/**
 * The item was found, but its completion is not controlled externally, so a webhook may not
 * complete it. Answered 422 with {@link #publicMessage()}: the completion is not silently ignored.
 */
public final class NotExternallyControlledException extends ResolutionException {
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
