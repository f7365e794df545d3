package io.learnhook.examples.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: the registry's meters in the Prometheus text format, for a scraper. No
 * authentication: the meters hold counts, durations and outcome names, never a key, a token, a
 * company or a user (docs/OPERATIONS.md); bind the app where only the scraper can reach it if even
 * counts are not to be seen.
 */
final class MetricsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  static final String PATH = "/metrics";

  /** The Prometheus text exposition format that {@link PrometheusMeterRegistry#scrape()} writes. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final transient PrometheusMeterRegistry registry;

  MetricsServlet(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Cache-Control", "no-store");
    String method = request.getMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      response.setStatus(405);
      response.setHeader("Allow", "GET, HEAD");
      return;
    }
    byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
    response.setStatus(200);
    response.setContentType(CONTENT_TYPE);
    response.setContentLength(body.length);
    if (method.equals("HEAD")) {
      return;
    }
    try (OutputStream out = response.getOutputStream()) {
      out.write(body);
    }
  }
}
