package io.learnhook.resolution;

/** No active user of the company has the payload's email. Answered 404 "User not found". */
public final class UserNotFoundException extends ResolutionException {
  private static final long serialVersionUID = 1L;

  public UserNotFoundException(String tried) {
    super("No active user matched: " + tried);
  }

  @Override
  public String publicMessage() {
    return "User not found";
  }
}
