package io.learnhook.http.servlet;

import io.learnhook.http.ingest.EndpointResponse;
import io.learnhook.http.internal.UnreadBody;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;

/** Writes answers; what both servlets share. */
final class Responses {
  static final byte[] NOT_FOUND = json("{\"error\":\"Not found\"}");
  static final byte[] INTERNAL_ERROR = json("{\"error\":\"Internal error\"}");

  private Responses() {}

  /**
   * Answers a request whose body the engine may have left unread (refused with 401, 403, 413, 429,
   * …), without ever reading that body before the answer is out; then reads and throws away the
   * rest, bounded as {@link UnreadBody} says, so that a client still writing its body reads the
   * answer instead of a reset. When the declared length is within that bound the connection serves
   * on; when it is larger or unknown, the answer says {@code Connection: close} so that no client
   * sends its next request on it.
   */
  static void sendAfterBody(
      HttpServletResponse response, EndpointResponse answer, ServletInputStream body, long length)
      throws IOException {
    boolean unread = length != 0 && !body.isFinished();
    if (unread
        && !UnreadBody.fitsDiscard(length < 0 ? OptionalLong.empty() : OptionalLong.of(length))) {
      response.setHeader("Connection", "close");
    }
    send(response, answer);
    if (unread) {
      response.flushBuffer();
      UnreadBody.discard(body);
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
