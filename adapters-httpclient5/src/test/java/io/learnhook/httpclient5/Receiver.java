package io.learnhook.httpclient5;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/** A subscriber's endpoint on 127.0.0.1 for these tests: keeps every request, answers as told. */
final class Receiver implements AutoCloseable {
  /** A request as it arrived, and the sender's port; header names in lower case. */
  record Received(String path, Map<String, String> headers, byte[] body, int remotePort) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Received> received = new ArrayList<>();
  private volatile Consumer<HttpExchange> answer = Receiver::ok;

  private Receiver(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  static Receiver start() {
    try {
      return new Receiver(
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Receiver startTls(SSLContext context) {
    try {
      HttpsServer server =
          HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      server.setHttpsConfigurator(new HttpsConfigurator(context));
      return new Receiver(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** How every following request is answered (after its body was read and kept). */
  void answering(Consumer<HttpExchange> value) {
    this.answer = value;
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  private static void ok(HttpExchange exchange) {
    try {
      exchange.sendResponseHeaders(200, -1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
      String query = exchange.getRequestURI().getRawQuery();
      synchronized (this) {
        received.add(
            new Received(
                exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                headers,
                body,
                exchange.getRemoteAddress().getPort()));
      }
      answer.accept(exchange);
    } catch (UncheckedIOException e) {
      // The sender gave up; nothing to answer.
    }
  }

  /** Answers {@code status} with {@code body}. */
  static Consumer<HttpExchange> answer(int status, byte[] body) {
    return exchange -> {
      try {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
