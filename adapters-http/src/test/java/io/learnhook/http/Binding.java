package io.learnhook.http;

import io.learnhook.LearnHook;
import io.learnhook.http.admin.AdminAuthenticator;
import io.learnhook.http.admin.AdminEndpoint;
import io.learnhook.http.ingest.IncomingWebhookEndpoint;
import io.learnhook.http.servlet.AdminServlet;
import io.learnhook.http.servlet.IncomingWebhookServlet;
import io.learnhook.ingest.CompletionIngest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An HTTP binding under test: each serves the same engine on a free loopback port, so that one
 * contract test proves that every binding answers alike.
 */
enum Binding {
  /** The JDK's HttpServer, through {@link LearnHookHttpServer}. */
  JDK {
    @Override
    Served serve(
        CompletionIngest endpoint,
        TenantResolver tenants,
        LearnHook administration,
        AdminAuthenticator authenticator) {
      LearnHookHttpServer.Builder builder =
          LearnHookHttpServer.builder().ingest(endpoint).threads(4);
      if (tenants != null) {
        builder.tenantResolver(tenants);
      }
      if (administration != null) {
        builder.admin(new AdminEndpoint(administration, authenticator));
      }
      try {
        LearnHookHttpServer server = builder.start();
        return new Served(server.uri(), server.port(), server::close);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  },

  /** The servlets of {@code io.learnhook.http.servlet} in an embedded Jetty 12 (EE 10). */
  SERVLET {
    @Override
    Served serve(
        CompletionIngest endpoint,
        TenantResolver tenants,
        LearnHook administration,
        AdminAuthenticator authenticator) {
      QueuedThreadPool threads = new QueuedThreadPool(16, 2);
      threads.setName("jetty-test");
      Server server = new Server(threads);
      HttpConfiguration http = new HttpConfiguration();
      // A body must keep arriving at 1 KiB/s on average, so a client trickling bytes cannot hold a
      // thread; one that stops altogether meets the idle timeout (docs/SECURITY.md).
      http.setMinRequestDataRate(1024);
      ServerConnector connector =
          new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
      connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      server.addConnector(connector);
      ServletContextHandler context = new ServletContextHandler();
      context.setContextPath("/");
      ServletHolder incoming =
          new ServletHolder(
              "learnhook",
              tenants == null
                  ? new IncomingWebhookServlet(endpoint)
                  : new IncomingWebhookServlet(endpoint, tenants));
      context.addServlet(incoming, IncomingWebhookEndpoint.PATH);
      context.addServlet(incoming, IncomingWebhookEndpoint.PATH + "/*");
      if (administration != null) {
        context.addServlet(
            new ServletHolder("learnhook-admin", new AdminServlet(administration, authenticator)),
            AdminEndpoint.PATH + "/*");
      }
      server.setHandler(context);
      // No graceful stop: a test's kept-alive connections would hold it up.
      server.setStopTimeout(0);
      try {
        server.start();
      } catch (Exception e) {
        throw new IllegalStateException("Jetty did not start", e);
      }
      int port = connector.getLocalPort();
      return new Served(
          URI.create("http://127.0.0.1:" + port + IncomingWebhookEndpoint.PATH),
          port,
          () -> {
            try {
              server.stop();
            } catch (Exception e) {
              throw new IllegalStateException("Jetty did not stop", e);
            }
          });
    }
  };

  /**
   * Jetty's idle timeout in the tests: short, so that a client that stops mid-body is cut within
   * seconds (Jetty's default is 30 s; the JDK server's deadline is set in the surefire
   * configuration).
   */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);

  /**
   * Serves {@code endpoint}, and the admin endpoints when {@code administration} is given.
   *
   * @param tenants null for none
   * @param administration null to leave the admin endpoints out
   */
  abstract Served serve(
      CompletionIngest endpoint,
      TenantResolver tenants,
      LearnHook administration,
      AdminAuthenticator authenticator);

  Served serve(CompletionIngest endpoint) {
    return serve(endpoint, null, null, null);
  }

  /** A running server of some binding. */
  static final class Served implements AutoCloseable {
    private final URI uri;
    private final int port;
    private final Runnable stop;

    Served(URI uri, int port, Runnable stop) {
      this.uri = uri;
      this.port = port;
      this.stop = stop;
    }

    /** The endpoint's URL. */
    URI uri() {
      return uri;
    }

    /** The admin endpoints' base URL. */
    URI adminUri() {
      return uri.resolve(AdminEndpoint.PATH);
    }

    int port() {
      return port;
    }

    @Override
    public void close() {
      stop.run();
    }
  }
}
