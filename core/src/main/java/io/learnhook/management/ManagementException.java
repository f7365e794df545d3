package io.learnhook.management;

import io.learnhook.error.LearnHookException;

/**
 * A management call was refused; nothing was changed. Each subclass is one reason, and says which
 * HTTP status the admin endpoints answer for it.
 */
public abstract class ManagementException extends LearnHookException {
  private static final long serialVersionUID = 1L;

  protected ManagementException(String message) {
    super(message);
  }

  protected ManagementException(String message, Throwable cause) {
    super(message, cause);
  }
}
