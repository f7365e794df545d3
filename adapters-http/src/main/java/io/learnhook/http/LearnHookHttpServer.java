package io.learnhook.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.learnhook.http.admin.AdminEndpoint;
import io.learnhook.http.ingest.IncomingWebhookEndpoint;
import io.learnhook.ingest.CompletionIngest;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the incoming completions endpoint on the JDK's built-in HTTP server ({@code
 * jdk.httpserver}), at {@link IncomingWebhookEndpoint#PATH}, with no dependency beyond the JDK.
 *
 * <pre>{@code
 * LearnHook learnHook = LearnHook.builder().store(store).build();
 * try (LearnHookHttpServer server = LearnHookHttpServer.builder()
 *     .ingest(learnHook.ingest())
 *     .port(8080)                       // 0 picks a free port
 *     .start()) {
 *   log.info("POST completions to {}", server.uri());
 *   awaitShutdown();
 * }
 * }</pre>
 *
 * <p>By default it listens on 127.0.0.1 only (put a TLS-terminating proxy in front, or {@link
 * Builder#bindAddress bind} elsewhere on purpose) and answers on a pool of 32 threads named {@code
 * learnhook-http-N}. To serve the endpoint on an {@code HttpServer} you already run, mount an
 * {@link IncomingWebhookHandler} instead.
 *
 * <p>The JDK server writes a response's head and body as two TCP segments and leaves Nagle's
 * algorithm on, so on a kept-alive connection every answer waits for the sender's delayed ACK:
 * about 40 ms per call. Unless the application has set it, {@link Builder#start()} therefore sets
 * the JDK's {@code sun.net.httpserver.nodelay} system property to {@code true}. The JDK reads it
 * once, when the first {@code HttpServer} of the JVM is created; start LearnHook's server first, or
 * pass {@code -Dsun.net.httpserver.nodelay=true}.
 *
 * <p>The JDK server has no deadline for a request by default: a client that sends its head or body
 * a byte at a time, or stops halfway, holds one of the threads for as long as it likes. Unless the
 * application has set it, {@link Builder#start()} therefore sets {@code
 * sun.net.httpserver.maxReqTime} to the {@linkplain Builder#requestTimeout request timeout} (10 s
 * by default): a request whose head and body have not arrived within it has its connection closed.
 * The JDK reads this property once too, and counts the time a request waits for a free thread as
 * well. Likewise it sets {@code jdk.httpserver.maxConnections} to the {@linkplain
 * Builder#maxConnections connection limit} (1,000 by default): past it the JDK server closes new
 * connections at once. JDK 17.0.15 reads that property; older 17 updates ignore it (the JDK
 * documents it from 21 on).
 *
 * <p><b>What it withstands, and what it does not.</b> The JDK server reads every request head on a
 * pool thread. A client trickling its head holds a thread until the request timeout; as many such
 * clients as there are {@linkplain Builder#threads threads} (32) make the server answer nobody else
 * until the timeout cuts them, and a client that reconnects at once keeps it so: the timeout bounds
 * how long each slow client lasts, not how many there are. No key is needed for this. So serve it
 * on a network where every client is known (an LMS's internal network), or behind a proxy that
 * buffers whole requests before it forwards them (nginx does by default), or use the servlet
 * binding in a container whose connector does not hold a thread per connection (Jetty 12, as {@code
 * learnhook.jar serve} does). Measured in docs/SECURITY.md, "Slow clients".
 */
public final class LearnHookHttpServer implements AutoCloseable {
  /** Threads answering requests, unless {@link Builder#threads} says otherwise. */
  public static final int DEFAULT_THREADS = 32;

  /**
   * How long a request's head and body may take to arrive, unless {@link Builder#requestTimeout}
   * says otherwise.
   */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** Open connections at most, unless {@link Builder#maxConnections} says otherwise. */
  public static final int DEFAULT_MAX_CONNECTIONS = 1_000;

  /** The JDK server's limit of open connections (module jdk.httpserver; JDK 17.0.15 reads it). */
  static final String MAX_CONNECTIONS_PROPERTY = "jdk.httpserver.maxConnections";

  /**
   * The JDK server's deadline, in seconds, for a request's head and body (module jdk.httpserver).
   */
  static final String MAX_REQUEST_TIME_PROPERTY = "sun.net.httpserver.maxReqTime";

  /** The JDK server's switch for TCP_NODELAY on accepted connections (module jdk.httpserver). */
  static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

  private final HttpServer server;
  private final InetAddress requestedAddress;
  private final ExecutorService executor;
  private final AtomicInteger inFlight;
  private final Duration shutdownGracePeriod;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LearnHookHttpServer(
      HttpServer server,
      InetAddress requestedAddress,
      ExecutorService executor,
      AtomicInteger inFlight,
      Duration grace) {
    this.server = server;
    this.requestedAddress = requestedAddress;
    this.executor = executor;
    this.inFlight = inFlight;
    this.shutdownGracePeriod = grace;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port the server listens on: the one asked for, or the free port picked for port 0. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The address and port the server listens on. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /**
   * The endpoint's URL, such as {@code http://127.0.0.1:8080/webhooks/item_completions}; on a
   * server bound to every interface, the loopback address stands in for the host.
   */
  public URI uri() {
    InetAddress address = server.getAddress().getAddress();
    if (address.isAnyLocalAddress()) {
      // A dual-stack socket reports "::" even when bound to 0.0.0.0: go by what was asked for.
      address = requestedAddress instanceof Inet6Address ? loopback6() : loopback4();
    }
    String host =
        address instanceof Inet6Address
            ? "[" + address.getHostAddress().replace("%", "%25") + "]"
            : address.getHostAddress();
    return URI.create("http://" + host + ":" + port() + IncomingWebhookEndpoint.PATH);
  }

  /**
   * The admin endpoints' base URL, such as {@code http://127.0.0.1:8080/admin}, whether or not they
   * are served.
   */
  public URI adminUri() {
    return uri().resolve(AdminEndpoint.PATH);
  }

  /**
   * Stops listening, lets requests in progress finish for up to the {@linkplain
   * Builder#shutdownGracePeriod grace period}, closes every connection and stops the threads.
   * Returns at once when no request is in progress. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // On JDK 17 HttpServer.stop(n) waits the full n seconds even when no exchange is in progress,
    // so wait only when there is something to wait for.
    server.stop(inFlight.get() == 0 ? 0 : wholeSeconds(shutdownGracePeriod));
    executor.shutdown();
    try {
      if (!executor.awaitTermination(shutdownGracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "LearnHookHttpServer[" + uri() + (closed.get() ? ", closed]" : "]");
  }

  private static int wholeSeconds(Duration duration) {
    long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
    return (int) Math.min(Integer.MAX_VALUE, seconds);
  }

  private static InetAddress loopback4() {
    try {
      return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("a four-byte address is always valid", e);
    }
  }

  private static InetAddress loopback6() {
    try {
      return InetAddress.getByAddress(
          "localhost", new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("a sixteen-byte address is always valid", e);
    }
  }

  /** Configures and starts a {@link LearnHookHttpServer}; only what it ingests with is required. */
  public static final class Builder {
    private CompletionIngest ingest;
    private InetAddress bindAddress = loopback4();
    private int port;
    private int threads = DEFAULT_THREADS;
    private TenantResolver tenantResolver;
    private AdminEndpoint admin;
    private Duration shutdownGracePeriod = Duration.ofSeconds(1);
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;

    private Builder() {}

    /**
     * How many connections may be open at once (default {@value
     * LearnHookHttpServer#DEFAULT_MAX_CONNECTIONS}); past it the JDK server closes new connections
     * at once, so that a flood of connections exhausts no file descriptors. It sets the JDK's
     * JVM-wide {@code jdk.httpserver.maxConnections} when the application has not, and only takes
     * effect when this is the JVM's first {@code HttpServer}, on a JDK that reads the property; see
     * the class documentation.
     */
    public Builder maxConnections(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxConnections must be at least 1, was " + value);
      }
      this.maxConnections = value;
      return this;
    }

    /**
     * How long a request's head and body may take to arrive before its connection is closed
     * (default 10 s: a webhook call is a small JSON body; whole seconds, at least 1). It sets the
     * JDK's JVM-wide {@code sun.net.httpserver.maxReqTime} when the application has not, and only
     * takes effect when this is the JVM's first {@code HttpServer}; see the class documentation.
     */
    public Builder requestTimeout(Duration value) {
      Objects.requireNonNull(value, "requestTimeout");
      if (value.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("requestTimeout must be at least 1 second");
      }
      this.requestTimeout = value;
      return this;
    }

    /** What the endpoint ingests calls with: {@code learnHook.ingest()}. Required. */
    public Builder ingest(CompletionIngest value) {
      this.ingest = Objects.requireNonNull(value, "ingest");
      return this;
    }

    /** The address to listen on (default 127.0.0.1; {@code 0.0.0.0} for every interface). */
    public Builder bindAddress(InetAddress value) {
      this.bindAddress = Objects.requireNonNull(value, "bindAddress");
      return this;
    }

    /** The port to listen on (default 0: a free port, see {@link LearnHookHttpServer#port()}). */
    public Builder port(int value) {
      if (value < 0 || value > 65_535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, was " + value);
      }
      this.port = value;
      return this;
    }

    /**
     * How many requests are answered at once (default {@value
     * LearnHookHttpServer#DEFAULT_THREADS}).
     */
    public Builder threads(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("threads must be at least 1, was " + value);
      }
      this.threads = value;
      return this;
    }

    /** Says which company each request is for, from its host; see {@link TenantResolver}. */
    public Builder tenantResolver(TenantResolver value) {
      this.tenantResolver = Objects.requireNonNull(value, "tenantResolver");
      return this;
    }

    /**
     * Also serves the admin endpoints under {@link AdminEndpoint#PATH}: {@code new
     * AdminEndpoint(learnHook.administration(), authenticator)}. Off unless given.
     */
    public Builder admin(AdminEndpoint value) {
      this.admin = Objects.requireNonNull(value, "admin");
      return this;
    }

    /**
     * How long {@link LearnHookHttpServer#close()} lets requests in progress finish (default 1 s;
     * the JDK server counts it in whole seconds, so it is rounded up).
     */
    public Builder shutdownGracePeriod(Duration value) {
      Objects.requireNonNull(value, "shutdownGracePeriod");
      if (value.isNegative()) {
        throw new IllegalArgumentException("shutdownGracePeriod must not be negative");
      }
      this.shutdownGracePeriod = value;
      return this;
    }

    /**
     * Binds and starts the server.
     *
     * @throws IllegalStateException when no {@link #ingest} was given
     * @throws IOException when the address cannot be bound (say, the port is taken)
     */
    public LearnHookHttpServer start() throws IOException {
      if (ingest == null) {
        throw new IllegalStateException(
            "LearnHookHttpServer needs what to ingest with: call ingest(learnHook.ingest())");
      }
      IncomingWebhookHandler handler =
          tenantResolver == null
              ? new IncomingWebhookHandler(ingest)
              : new IncomingWebhookHandler(ingest, tenantResolver);
      AtomicInteger inFlight = new AtomicInteger();
      HttpHandler counting =
          exchange -> {
            inFlight.incrementAndGet();
            try {
              handler.handle(exchange);
            } finally {
              inFlight.decrementAndGet();
            }
          };
      if (System.getProperty(NO_DELAY_PROPERTY) == null) {
        System.setProperty(NO_DELAY_PROPERTY, "true");
      }
      if (System.getProperty(MAX_REQUEST_TIME_PROPERTY) == null) {
        System.setProperty(MAX_REQUEST_TIME_PROPERTY, Long.toString(wholeSeconds(requestTimeout)));
      }
      if (System.getProperty(MAX_CONNECTIONS_PROPERTY) == null) {
        System.setProperty(MAX_CONNECTIONS_PROPERTY, Integer.toString(maxConnections));
      }
      HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
      ExecutorService executor = Executors.newFixedThreadPool(threads, new NamedThreads());
      try {
        server.createContext(IncomingWebhookEndpoint.PATH, counting);
        if (admin != null) {
          AdminHandler adminHandler = new AdminHandler(admin);
          server.createContext(
              AdminEndpoint.PATH,
              exchange -> {
                inFlight.incrementAndGet();
                try {
                  adminHandler.handle(exchange);
                } finally {
                  inFlight.decrementAndGet();
                }
              });
        }
        server.setExecutor(executor);
        server.start();
      } catch (RuntimeException e) {
        server.stop(0);
        executor.shutdownNow();
        throw e;
      }
      return new LearnHookHttpServer(server, bindAddress, executor, inFlight, shutdownGracePeriod);
    }
  }

  /**
   * {@code learnhook-http-1}, {@code learnhook-http-2}, …; not daemons, so a running server keeps
   * the JVM up.
   */
  private static final class NamedThreads implements ThreadFactory {
    private final AtomicInteger next = new AtomicInteger(1);

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "learnhook-http-" + next.getAndIncrement());
      thread.setDaemon(false);
      return thread;
    }
  }
}
