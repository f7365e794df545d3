package io.learnhook.httpclient5;

import io.learnhook.delivery.CallbackAddressRule;
import io.learnhook.delivery.CallbackAddressRule.HostResolver;
import io.learnhook.delivery.Delivery.DeliveryAttempt;
import io.learnhook.spi.ReportTransport;
import io.learnhook.spi.ReportTransport.DeliveryException;
import io.learnhook.spi.ReportTransport.ReportRequest;
import io.learnhook.spi.ReportTransport.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends reports with Apache HttpClient 5, connecting to the very address it checked: the callback
 * host is resolved once per attempt with the {@link Builder#resolver resolver}, every address is
 * checked with core's {@link CallbackAddressRule} (unless the subscription allows private
 * networks), and the connection goes to the first of those addresses while the request and the TLS
 * server name (SNI, certificate verification) keep the host's name. A DNS answer that changes after
 * the check (DNS rebinding) cannot lead the report elsewhere: HttpClient is handed the address and
 * never resolves a callback host itself (its {@link DnsResolver} refuses every name but the
 * proxy's), and its pooled connections are kept per address, so a connection opened to an address
 * one check approved is never reused for another.
 *
 * <p>Otherwise it behaves as {@code learnhook-http}'s {@code HttpReportTransport}: HTTP/1.1, a
 * connect timeout and an overall timeout (body included), no redirects followed (a 3xx is a
 * failure), no automatic retries (the delivery schedule retries), exactly the request's headers
 * (the {@code Authorization} value as written, the Standard Webhooks headers core built), and at
 * most {@value #KEPT_RESPONSE_BYTES} bytes of an answer's body kept. It sets no system property.
 *
 * <pre>{@code
 * HttpClient5ReportTransport transport =
 *     HttpClient5ReportTransport.builder().proxy(URI.create("http://egress.internal:3128")).build();
 * DeliveryWorkers workers = learnHook.deliveries().workers(transport).start();
 * }</pre>
 *
 * <p><b>Through an egress proxy</b> ({@link Builder#proxy}): plain HTTP reports go to the proxy
 * with the full URL, HTTPS ones through a {@code CONNECT} tunnel (TLS still ends at the
 * subscriber). The private-network rule applies to the callback host as this transport resolves it;
 * the proxy then resolves the name again and connects on its own, so it is trusted: an egress proxy
 * that refuses internal destinations itself closes the rebinding window there too
 * (docs/SECURITY.md).
 *
 * <p>{@link #close()} releases the pooled connections; a transport is meant to live as long as its
 * workers.
 */
public final class HttpClient5ReportTransport implements ReportTransport, AutoCloseable {
  /** Bytes of an answer's body kept for the attempt log. */
  public static final int KEPT_RESPONSE_BYTES = DeliveryAttempt.MAX_RESPONSE_LENGTH;

  /** Ends sends that run past their deadline; one daemon thread for every transport. */
  private static final ScheduledExecutorService timer = deadlineTimer();

  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final HostResolver resolver;
  private final Optional<HttpHost> proxy;
  private final CloseableHttpClient client;

  private static ScheduledExecutorService deadlineTimer() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "learnhook-httpclient5-timeouts");
              thread.setDaemon(true);
              return thread;
            });
    // Almost every deadline is cancelled when its send ends; queued until it fired, each would keep
    // its request reachable.
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  private HttpClient5ReportTransport(Builder builder, SSLContext sslContext) {
    this.connectTimeout = builder.connectTimeout;
    this.requestTimeout = builder.requestTimeout;
    this.resolver = builder.resolver;
    this.proxy = builder.proxy;
    Optional<String> proxyName = proxy.map(HttpHost::getHostName);
    var connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(new ProxyOnlyDnsResolver(proxyName))
            .setTlsSocketStrategy(new DefaultClientTlsStrategy(sslContext))
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(timeout(connectTimeout))
                    .setSocketTimeout(timeout(requestTimeout))
                    .build())
            .setMaxConnTotal(builder.maxConnections)
            .setMaxConnPerRoute(builder.maxConnections)
            .build();
    var http =
        HttpClients.custom()
            .setConnectionManager(connections)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setRedirectsEnabled(false)
                    .setConnectionRequestTimeout(timeout(connectTimeout))
                    .setResponseTimeout(timeout(requestTimeout))
                    .build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableContentCompression()
            .disableCookieManagement()
            .disableAuthCaching()
            .disableDefaultUserAgent();
    proxy.ifPresent(http::setProxy);
    this.client = http.build();
  }

  /** A transport with the defaults: 10 s to connect, 30 s in all, the system resolver, no proxy. */
  public static HttpClient5ReportTransport create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Duration timeout() {
    // Resolving, connecting and answering each have their own bound; the lease must outlast all
    // three.
    return connectTimeout.plus(requestTimeout).plusSeconds(5);
  }

  @Override
  public TransportResponse send(ReportRequest request) {
    URI url = request.callbackUrl();
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost();
    int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : 80;
    InetAddress address = checkedAddress(host, request.allowPrivateNetwork());
    String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    // The address to connect to, the name for the request and for TLS; routes (and so pooled
    // connections) are told apart by the address too.
    HttpHost target = new HttpHost(scheme, address, name, port);
    String where =
        host
            + ":"
            + port
            + proxy.map(p -> " via proxy " + p.getHostName() + ":" + p.getPort()).orElse("");

    HttpPost post = new HttpPost(url);
    request.headers().forEach(post::addHeader);
    // No content type on the entity: the request's own Content-Type header is the one sent.
    post.setEntity(new ByteArrayEntity(request.body(), null));
    AtomicBoolean expired = new AtomicBoolean();
    // The socket timeout bounds each read; this bounds the whole answer, so that a subscriber that
    // dribbles its body cannot hold a worker past the transport's timeout.
    ScheduledFuture<?> deadline =
        timer.schedule(
            () -> {
              expired.set(true);
              post.cancel();
            },
            connectTimeout.plus(requestTimeout).toNanos(),
            TimeUnit.NANOSECONDS);
    try {
      return client.execute(target, post, HttpClientContext.create(), this::answer);
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw DeliveryException.transientFailure("interrupted while sending to " + where, null);
      }
      throw failure(e, where, expired.get());
    } catch (IllegalArgumentException e) {
      // HttpClient refusing the request as built: the subscription's data, which a retry will not
      // change.
      throw DeliveryException.permanentFailure(
          "the request could not be built: " + e.getClass().getSimpleName());
    } catch (IllegalStateException e) {
      // The pool was shut down by close(): this transport is done; the workers should stop too.
      throw DeliveryException.transientFailure(
          "the transport is closed: " + e.getClass().getSimpleName(), null);
    } finally {
      deadline.cancel(false);
    }
  }

  /** The answer, with the start of its body; the rest is read and dropped, to reuse the socket. */
  private TransportResponse answer(ClassicHttpResponse response) throws IOException {
    byte[] kept = new byte[KEPT_RESPONSE_BYTES];
    int size = 0;
    HttpEntity entity = response.getEntity();
    if (entity != null) {
      try (InputStream in = entity.getContent()) {
        int read;
        while (size < kept.length && (read = in.read(kept, size, kept.length - size)) != -1) {
          size += read;
        }
        byte[] drop = new byte[8192];
        while (in.read(drop) != -1) {
          // Dropped: only the start is kept for the attempt log.
        }
      }
    }
    Header retryAfter = response.getFirstHeader("Retry-After");
    return new TransportResponse(
        response.getCode(),
        Optional.ofNullable(retryAfter).map(Header::getValue),
        new String(kept, 0, size, StandardCharsets.UTF_8));
  }

  /**
   * The address to connect to: the one written in the URL, or the first the host resolves to, once
   * every address is checked (unless private networks are allowed).
   */
  private InetAddress checkedAddress(String host, boolean allowPrivate) {
    return ReportTransport.checkedAddresses(resolver, host, allowPrivate).get(0);
  }

  /** Never the exception's message: HttpClient's may carry the URL, whose path can hold tokens. */
  private static DeliveryException failure(IOException cause, String where, boolean expired) {
    if (expired) {
      return DeliveryException.transientFailure(
          "no complete answer from " + where + " in time", null);
    }
    if (cause instanceof ConnectTimeoutException) {
      return DeliveryException.transientFailure("could not connect to " + where + " in time", null);
    }
    if (cause instanceof SocketTimeoutException) {
      return DeliveryException.transientFailure("no answer from " + where + " in time", null);
    }
    if (cause instanceof ConnectException) {
      return DeliveryException.transientFailure(
          "connection to " + where + " refused or failed", null);
    }
    if (cause instanceof UnknownHostException) {
      return DeliveryException.transientFailure("cannot resolve the proxy host for " + where, null);
    }
    if (cause instanceof SSLException) {
      return DeliveryException.transientFailure(
          "TLS with " + where + " failed: " + cause.getClass().getSimpleName(), null);
    }
    if (cause instanceof InterruptedIOException) {
      return DeliveryException.transientFailure("no answer from " + where + " in time", null);
    }
    return DeliveryException.transientFailure(
        "connection to " + where + " failed: " + cause.getClass().getSimpleName(), null);
  }

  /** Releases the pooled connections; sends after this fail. */
  @Override
  public void close() throws IOException {
    client.close();
  }

  private static Timeout timeout(Duration duration) {
    return Timeout.ofMilliseconds(duration.toMillis());
  }

  /**
   * HttpClient's name resolution: the proxy's name only. Callback hosts reach HttpClient as checked
   * addresses, so a lookup of any other name would be HttpClient connecting somewhere unchecked; it
   * is refused instead.
   */
  private static final class ProxyOnlyDnsResolver implements DnsResolver {
    private final Optional<String> proxyName;

    ProxyOnlyDnsResolver(Optional<String> proxyName) {
      this.proxyName = proxyName;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      if (proxyName.isPresent() && proxyName.get().equalsIgnoreCase(host)) {
        return InetAddress.getAllByName(host);
      }
      throw new UnknownHostException(
          host + " was not checked by LearnHook; HttpClient may connect only to checked addresses");
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
      // Only used for Kerberos/SPNEGO, which this transport never does; the name stays as given.
      return host;
    }
  }

  /** Configures an {@link HttpClient5ReportTransport}. */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private HostResolver resolver = HostResolver.system();
    private Optional<HttpHost> proxy = Optional.empty();
    private SSLContext sslContext;
    private int maxConnections = 20;

    private Builder() {}

    /** How long connecting may take (default 10 s). */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = positive(value, "connectTimeout");
      return this;
    }

    /** How long the whole answer may take once connected, body included (default 30 s). */
    public Builder requestTimeout(Duration value) {
      this.requestTimeout = positive(value, "requestTimeout");
      return this;
    }

    /**
     * How callback hosts are resolved (default: the system's resolver); the address it answers is
     * both the one checked and the one connected to.
     */
    public Builder resolver(HostResolver value) {
      this.resolver = Objects.requireNonNull(value, "resolver");
      return this;
    }

    /**
     * Sends every report through this forward proxy, e.g. {@code http://egress.internal:3128}
     * ({@code http} or {@code https}, a host and a port, nothing else). The proxy is trusted: it
     * resolves the callback host again and connects on its own (see the class comment).
     *
     * @throws IllegalArgumentException when the URI is not such a proxy address
     */
    public Builder proxy(URI value) {
      Objects.requireNonNull(value, "proxy");
      String scheme = value.getScheme() == null ? "" : value.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException("the proxy must be an http: or https: URI");
      }
      if (value.getHost() == null) {
        throw new IllegalArgumentException("the proxy URI must name a host");
      }
      if (value.getRawUserInfo() != null
          || (value.getRawPath() != null && !value.getRawPath().isEmpty())
          || value.getRawQuery() != null
          || value.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "the proxy URI must be a scheme, a host and a port, without credentials or a path");
      }
      String host = value.getHost();
      if (host.startsWith("[")) {
        host = host.substring(1, host.length() - 1);
      }
      int port = value.getPort() != -1 ? value.getPort() : scheme.equals("https") ? 443 : 80;
      this.proxy = Optional.of(new HttpHost(scheme, host, port));
      return this;
    }

    /**
     * The TLS context, e.g. with a trust store of your own (default: the JVM's default context).
     */
    public Builder sslContext(SSLContext value) {
      this.sslContext = Objects.requireNonNull(value, "sslContext");
      return this;
    }

    /**
     * Connections kept open at most, in all and to one address (default 20); at least the number of
     * delivery worker threads.
     */
    public Builder maxConnections(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxConnections must be at least 1");
      }
      this.maxConnections = value;
      return this;
    }

    /** The transport; it sets no system property and leaves every other client alone. */
    public HttpClient5ReportTransport build() {
      SSLContext context = sslContext;
      if (context == null) {
        try {
          context = SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException("the JVM has no default TLS context", e);
        }
      }
      return new HttpClient5ReportTransport(this, context);
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return value;
    }
  }
}
