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

  /**
   * Storage cannot be reached right now (connection refused or lost, pool exhausted, timeout); the
   * same call may succeed later. Adapters throw it only when nothing of the operation was written.
   */
  public static class StorageUnavailableException extends StorageException {
    private static final long serialVersionUID = 1L;

    public StorageUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
