package io.learnhook.http.servlet;

import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The request body as the endpoint reads it. A container may end a read with an unchecked exception
 * of its own rather than an {@link IOException}: Jetty 12 throws {@code BadMessageException} (408)
 * when a body arrives more slowly than its minimum data rate. Either way the body could not be
 * read, which is the sender's doing, not an internal error: the endpoint answers 400.
 */
final class ContainerBody extends InputStream {
  private final ServletInputStream in;

  ContainerBody(ServletInputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    try {
      return in.read();
    } catch (RuntimeException e) {
      throw unreadable(e);
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    try {
      return in.read(buffer, offset, length);
    } catch (RuntimeException e) {
      throw unreadable(e);
    }
  }

  @Override
  public int available() throws IOException {
    try {
      return in.available();
    } catch (RuntimeException e) {
      throw unreadable(e);
    }
  }

  private static IOException unreadable(RuntimeException e) {
    // The container's message names the reason (a data rate, a timeout); it never holds the body.
    return new IOException("The container stopped reading the body: " + e.getMessage(), e);
  }
}
