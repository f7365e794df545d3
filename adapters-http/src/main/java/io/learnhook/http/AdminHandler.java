package io.learnhook.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.learnhook.http.admin.AdminEndpoint;
import io.learnhook.http.admin.AdminRequest;
import io.learnhook.http.ingest.EndpointResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the admin endpoints ({@link AdminEndpoint}) on a JDK {@link
 * com.sun.net.httpserver.HttpServer}, under the path of the context it is mounted on:
 *
 * <pre>{@code
 * server.createContext(AdminEndpoint.PATH,
 *     new AdminHandler(new AdminEndpoint(learnHook, authenticator)));
 * }</pre>
 *
 * Or let {@link LearnHookHttpServer.Builder#admin} mount it. Credentials and the query are never
 * logged. Thread-safe.
 */
public final class AdminHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);
  private static final byte[] INTERNAL_ERROR =
      "{\"error\":\"Internal error\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] MALFORMED_LENGTH =
      "{\"error\":\"Content-Length must be a number of bytes\"}".getBytes(StandardCharsets.UTF_8);
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

  private final AdminEndpoint endpoint;

  public AdminHandler(AdminEndpoint endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      answer(exchange);
    } catch (IOException e) {
      LOG.debug("Connection lost while answering {}: {}", contextPath(exchange), e.toString());
    } catch (Throwable e) {
      LOG.error(
          "Unexpected failure while answering {} {}",
          exchange.getRequestMethod(),
          contextPath(exchange),
          e);
      if (exchange.getResponseCode() == -1) {
        try {
          send(exchange, 500, Map.of(), INTERNAL_ERROR);
        } catch (IOException | RuntimeException ignored) {
          // nobody left to tell
        }
      }
    } finally {
      exchange.close();
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    Headers headers = exchange.getRequestHeaders();
    OptionalLong length;
    List<String> lengths = headers.get("Content-Length");
    if (lengths == null || lengths.isEmpty()) {
      length = OptionalLong.empty();
    } else if (lengths.size() == 1 && DIGITS.matcher(lengths.get(0).strip()).matches()) {
      length = OptionalLong.of(Long.parseLong(lengths.get(0).strip()));
    } else {
      send(exchange, 400, Map.of("Connection", "close"), MALFORMED_LENGTH);
      return;
    }
    String path = exchange.getRequestURI().getPath();
    String context = contextPath(exchange);
    String below = path.startsWith(context) ? path.substring(context.length()) : path;
    EndpointResponse response =
        endpoint.handle(
            new AdminRequest(
                exchange.getRequestMethod(),
                below,
                Objects.requireNonNullElse(exchange.getRequestURI().getRawQuery(), ""),
                name -> Optional.ofNullable(headers.getFirst(name)),
                length,
                exchange.getRequestBody()));
    send(exchange, response.status(), response.headers(), response.body());
  }

  private static void send(
      HttpExchange exchange, int status, Map<String, String> extra, byte[] body)
      throws IOException {
    Headers out = exchange.getResponseHeaders();
    extra.forEach(out::set);
    if (body.length == 0 || "HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    out.set("Content-Type", EndpointResponse.CONTENT_TYPE);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream stream = exchange.getResponseBody()) {
      stream.write(body);
    }
  }

  private static String contextPath(HttpExchange exchange) {
    return exchange.getHttpContext().getPath();
  }
}
