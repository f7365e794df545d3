package io.learnhook.http.internal;

import io.learnhook.LearnHook;
import io.learnhook.LearnHook.Health;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not API: the answers of {@code GET /health} and {@code GET /health/live}, shared by the JDK
 * handler and the servlet. {@code /health}: 200 {@code
 * {"status":"up","checks":{"database":"up","delivery_workers":"up"}}}, or 503 with {@code "down"}
 * for the status and for each check that is down. {@code /health/live}: 200 {@code {"status":"up"}}
 * while the process runs. No secret, no detail beyond up or down: the endpoints need no
 * authentication. Never cached.
 */
public final class HealthAnswers {
  private static final Logger LOG = LoggerFactory.getLogger(HealthAnswers.class);

  /** Every answer's headers: a probe must see the state now, never a cached one. */
  public static final Map<String, String> HEADERS = Map.of("Cache-Control", "no-store");

  /** The JSON content type of every answer. */
  public static final String CONTENT_TYPE = "application/json; charset=utf-8";

  /** A status and a JSON body. */
  public record Answer(int status, byte[] body) {
    public Answer {
      Objects.requireNonNull(body, "body");
    }
  }

  private static final Answer LIVE = new Answer(200, json("{\"status\":\"up\"}"));
  private static final Answer METHOD_NOT_ALLOWED =
      new Answer(405, json("{\"error\":\"Method not allowed; use GET\"}"));
  private static final Answer NOT_FOUND = new Answer(404, json("{\"error\":\"Not found\"}"));

  private HealthAnswers() {}

  /** The answer to {@code GET /health}: the engine's checks. */
  public static Answer health(LearnHook learnHook) {
    Health health;
    try {
      health = learnHook.health();
    } catch (RuntimeException e) {
      // LearnHook.health() does not throw; should it, the node is not fit to serve.
      LOG.error("The health check failed", e);
      return new Answer(503, json("{\"status\":\"down\",\"checks\":{}}"));
    }
    String body =
        "{\"status\":\""
            + name(health.up())
            + "\",\"checks\":{\"database\":\""
            + name(health.database())
            + "\",\"delivery_workers\":\""
            + name(health.deliveryWorkers())
            + "\"}}";
    return new Answer(health.up() ? 200 : 503, json(body));
  }

  /** The answer to {@code GET /health/live}: the process runs. */
  public static Answer live() {
    return LIVE;
  }

  /** The answer to a method other than GET or HEAD. */
  public static Answer methodNotAllowed() {
    return METHOD_NOT_ALLOWED;
  }

  /** The answer to a path under {@code /health} other than {@code /live}. */
  public static Answer notFound() {
    return NOT_FOUND;
  }

  /** Whether {@code method} is one the health endpoints answer. */
  public static boolean allowed(String method) {
    return "GET".equals(method) || "HEAD".equals(method);
  }

  private static String name(boolean up) {
    return up ? "up" : "down";
  }

  private static String name(Health.State state) {
    return state.name().toLowerCase(Locale.ROOT);
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
