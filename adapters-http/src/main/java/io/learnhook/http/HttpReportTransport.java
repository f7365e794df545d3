package io.learnhook.http;

import io.learnhook.delivery.CallbackAddressRule;
import io.learnhook.delivery.Delivery.DeliveryAttempt;
import io.learnhook.spi.ReportTransport;
import io.learnhook.spi.ReportTransport.DeliveryException;
import io.learnhook.spi.ReportTransport.ReportRequest;
import io.learnhook.spi.ReportTransport.TransportResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Sends reports with the JDK's {@link HttpClient}: HTTP/1.1, a connect timeout and an overall
 * timeout, no redirects followed (a 3xx is a failure), no proxy, and at most {@value
 * #KEPT_RESPONSE_BYTES} bytes of an answer's body kept (the rest is read and dropped, so the
 * connection can be reused).
 *
 * <pre>{@code
 * DeliveryWorkers workers = learnHook.deliveries().workers(HttpReportTransport.create()).start();
 * }</pre>
 *
 * <p><b>Where it connects.</b> The callback host is resolved once per attempt, every address it
 * resolves to is checked, and the request is sent to that very address: the URL's host is replaced
 * by the checked address, the {@code Host} header keeps the name, and for HTTPS the TLS server name
 * (SNI) is the name too, so the certificate is verified against the name as usual. A DNS answer
 * that changes between the check and the connection (DNS rebinding) therefore cannot lead the
 * request elsewhere. Unless the subscription allows private networks, a host that resolves to any
 * non-public address (loopback, private, link-local, unique-local, carrier-grade NAT, multicast,
 * cloud metadata: core's {@link CallbackAddressRule}) is refused before anything is sent, and the
 * report fails without retries.
 *
 * <p>Java 17 offers no hook into {@code HttpClient}'s own name resolution (that came in Java 18,
 * JEP 418), hence this approach. It needs the {@code Host} header, which {@code HttpClient} only
 * lets a request set when the system property {@code jdk.httpclient.allowRestrictedHeaders}
 * includes {@code host}; the JDK reads that property once, when {@code HttpClient} is first used.
 * Loading this class adds {@code host} to the property; if the application used {@code HttpClient}
 * before, {@link Builder#build()} fails, saying to start the JVM with {@code
 * -Djdk.httpclient.allowRestrictedHeaders=host}.
 */
public final class HttpReportTransport implements ReportTransport {
  /** Bytes of an answer's body kept for the attempt log. */
  public static final int KEPT_RESPONSE_BYTES = DeliveryAttempt.MAX_RESPONSE_LENGTH;

  static final String RESTRICTED_HEADERS_PROPERTY = "jdk.httpclient.allowRestrictedHeaders";

  /**
   * Per-host HTTPS clients kept; beyond this, the cache starts over (each client owns a thread).
   */
  private static final int MAX_TLS_CLIENTS = 256;

  private static final boolean HOST_HEADER_ALLOWED;

