package io.learnhook.http.servlet;

import io.learnhook.http.ingest.EndpointResponse;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes answers; what both servlets share. */
final class Responses {
  static final byte[] NOT_FOUND = json("{\"error\":\"Not found\"}");
  static final byte[] INTERNAL_ERROR = json("{\"error\":\"Internal error\"}");

  /**
   * The most of a refused body read and thrown away after the answer, so that the connection can
   * serve the next request: about what an accepted call may send (the endpoint's default limit).
   */
  static final long DISCARD_LIMIT = 1024 * 1024;

  private Responses() {}

  /**
   * Answers a request whose body the engine may have left unread (refused with 401, 403, 413, …),
   * without ever reading that body before the answer is out. A body of a declared length up to
   * {@link #DISCARD_LIMIT} is read and thrown away after the answer, and the connection serves on;
   * a larger one, or one of unknown length, ends the connection, and the answer says {@code
   * Connection: close} so that no client sends its next request on it.
   */
  static void sendAfterBody(
      HttpServletResponse response, EndpointResponse answer, ServletInputStream body, long length)
      throws IOException {
    boolean unread = length != 0 && !body.isFinished();
    boolean discard = unread && length > 0 && length <= DISCARD_LIMIT;
    if (unread && !discard) {
      response.setHeader("Connection", "close");
    }
    send(response, answer);
    if (discard) {
      response.flushBuffer();
      byte[] buffer = new byte[8192];
      try {
        while (body.read(buffer) >= 0) {
          // thrown away: the answer is out
        }
      } catch (IOException | RuntimeException gone) {
        // The sender stopped sending (or sent too slowly: Jetty throws its own unchecked
        // BadMessageException); the container ends the connection.
      }
    }
  }

  static void send(HttpServletResponse response, EndpointResponse answer) throws IOException {
    send(response, answer.status(), answer.headers(), answer.body());
  }

  static void send(
      HttpServletResponse response, int status, Map<String, String> headers, byte[] body)
      throws IOException {
    response.setStatus(status);
    headers.forEach(response::setHeader);
    if (body.length == 0) {
      return;
    }
    response.setContentType(EndpointResponse.CONTENT_TYPE);
    response.setContentLength(body.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(body);
    }
  }

  /**
   * Answers 500 unless the status line is already out, in which case the container cuts the answer.
   */
  static void internalError(HttpServletResponse response) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.reset();
    send(response, 500, Map.of(), INTERNAL_ERROR);
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
