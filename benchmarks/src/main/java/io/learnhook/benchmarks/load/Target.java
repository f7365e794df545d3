package io.learnhook.benchmarks.load;

import com.sun.net.httpserver.HttpServer;
import io.learnhook.http.LearnHookHttpServer;
import io.learnhook.http.ingest.IncomingWebhookEndpoint;
import io.learnhook.http.servlet.IncomingWebhookServlet;
import io.learnhook.ingest.CompletionIngest;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A server under load on 127.0.0.1: its endpoint's URL and how to stop it. The factories start
 * LearnHook's two bindings and the bare endpoint beside each, on the same server stack with the
 * same number of threads, so that a ratio compares LearnHook's work and nothing else.
 */
public record Target(String name, URI uri, AutoCloseable stopper) implements AutoCloseable {
  @Override
  public void close() throws Exception {
    stopper.close();
  }

  /** {@link LearnHookHttpServer}: the JDK binding as LearnHook runs it. */
  public static Target learnHookJdk(CompletionIngest endpoint, int threads) throws IOException {
    LearnHookHttpServer server =
        LearnHookHttpServer.builder().ingest(endpoint).port(0).threads(threads).start();
    return new Target("learnhook-jdk", server.uri(), server);
  }

  /**
   * A JDK {@code HttpServer} built as {@link LearnHookHttpServer} builds its own, with the bare
   * endpoint.
   */
  public static Target bareJdk(int threads) throws IOException {
    // LearnHookHttpServer sets it too; without it the JDK server delays kept-alive answers ~40 ms.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    server.createContext(IncomingWebhookEndpoint.PATH, BareEndpoints.jdk());
    server.setExecutor(executor);
    server.start();
    URI uri =
        URI.create(
            "http://127.0.0.1:" + server.getAddress().getPort() + IncomingWebhookEndpoint.PATH);
    return new Target(
        "bare-jdk",
        uri,
        () -> {
          server.stop(0);
          executor.shutdownNow();
        });
  }

  /** {@link IncomingWebhookServlet} in embedded Jetty 12, mapped as its Javadoc says. */
  public static Target learnHookServlet(CompletionIngest endpoint, int threads) throws Exception {
    return jetty("learnhook-servlet", new IncomingWebhookServlet(endpoint), threads);
  }

  /** The bare endpoint as a servlet in the same Jetty set-up. */
  public static Target bareServlet(int threads) throws Exception {
    return jetty("bare-servlet", BareEndpoints.servlet(), threads);
  }

  private static Target jetty(String name, HttpServlet servlet, int threads) throws Exception {
    QueuedThreadPool pool = new QueuedThreadPool(threads, Math.min(threads, 8));
    pool.setName(name);
    Server server = new Server(pool);
    ServerConnector connector = new ServerConnector(server, 1, 1);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    ServletHolder holder = new ServletHolder(name, servlet);
    context.addServlet(holder, IncomingWebhookEndpoint.PATH);
    context.addServlet(holder, IncomingWebhookEndpoint.PATH + "/*");
    server.setHandler(context);
    server.setStopTimeout(0);
    server.start();
    URI uri =
        URI.create("http://127.0.0.1:" + connector.getLocalPort() + IncomingWebhookEndpoint.PATH);
    return new Target(name, uri, server::stop);
  }
}
