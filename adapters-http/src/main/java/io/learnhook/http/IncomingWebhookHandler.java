package io.learnhook.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.learnhook.directory.CompanyId;
import io.learnhook.http.ingest.EndpointResponse;
import io.learnhook.http.ingest.IncomingRequest;
import io.learnhook.http.ingest.IncomingWebhookEndpoint;
import io.learnhook.http.internal.Hosts;
import io.learnhook.http.internal.UnreadBody;
import io.learnhook.ingest.CompletionIngest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the incoming completions endpoint on a JDK {@link com.sun.net.httpserver.HttpServer}:
 * copies the request into an {@link IncomingRequest}, lets the {@link IncomingWebhookEndpoint}
 * decide the answer, and writes that answer back. Every status and body of the public contract
 * comes from the endpoint; this handler adds only what HTTP itself needs.
 *
 * <p>Mount it on a server you already run, at {@link IncomingWebhookEndpoint#PATH} (or any path you
 * prefer: the handler serves exactly the path of its context, with or without a trailing slash):
 *
 * <pre>{@code
 * HttpServer server = ...; // yours, with your executor
 * server.createContext(IncomingWebhookEndpoint.PATH,
 *     new IncomingWebhookHandler(learnHook.ingest(), TenantResolver.subdomainOf("lms.example")));
 * }</pre>
 *
 * Or let {@link LearnHookHttpServer} run a server for it. On a server of your own, run the JVM with
 * {@code -Dsun.net.httpserver.nodelay=true}: without it the JDK server holds every answer on a
 * kept-alive connection for about 40 ms (see {@link LearnHookHttpServer}).
 *
 * <p>What the handler itself answers, always with a JSON body and {@code Content-Type:
 * application/json; charset=utf-8}:
 *
 * <ul>
 *   <li>a path under the context other than the context's own: 404 {@code {"error":"Not found"}};
 *   <li>a method other than {@code POST}: 405 with {@code Allow: POST};
 *   <li>a {@code Content-Length} that is not a number of bytes, such as {@code +63}: 400, and the
 *       connection is closed (one the JDK server cannot parse at all, such as {@code abc}, it
 *       refuses itself with a plain-text 400 before any handler runs);
 *   <li>a failure of its own (or of the {@link TenantResolver}): 500 {@code {"error":"Internal
 *       error"}}, logged.
 * </ul>
 *
 * <p>The handler never reads the body before the answer: the endpoint reads it only after the key
 * is accepted, and no further than its size limit. When an answer leaves part of a body unread
 * (401, 403, 413, 429), the handler sends the answer, then reads and throws away the rest, up to 4
 * MiB and for up to 2 s, so that a client still writing its body reads the answer rather than a
 * connection reset; a longer body (or one of unknown length) is answered with {@code Connection:
 * close}, and leftover body bytes are never read as a next request. The Authorization header and
 * the query string (which may hold {@code ?key=}) are never logged; log lines name the context path
 * only.
 *
 * <p>Thread-safe: one instance serves every request.
 */
public final class IncomingWebhookHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(IncomingWebhookHandler.class);

  private static final byte[] NOT_FOUND = json("{\"error\":\"Not found\"}");
  private static final byte[] METHOD_NOT_ALLOWED =
      json("{\"error\":\"Method not allowed; use POST\"}");
  private static final byte[] INTERNAL_ERROR = json("{\"error\":\"Internal error\"}");
  private static final byte[] MALFORMED_LENGTH =
      json("{\"error\":\"Content-Length must be a number of bytes\"}");

  private final IncomingWebhookEndpoint endpoint;
  private final TenantResolver tenants;

  /** A handler for requests from any company: the key alone says which. */
  public IncomingWebhookHandler(CompletionIngest ingest) {
    this.endpoint = new IncomingWebhookEndpoint(ingest);
    this.tenants = null;
  }

  /**
   * A handler that asks {@code tenants} which company each request is for, and so refuses a key of
   * another company.
   */
  public IncomingWebhookHandler(CompletionIngest ingest, TenantResolver tenants) {
    this.endpoint = new IncomingWebhookEndpoint(ingest);
    this.tenants = Objects.requireNonNull(tenants, "tenants");
  }

  /** Answers one exchange and closes it. Never throws. */
  @Override
  public void handle(HttpExchange exchange) {
    try {
      answer(exchange);
    } catch (IOException e) {
      // The caller went away while the answer was written: there is no one left to answer.
      LOG.debug("Connection lost while answering POST {}: {}", contextPath(exchange), e.toString());
    } catch (Throwable e) {
      // The exception comes from this binding or the TenantResolver, never from parsing the
      // Authorization header or the query, so its message holds no key.
      LOG.error("Unexpected failure while answering POST {}", contextPath(exchange), e);
      answerInternalError(exchange);
    } finally {
      exchange.close();
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    String contextPath = contextPath(exchange);
    if (!isEndpointPath(exchange.getRequestURI().getPath(), contextPath)) {
      send(exchange, 404, Map.of(), NOT_FOUND);
      return;
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      send(exchange, 405, Map.of("Allow", "POST"), METHOD_NOT_ALLOWED);
      return;
    }
    Headers headers = exchange.getRequestHeaders();
    Optional<OptionalLong> contentLength = contentLength(headers.get("Content-Length"));
    if (contentLength.isEmpty()) {
      // The body's framing is in doubt, so the connection must not carry another request.
      send(exchange, 400, Map.of("Connection", "close"), MALFORMED_LENGTH);
      return;
    }
    InputStream body = exchange.getRequestBody();
    IncomingRequest request =
        new IncomingRequest(
            Optional.ofNullable(headers.getFirst("Authorization")),
            Objects.requireNonNullElse(exchange.getRequestURI().getRawQuery(), ""),
            tenant(exchange),
            contentLength.get(),
            body);
    EndpointResponse response = endpoint.handle(request);
    sendAfterBody(exchange, response, body, contentLength.get());
    LOG.debug("Answered POST {} with {}", contextPath, response.status());
  }

  /**
   * Sends the answer, then reads and throws away what is left of the body, bounded as {@link
   * UnreadBody} says, before the exchange is closed: the JDK server itself throws away only 64 KiB
   * ({@code sun.net.httpserver.drainAmount}) and closes the connection on the rest, and a client
   * still writing its body would then meet a reset instead of the answer. A body longer than that
   * bound, or of unknown length, gets {@code Connection: close}.
   */
  private static void sendAfterBody(
      HttpExchange exchange, EndpointResponse response, InputStream body, OptionalLong length)
      throws IOException {
    Map<String, String> headers = response.headers();
    if (!UnreadBody.fitsDiscard(length) && !(length.isPresent() && length.getAsLong() == 0)) {
      headers = new java.util.HashMap<>(headers);
      headers.put("Connection", "close");
    }
    Headers out = exchange.getResponseHeaders();
    headers.forEach(out::set);
    out.set("Content-Type", EndpointResponse.CONTENT_TYPE);
    byte[] bytes = response.body();
    if (bytes.length == 0) {
      // An answer without a body ends the exchange as it is sent: throw the body away first.
      UnreadBody.discard(body);
      exchange.sendResponseHeaders(response.status(), -1);
      return;
    }
    exchange.sendResponseHeaders(response.status(), bytes.length);
    // The answer's stream stays open while the body is thrown away: closing it ends the exchange,
    // and the JDK server would close the connection on the unread rest.
    OutputStream stream = exchange.getResponseBody();
    stream.write(bytes);
    stream.flush();
    UnreadBody.discard(body);
    stream.close();
  }

  /**
   * The declared length: empty inside when there is no Content-Length header; empty outside when
   * the header is malformed.
   */
  private static Optional<OptionalLong> contentLength(List<String> values) {
    if (values == null || values.isEmpty()) {
      return Optional.of(OptionalLong.empty());
    }
    if (values.size() > 1) {
      return Optional.empty();
    }
    String value = values.get(0).strip();
    if (!isDigits(value)) {
      return Optional.empty();
    }
    try {
      return Optional.of(OptionalLong.of(Long.parseLong(value)));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  /**
   * RFC 9110: {@code Content-Length = 1*DIGIT}; no sign, no spaces, no hex; at most 19 digits. A
   * loop, not a regular expression: it runs on every request.
   */
  private static boolean isDigits(String value) {
    if (value.isEmpty() || value.length() > 19) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private Optional<CompanyId> tenant(HttpExchange exchange) {
    if (tenants == null) {
      return Optional.empty();
    }
    return Objects.requireNonNull(
        tenants.tenantOf(host(exchange)), "TenantResolver.tenantOf returned null");
  }

  /** The host the request was sent to, normalised as {@link TenantResolver#tenantOf} documents. */
  private static String host(HttpExchange exchange) {
    // An absolute request target (POST http://acme.lms.example/…) names the host itself (RFC 9112
    // 3.2.2).
    String host = exchange.getRequestURI().getHost();
    return Hosts.normalize(host != null ? host : exchange.getRequestHeaders().getFirst("Host"));
  }

  static boolean isEndpointPath(String path, String contextPath) {
    if (path == null) {
      return false;
    }
    String base =
        contextPath.length() > 1 && contextPath.endsWith("/")
            ? contextPath.substring(0, contextPath.length() - 1)
            : contextPath;
    return path.equals(base) || path.equals(base + "/");
  }

  private static void send(
      HttpExchange exchange, int status, Map<String, String> extra, byte[] body)
      throws IOException {
    Headers out = exchange.getResponseHeaders();
    extra.forEach(out::set);
    out.set("Content-Type", EndpointResponse.CONTENT_TYPE);
    if (body.length == 0 || "HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream stream = exchange.getResponseBody()) {
      stream.write(body);
    }
  }

  private static void answerInternalError(HttpExchange exchange) {
    if (exchange.getResponseCode() != -1) {
      // The status line is out already; closing the exchange cuts the connection short instead.
      return;
    }
    try {
      send(exchange, 500, Map.of(), INTERNAL_ERROR);
    } catch (IOException | RuntimeException e) {
      LOG.debug("Could not answer 500 on POST {}: {}", contextPath(exchange), e.toString());
    }
  }

  private static String contextPath(HttpExchange exchange) {
    return exchange.getHttpContext().getPath();
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
