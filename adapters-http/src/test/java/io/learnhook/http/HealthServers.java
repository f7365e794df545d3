package io.learnhook.http;

import com.sun.net.httpserver.HttpServer;
import io.learnhook.LearnHook;
import io.learnhook.http.servlet.HealthServlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The health endpoints served on each binding, on a free loopback port, as an application mounts
 * them.
 */
enum HealthServers {
  /** {@link HealthHandler} on a JDK HttpServer, at {@code /health}. */
  JDK {
    @Override
    Running serve(LearnHook learnHook) {
      try {
        HttpServer server =
            HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", new HealthHandler(learnHook));
        server.start();
        return new Running(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort()), () -> server.stop(0));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  },

  /** {@link HealthServlet} in an embedded Jetty 12, at {@code /health/*}. */
  SERVLET {
    @Override
    Running serve(LearnHook learnHook) {
      Server server = new Server();
      ServerConnector connector = new ServerConnector(server, 1, 1);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      server.addConnector(connector);
      ServletContextHandler context = new ServletContextHandler();
      context.setContextPath("/");
      context.addServlet(new ServletHolder(new HealthServlet(learnHook)), "/health/*");
      server.setHandler(context);
      server.setStopTimeout(0);
      try {
        server.start();
      } catch (Exception e) {
        throw new IllegalStateException("Jetty did not start", e);
      }
      return new Running(
          URI.create("http://127.0.0.1:" + connector.getLocalPort()),
          () -> {
            try {
              server.stop();
            } catch (Exception e) {
              throw new IllegalStateException("Jetty did not stop", e);
            }
          });
    }
  };

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  abstract Running serve(LearnHook learnHook);

  /** A running server; {@link #close()} stops it. */
  record Running(URI base, Runnable stop) implements AutoCloseable {
    HttpResponse<String> get(String path) {
      return send("GET", path);
    }

    HttpResponse<String> send(String method, String path) {
      HttpRequest request =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(Duration.ofSeconds(10))
              .method(method, HttpRequest.BodyPublishers.noBody())
              .build();
      try {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      stop.run();
    }
  }
}
