package io.learnhook.management;

/**
 * No such webhook (or company) in the actor's company. A webhook of another company is answered the
 * same way, so that an administrator cannot learn which ids exist elsewhere. 404.
 */
public final class NotFoundException extends ManagementException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
