package io.learnhook.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpHandler;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The baseline of the HTTP load harness: an endpoint that only reads the body, parses it with
 * Jackson and answers 201 with a small JSON body, on each server stack LearnHook's bindings run on.
 * Whatever LearnHook does beyond that (authentication, mapping, lookups, recording, the request
 * log) is what the ratio to it measures.
 */
final class BareEndpoints {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** About the size of LearnHook's 201 answer (status, completion, user and item ids). */
  private static final byte[] CREATED =
      ("{\"status\":\"recorded\",\"completion_id\":\"00000000-0000-0000-0000-000000000000\","
              + "\"user_id\":\"u-0\",\"item_id\":\"i-0\"}")
          .getBytes(StandardCharsets.UTF_8);

  private BareEndpoints() {}

  /** On the JDK's {@code HttpServer}. */
  static HttpHandler jdk() {
    return exchange -> {
      try (exchange) {
        parse(exchange.getRequestBody());
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(201, CREATED.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(CREATED);
        }
      }
    };
  }

  /** As a servlet. */
  static HttpServlet servlet() {
    return new HttpServlet() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void doPost(HttpServletRequest request, HttpServletResponse response)
          throws IOException {
        parse(request.getInputStream());
        response.setStatus(201);
        response.setContentType("application/json; charset=utf-8");
        response.setContentLength(CREATED.length);
        response.getOutputStream().write(CREATED);
      }
    };
  }

  private static JsonNode parse(InputStream body) throws IOException {
    JsonNode tree = JSON.readTree(body.readAllBytes());
    if (tree == null || !tree.isObject()) {
      throw new IOException("not a JSON object");
    }
    return tree;
  }
}
