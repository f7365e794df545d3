package io.learnhook.http.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.OptionalLong;

/** Reads a body, but never more than the limit: a larger body is refused while it streams in. */
final class BoundedBody {
  /** The body is larger than the limit. */
  static final class TooLargeException extends Exception {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message, null, false, false);
    }
  }

  private BoundedBody() {}

  static byte[] read(InputStream in, OptionalLong declaredLength, long limit)
      throws IOException, TooLargeException {
    if (declaredLength.isPresent() && declaredLength.getAsLong() > limit) {
      throw new TooLargeException(tooLarge(limit));
    }
    int expected = (int) Math.min(declaredLength.orElse(8192), limit);
    byte[] buffer = new byte[Math.max(expected, 16)];
    int size = 0;
    while (true) {
      if (size == buffer.length) {
        // Full, as it is when the body is as long as declared: one more byte tells whether it
        // ended,
        // so that such a body is returned as read, with no buffer twice its size and no copy.
        int next = in.read();
        if (next < 0) {
          return buffer;
        }
        if (size + 1L > limit) {
          throw new TooLargeException(tooLarge(limit));
        }
        // Grow to at most one byte past the limit: that byte is how we learn the body is too large.
        buffer = Arrays.copyOf(buffer, (int) Math.min((long) size * 2, limit + 1));
        buffer[size++] = (byte) next;
        continue;
      }
      int read = in.read(buffer, size, buffer.length - size);
      if (read < 0) {
        break;
      }
      size += read;
      if (size > limit) {
        throw new TooLargeException(tooLarge(limit));
      }
    }
    return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
  }

  private static String tooLarge(long limit) {
    return "Body is larger than the limit of " + limit + " bytes (IngestLimits.maxBodyBytes)";
  }
}