  static {
    // Before any java.net.http class initialises: the JDK reads this property once (see class
    // Javadoc).
    String allowed = System.getProperty(RESTRICTED_HEADERS_PROPERTY);
    boolean hasHost =
        allowed != null
            && Arrays.stream(allowed.split(",")).anyMatch(h -> h.strip().equalsIgnoreCase("host"));
    if (!hasHost) {
      System.setProperty(
          RESTRICTED_HEADERS_PROPERTY,
          allowed == null || allowed.isBlank() ? "host" : allowed + ",host");
    }
    boolean ok;
    try {
      HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "probe.invalid");
      ok = true;
    } catch (IllegalArgumentException e) {
      ok = false;
    }
    HOST_HEADER_ALLOWED = ok;
  }

  /**
   * Resolves a host name to its addresses; the same resolver can check a callback URL when a
   * subscription is saved ({@link CallbackAddressRule#using}).
   */
  @FunctionalInterface
  public interface HostResolver extends CallbackAddressRule.HostResolver {

    /** The JDK's resolver (the operating system's, with the JVM's DNS cache). */
    static HostResolver system() {
      return host -> List.of(InetAddress.getAllByName(host));
    }
  }

  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final HostResolver resolver;
  private final SSLContext sslContext;
  private final HttpClient plainClient;
  private final Map<String, HttpClient> tlsClients = new ConcurrentHashMap<>();

  /** Ends answers whose body runs past the deadline; one daemon thread for every transport. */
  private static final ScheduledExecutorService timer = bodyDeadlineTimer();

  private static ScheduledExecutorService bodyDeadlineTimer() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "learnhook-report-timeouts");
              thread.setDaemon(true);
              return thread;
            });
    // Almost every deadline is cancelled when its answer ends. Left queued until it would have
    // fired
    // (the request timeout, 30 s), each kept its exchange reachable: the soak saw thousands pile
    // up.
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  /** Body deadlines still queued, for the test that proves finished sends leave none behind. */
  static int queuedBodyDeadlines() {
    return ((ScheduledThreadPoolExecutor) timer).getQueue().size();
  }

  private HttpReportTransport(Builder builder) {
    this.connectTimeout = builder.connectTimeout;
    this.requestTimeout = builder.requestTimeout;
    this.resolver = builder.resolver;
    this.sslContext = builder.sslContext;
    this.plainClient = newClient(Optional.empty());
  }

  /** A transport with the defaults: 10 s to connect, 30 s in all, the system resolver. */
  public static HttpReportTransport create() {
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
    Optional<InetAddress> literal = CallbackAddressRule.literal(host);
    InetAddress address =
        literal.isPresent() ? literal.get() : resolve(host, request.allowPrivateNetwork());
    if (literal.isPresent() && !request.allowPrivateNetwork()) {
      CallbackAddressRule.whyRefused(address)
          .ifPresent(
              reason -> {
                throw DeliveryException.permanentFailure(
                    "callback address "
                        + address.getHostAddress()
                        + " is "
                        + reason
                        + "; refused because the subscription does not allow private networks");
              });
    }
    String target =
        scheme
            + "://"
            + urlHost(address)
            + ":"
            + port
            + (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
            + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    HttpRequest.Builder http =
        HttpRequest.newBuilder(URI.create(target))
            .timeout(requestTimeout)
            .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
    if (literal.isEmpty()) {
      // The name, not the address we pinned: virtual hosts and the subscriber's logs see what they
      // expect.
      http.header("Host", url.getPort() == -1 ? host : host + ":" + url.getPort());
    }
    request.headers().forEach(http::header);
    HttpClient client =
        scheme.equals("https") && literal.isEmpty() ? tlsClientFor(host) : plainClient;
    String where = address.getHostAddress() + ":" + port;
    long deadline = System.nanoTime() + connectTimeout.plus(requestTimeout).toNanos();
    try {
      // send(), not sendAsync(): on a machine with fewer than three CPUs, sendAsync hands every
      // answer to CompletableFuture's default executor, which then starts a thread per request.
      HttpResponse<String> response =
          client.send(http.build(), responseInfo -> new CappedBody(deadline, timer));
      return new TransportResponse(
          response.statusCode(), response.headers().firstValue("Retry-After"), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DeliveryException.transientFailure("interrupted while sending to " + where, e);
    } catch (IOException e) {
      throw failure(e, where);
    } catch (IllegalArgumentException e) {
      throw failure(e, where);
    }
  }

  private InetAddress resolve(String host, boolean allowPrivate) {
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw DeliveryException.transientFailure("cannot resolve the callback host " + host, null);
    }
    if (addresses == null || addresses.isEmpty()) {
      throw DeliveryException.transientFailure("cannot resolve the callback host " + host, null);
    }
    if (!allowPrivate) {
      CallbackAddressRule.whyRefused(host, addresses)
          .ifPresent(
              reason -> {
                throw DeliveryException.permanentFailure(
                    reason + "; refused because the subscription does not allow private networks");
              });
    }
    return addresses.get(0);
  }

  /** The address as it goes into a URL's host: IPv6 in brackets, without a zone. */
  private static String urlHost(InetAddress address) {
    String text = address.getHostAddress();
    int zone = text.indexOf('%');
    if (zone >= 0) {
      text = text.substring(0, zone);
    }
    return address instanceof Inet6Address ? "[" + text + "]" : text;
  }

  private static DeliveryException failure(Throwable cause, String where) {
    if (causedBy(cause, BodyTimeoutException.class)) {
      return DeliveryException.transientFailure(
          "no complete answer from " + where + " in time", null);
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return DeliveryException.transientFailure("could not connect to " + where + " in time", null);
    }
    if (cause instanceof HttpTimeoutException) {
      return DeliveryException.transientFailure("no answer from " + where + " in time", null);
    }
    if (cause instanceof ConnectException) {
      return DeliveryException.transientFailure(
          "connection to " + where + " refused or failed", null);
    }
    if (cause instanceof SSLException) {
      return DeliveryException.transientFailure(
          "TLS with " + where + " failed: " + cause.getClass().getSimpleName(), null);
    }
    if (cause instanceof IOException) {
      return DeliveryException.transientFailure(
          "connection to "
              + where
              + " failed: "
              + cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"),
          null);
    }
    if (cause instanceof IllegalArgumentException) {
      // HttpClient refusing a header value: the subscription's data, which a retry will not change.
      return DeliveryException.permanentFailure(
          "the request could not be built: " + cause.getClass().getSimpleName());
    }
    return DeliveryException.transientFailure(
        "sending to " + where + " failed: " + cause.getClass().getName(), null);
  }

  /** Whether {@code failure} or one of its causes is a {@code type}: HttpClient.send wraps them. */
  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private HttpClient tlsClientFor(String host) {
    HttpClient client = tlsClients.get(host);
    if (client != null) {
      return client;
    }
    if (tlsClients.size() >= MAX_TLS_CLIENTS) {
      tlsClients.clear();
    }
    return tlsClients.computeIfAbsent(host, h -> newClient(Optional.of(h)));
  }

  /**
   * A client; for HTTPS to a pinned address, one per host name whose TLS server name is that name.
   * The JDK verifies the certificate against the server name it sent ({@code X509TrustManagerImpl}
   * checks the SNI name), and leaves a preset server name alone when the URL's host is an address.
   */
  private HttpClient newClient(Optional<String> serverName) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(connectTimeout)
            .sslContext(sslContext);
    if (serverName.isPresent()) {
      SSLParameters parameters = sslContext.getDefaultSSLParameters();
      parameters.setServerNames(List.of(new SNIHostName(serverName.get())));
      builder.sslParameters(parameters);
    }
    return builder.build();
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }

  /** The body did not end by the deadline; the JDK's request timeout stops at the headers. */
  private static final class BodyTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTimeoutException() {
      super("answer body not complete in time", null);
    }
  }

  /**
   * Keeps the first bytes of a body and reads the rest without keeping it, until a deadline: a
   * subscriber that dribbles its answer cannot hold a worker past the transport's timeout.
   */
  private static final class CappedBody implements HttpResponse.BodySubscriber<String> {
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private final byte[] kept = new byte[KEPT_RESPONSE_BYTES];
    private final long deadline;
    private final ScheduledExecutorService timer;
    private volatile ScheduledFuture<?> expiry;
    private int size;

    CappedBody(long deadline, ScheduledExecutorService timer) {
      this.deadline = deadline;
      this.timer = timer;
    }

    @Override
    public java.util.concurrent.CompletionStage<String> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        subscription.cancel();
        result.completeExceptionally(new BodyTimeoutException());
        return;
      }
      expiry =
          timer.schedule(
              () -> {
                if (result.completeExceptionally(new BodyTimeoutException())) {
                  subscription.cancel();
                }
              },
              left,
              TimeUnit.NANOSECONDS);
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer buffer : buffers) {
        int take = Math.min(buffer.remaining(), kept.length - size);
        buffer.get(kept, size, take);
        size += take;
      }
    }

    @Override
    public void onError(Throwable throwable) {
      stopTimer();
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      stopTimer();
      result.complete(new String(kept, 0, size, StandardCharsets.UTF_8));
    }

    private void stopTimer() {
      ScheduledFuture<?> pending = expiry;
      if (pending != null) {
        pending.cancel(false);
      }
    }
  }

  /** Configures an {@link HttpReportTransport}. */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private HostResolver resolver = HostResolver.system();
    private SSLContext sslContext;

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

    /** How callback hosts are resolved (default: the system's resolver). */
    public Builder resolver(HostResolver value) {
      this.resolver = Objects.requireNonNull(value, "resolver");
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
     * @throws IllegalStateException when {@code HttpClient} was used before this class was loaded
     *     and will not let a request set its {@code Host} header
     */
    public HttpReportTransport build() {
      if (!HOST_HEADER_ALLOWED) {
        throw new IllegalStateException(
            "HttpReportTransport sends each report to the address it checked, with the Host header"
                + " naming the callback host, and java.net.http.HttpClient refuses a Host header unless"
                + " the JVM starts with -D"
                + RESTRICTED_HEADERS_PROPERTY
                + "=host (the JDK reads it"
                + " once, and HttpClient was used before LearnHook could set it). Add that option.");
      }
      if (sslContext == null) {
        try {
          sslContext = SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException("the JVM has no default TLS context", e);
        }
      }
      return new HttpReportTransport(this);
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
