package io.learnhook.examples.app;

import io.learnhook.http.admin.AdminEndpoint;
import io.learnhook.http.ingest.IncomingWebhookEndpoint;
import io.learnhook.http.servlet.AdminServlet;
import io.learnhook.http.servlet.HealthServlet;
import io.learnhook.http.servlet.IncomingWebhookServlet;
import io.learnhook.ingest.CompletionIngest;
import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The app's HTTP server: the servlet binding in an embedded Jetty 12.
 *
 * <p>Why Jetty and not {@code LearnHookHttpServer} (the JDK's server): the JDK server reads every
 * request head on one of its pool's threads, so a few dozen clients trickling their heads a byte a
 * second held every thread until the request deadline and nobody else was answered. Jetty's
 * connector parses heads and bodies on its selector without holding a thread per connection, and
 * gives a thread only to a request whose head is complete; 200 such clients leave ordinary calls
 * answered in their usual time (docs/SECURITY.md, "Slow clients", measured by {@code
 * SlowClientsHarness}).
 *
 * <p>Limits, each chosen for a webhook endpoint that LMSs call with small JSON bodies:
 *
 * <ul>
 *   <li>{@link #IDLE_TIMEOUT}: a connection on which nothing arrives for 30 s is closed (a
 *       kept-alive connection between calls, or a client stalled mid-head or mid-body);
 *   <li>{@link #MIN_BODY_RATE}: a body must arrive at 1 KiB/s on average, or its read ends and the
 *       endpoint answers 400, so a trickled body holds a thread for seconds, not minutes;
 *   <li>{@link #MAX_CONNECTIONS}: beyond 1,000 open connections Jetty stops accepting until one
 *       closes, so that a flood of connections exhausts neither file descriptors nor memory; this
 *       is also where slow clients stop being harmless: 1,000 connections trickling their heads
 *       make the app unreachable for as long as they trickle (Jetty has no deadline for a head as a
 *       whole, only the idle timeout between bytes and the 8 KiB head limit);
 *   <li>{@link #THREADS} threads answer requests whose heads are complete.
 * </ul>
 */
final class AppServer implements AutoCloseable {
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
  static final long MIN_BODY_RATE = 1024;
  static final int MAX_CONNECTIONS = 1_000;
  static final int THREADS = 32;

  private final Server server;
  private final ServerConnector connector;

  private AppServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /**
   * Starts serving the endpoint, {@code /health} and {@code /health/live}, {@code /metrics}, and
   * the admin endpoints when given, on {@code bind:port}.
   *
   * @throws BindException when the port is taken
   * @throws IOException when Jetty does not start for another reason
   */
  static AppServer start(
      CompletionIngest ingest,
      Optional<AdminServlet> admin,
      HealthServlet health,
      MetricsServlet metrics,
      String bind,
      int port)
      throws IOException {
    // Jetty takes a selector and an acceptor thread out of the pool besides the request threads.
    QueuedThreadPool threads = new QueuedThreadPool(THREADS + 4, 4);
    threads.setName("learnhook-http");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setMinRequestDataRate(MIN_BODY_RATE);
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    connector.setHost(bind);
    connector.setPort(port);
    server.addConnector(connector);
    server.addBean(new ConnectionLimit(MAX_CONNECTIONS, connector));

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    ServletHolder incoming = new ServletHolder("learnhook", new IncomingWebhookServlet(ingest));
    context.addServlet(incoming, IncomingWebhookEndpoint.PATH);
    context.addServlet(incoming, IncomingWebhookEndpoint.PATH + "/*");
    admin.ifPresent(
        servlet ->
            context.addServlet(
                new ServletHolder("learnhook-admin", servlet), AdminEndpoint.PATH + "/*"));
    // Unauthenticated, holding no secret: for load balancers, orchestrators and scrapers.
    // "/health/*" matches /health itself too.
    context.addServlet(new ServletHolder("learnhook-health", health), "/health/*");
    context.addServlet(new ServletHolder("learnhook-metrics", metrics), MetricsServlet.PATH);
    server.setHandler(context);
    // Requests in progress get a second to finish when the app stops, as before.
    server.setStopTimeout(1_000);
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly(server);
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof BindException) {
          throw (BindException) cause;
        }
      }
      if (e instanceof IOException) {
        throw (IOException) e;
      }
      stopQuietly(server);
      throw new IOException("the HTTP server did not start: " + e.getMessage(), e);
    }
    return new AppServer(server, connector);
  }

  /** The port listened on: the one asked for, or the free one picked for port 0. */
  int port() {
    return connector.getLocalPort();
  }

  /** Stops listening, lets requests in progress finish for up to a second, and stops. */
  @Override
  public void close() {
    stopQuietly(server);
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      // Stopping: there is nothing left to do about a failure but to go on stopping the rest.
      org.slf4j.LoggerFactory.getLogger(AppServer.class).warn("Jetty did not stop cleanly", e);
    }
  }
}
