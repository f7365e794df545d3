package io.learnhook.spi;

import io.learnhook.error.LearnHookException;

/** Storage failed in a way that retrying will not fix (a broken schema, a bug). */
public class StorageException extends LearnHookException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
