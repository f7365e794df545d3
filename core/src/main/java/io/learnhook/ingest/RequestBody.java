package io.learnhook.ingest;

import java.util.Optional;

/**
 * The body of a call, not yet read: {@link CompletionIngest} reads it only after the key is
 * accepted, and asks for no more than its size limit, so an adapter can refuse a larger body while
 * it streams in.
 */
@FunctionalInterface
public interface RequestBody {
  /**
   * The whole body, when it is at most {@code maxBytes} long; empty when it is longer, read no
   * further than needed to tell.
   *
   * @throws UnreadableBodyException when the body could not be read to its end
   */
  Optional<byte[]> readAtMost(long maxBytes);

  /** A body already in memory. */
  static RequestBody of(byte[] bytes) {
    byte[] copy = bytes.clone();
    return maxBytes -> copy.length > maxBytes ? Optional.empty() : Optional.of(copy.clone());
  }

  /** The body could not be read to its end: the sender stopped sending, or sent too slowly. */
  final class UnreadableBodyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message why, never quoting the body
     * @param cause what the adapter saw
     */
    public UnreadableBodyException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
