package io.learnhook.spi;

/**
 * Storage cannot be reached right now (connection refused or lost, pool exhausted, timeout); the
 * same call may succeed later. Adapters throw it only when nothing of the operation was written.
 */
public class StorageUnavailableException extends StorageException {
  private static final long serialVersionUID = 1L;

  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
