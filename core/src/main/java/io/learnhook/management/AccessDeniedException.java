package io.learnhook.management;

/** The actor's role may not manage webhooks (Managers and Learners may not even read them). 403. */
public final class AccessDeniedException extends ManagementException {
  private static final long serialVersionUID = 1L;

  public AccessDeniedException(String message) {
    super(message);
  }
}
