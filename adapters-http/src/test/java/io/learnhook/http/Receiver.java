package io.learnhook.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A subscriber's endpoint on 127.0.0.1: answers from a script (then 200), and keeps every request
 * it got. Each scripted answer may wait before answering, to play a slow subscriber.
 */
final class Receiver implements AutoCloseable {
  /** A request as the receiver saw it. */
  record Received(String method, String path, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** One scripted answer. */
  record Answer(int status, Map<String, String> headers, String body, Duration delay) {
    static Answer of(int status) {
      return new Answer(status, Map.of(), "", Duration.ZERO);
    }
  }

  /** An answer body that is sent a byte at a time, slowly, for ten seconds. */
  static final String DRIP = "<drip>";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<Received> received = new ArrayList<>();

  private Receiver(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  static Receiver start() {
    try {
      return new Receiver(
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Receiver startTls(SSLContext context) {
    try {
      HttpsServer https =
          HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      https.setHttpsConfigurator(new HttpsConfigurator(context));
      return new Receiver(https);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:PORT} followed by {@code path}. */
  URI url(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  synchronized Receiver then(Answer answer) {
    script.add(answer);
    return this;
  }

  Receiver then(int status) {
    return then(Answer.of(status));
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Map<String, String> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
    Answer answer;
    synchronized (this) {
      received.add(
          new Received(
              exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
      answer =
          script.isEmpty()
              ? new Answer(200, Map.of(), "{\"received\":true}", Duration.ZERO)
              : script.poll();
    }
    try {
      if (!answer.delay().isZero()) {
        Thread.sleep(answer.delay().toMillis());
      }
      if (answer.body().equals(DRIP)) {
        // Headers at once, then a byte every 200 ms: a subscriber that never quite finishes.
        exchange.sendResponseHeaders(answer.status(), 0);
        try (OutputStream stream = exchange.getResponseBody()) {
          for (int i = 0; i < 50; i++) {
            stream.write('x');
            stream.flush();
            Thread.sleep(200);
          }
        }
        return;
      }
      byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream stream = exchange.getResponseBody()) {
          stream.write(out);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The sender gave up (a timeout test); nothing to answer.
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
