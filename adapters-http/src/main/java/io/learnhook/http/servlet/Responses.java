package io.learnhook.http.servlet;

import io.learnhook.ingest.EndpointResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Writes answers; what both servlets share. */
final class Responses {
  static final byte[] NOT_FOUND = json("{\"error\":\"Not found\"}");
  static final byte[] INTERNAL_ERROR = json("{\"error\":\"Internal error\"}");

  private Responses() {}

  static void send(HttpServletResponse response, EndpointResponse answer) throws IOException {
    send(response, answer.status(), answer.headers(), answer.body());
  }

  static void send(HttpServletResponse response, int status, Map<String, String> headers, byte[] body)
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

  /** Answers 500 unless the status line is already out, in which case the container cuts the answer. */
  static void internalError(HttpServletResponse response) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.reset();
    send(response, 500, Map.of(), INTERNAL_ERROR);
  }

  /**
   * The host a request was sent to, normalised as {@link io.learnhook.http.TenantResolver#tenantOf}
   * documents: lower-cased, without port or trailing dot; an IPv6 literal keeps its brackets.
   */
  static String host(String serverName) {
    if (serverName == null) {
      return "";
    }
    String host = serverName.strip().toLowerCase(Locale.ROOT);
    if (host.contains(":") && !host.startsWith("[")) {
      // The servlet API gives an IPv6 literal without its brackets.
      host = "[" + host + "]";
    }
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
