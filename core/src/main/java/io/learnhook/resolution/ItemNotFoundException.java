package io.learnhook.resolution;

/** No item of the company matched any identifier of the payload. Answered 404 "Item not found". */
public final class ItemNotFoundException extends ResolutionException {
  private static final long serialVersionUID = 1L;

  public ItemNotFoundException(String tried) {
    super("No item matched: " + tried);
  }

  @Override
  public String publicMessage() {
    return "Item not found";
  }
}
