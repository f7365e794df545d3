package io.learnhook.management;

/** The change would clash with what exists, such as a second webhook of the same name. 409. */
public final class ConflictException extends ManagementException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }

  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
