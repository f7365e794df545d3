package io.learnhook.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Not API. What a binding does with the part of a request body left unread by an early answer (401,
 * 403, 413, 429, …), for every binding alike.
 *
 * <p>A client sends its whole request before it reads: were the server to close the connection with
 * body bytes unread, its kernel would reset the connection, and the client, still writing, would
 * fail on the write and never read the answer (on some systems the reset also throws away an answer
 * already received). So, once the answer is out, the binding reads and throws away the rest of the
 * body, up to {@link #LIMIT} bytes and for up to {@link #TIME} (a lingering close): enough for any
 * body a client would send in good faith (four times the endpoint's default body limit), and
 * bounded, so that a sender of endless bytes costs at most that.
 */
public final class UnreadBody {
  /** The most bytes of a refused body read and thrown away. */
  public static final long LIMIT = 4L * 1024 * 1024;

  /** The longest a refused body is read and thrown away. */
  public static final Duration TIME = Duration.ofSeconds(2);

  private UnreadBody() {}

  /**
   * Whether a body of this declared length can be thrown away whole, so that its connection may
   * serve the next request; when not (too long, or of unknown length), the answer says {@code
   * Connection: close}.
   */
  public static boolean fitsDiscard(OptionalLong declaredLength) {
    return declaredLength.isPresent() && declaredLength.getAsLong() <= LIMIT;
  }

  /**
   * Reads and throws away the rest of {@code body}, up to {@link #LIMIT} bytes and {@link #TIME}
   * (checked between reads; a read that blocks is bounded by the server's own read deadline).
   * Returns whether the body ended; never throws.
   */
  public static boolean discard(InputStream body) {
    long deadline = System.nanoTime() + TIME.toNanos();
    byte[] buffer = new byte[16 * 1024];
    long discarded = 0;
    try {
      while (discarded < LIMIT && System.nanoTime() - deadline < 0) {
        int read = body.read(buffer, 0, (int) Math.min(buffer.length, LIMIT - discarded));
        if (read < 0) {
          return true;
        }
        discarded += read;
      }
      return false;
    } catch (IOException | RuntimeException gone) {
      // The sender stopped sending, or sent too slowly (Jetty throws its own unchecked
      // BadMessageException): the server ends the connection.
      return false;
    }
  }
}
