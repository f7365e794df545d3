package io.learnhook.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.learnhook.LearnHook;
import io.learnhook.http.internal.HealthAnswers;
import io.learnhook.http.internal.HealthAnswers.Answer;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /health} and {@code GET /health/live} on a JDK {@link
 * com.sun.net.httpserver.HttpServer}, for load balancers and orchestrators:
 *
 * <ul>
 *   <li>{@code /health}: 200 {@code {"status":"up","checks":{"database":"up","delivery_workers":
 *       "up"}}} when the database answers (within 2 seconds) and the delivery workers started on
 *       this engine run; otherwise 503 with {@code "status":"down"} and {@code "down"} for each
 *       check that failed ({@link LearnHook#health()}). A readiness probe: take the node out of the
 *       load balancer while it is down;
 *   <li>{@code /health/live}: 200 {@code {"status":"up"}} while the process runs. A liveness probe:
 *       it checks nothing else, so that a database outage does not get every node restarted.
 * </ul>
 *
 * No authentication and no secret in any answer; every answer says {@code Cache-Control: no-store}.
 * Another method: 405; another path under the context: 404. Mount it at {@code /health}:
 *
 * <pre>{@code
 * server.createContext("/health", new HealthHandler(learnHook));
 * }</pre>
 *
 * Thread-safe.
 */
public final class HealthHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(HealthHandler.class);

  private final LearnHook learnHook;

  /** Answers for {@code learnHook}. */
  public HealthHandler(LearnHook learnHook) {
    this.learnHook = Objects.requireNonNull(learnHook, "learnHook");
  }

  /** Answers one exchange and closes it. Never throws. */
  @Override
  public void handle(HttpExchange exchange) {
    try {
      Answer answer = answer(exchange);
      exchange.getResponseHeaders().set("Content-Type", HealthAnswers.CONTENT_TYPE);
      HealthAnswers.HEADERS.forEach(exchange.getResponseHeaders()::set);
      if (answer.status() == 405) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      }
      if ("HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(answer.status(), -1);
        return;
      }
      exchange.sendResponseHeaders(answer.status(), answer.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    } catch (IOException e) {
      LOG.debug("Connection lost while answering a health check: {}", e.toString());
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure while answering a health check", e);
    } finally {
      exchange.close();
    }
  }

  private Answer answer(HttpExchange exchange) {
    if (!HealthAnswers.allowed(exchange.getRequestMethod())) {
      return HealthAnswers.methodNotAllowed();
    }
    String context = trimmed(exchange.getHttpContext().getPath());
    String path = trimmed(exchange.getRequestURI().getPath());
    if (path.equals(context)) {
      return HealthAnswers.health(learnHook);
    }
    if (path.equals(context + "/live")) {
      return HealthAnswers.live();
    }
    return HealthAnswers.notFound();
  }

  /** The path without a trailing slash, so that {@code /health/} is {@code /health}. */
  private static String trimmed(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
