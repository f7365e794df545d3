package io.learnhook.http;

import io.learnhook.delivery.CallbackAddressRule;
import io.learnhook.delivery.Delivery.DeliveryAttempt;
import io.learnhook.spi.ReportTransport;
import io.learnhook.spi.ReportTransport.DeliveryException;
import io.learnhook.spi.ReportTransport.ReportRequest;
import io.learnhook.spi.ReportTransport.TransportResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Sends reports with the JDK's {@link HttpClient}: HTTP/1.1, a connect timeout and an overall
 * timeout, no redirects followed (a 3xx is a failure), no proxy, and at most {@value
 * #KEPT_RESPONSE_BYTES} bytes of an answer's body kept (the rest is read and dropped, so the
 * connection can be reused). It needs nothing beyond the JDK, and changes nothing JVM-wide: no
 * system property is set, and it works whether or not the application used {@code HttpClient}
 * before.
 *
 * <pre>{@code
 * DeliveryWorkers workers = learnHook.deliveries().workers(HttpReportTransport.create()).start();
 * }</pre>
 *
 * <p><b>Where it connects.</b> Unless the subscription allows private networks, the callback host
 * is resolved with the {@link Builder#resolver resolver} and every address it resolves to is
 * checked before anything is sent: a host that resolves to any non-public address (loopback,
 * private, link-local, unique-local, carrier-grade NAT, multicast, cloud metadata: core's {@link
 * CallbackAddressRule}) is refused, and the report fails without retries. An address written in the
 * URL is checked as it is.
 *
 * <p><b>Residual DNS-rebinding window.</b> {@code HttpClient} then connects by the name, resolving
 * it again itself: Java 17 offers no per-client hook into its name resolution (Java 18's resolver
 * SPI is JVM-wide), and connecting to the checked address while naming the host would need the
 * restricted {@code Host} header, which only a JVM-wide system property unlocks. With the default
 * resolver both lookups go through the JVM's address cache ({@code networkaddress.cache.ttl}, 30 s
 * by default), so they agree unless the cached answer expires between the check and the connection;
 * a DNS server that answers a public address and then a private one can, rarely, win that race.
 * Where subscribers are not trusted, use {@code learnhook-httpclient5}'s {@code
 * HttpClient5ReportTransport}, which connects to the very address it checked (docs/SECURITY.md).
 */
public final class HttpReportTransport implements ReportTransport {
  /** Bytes of an answer's body kept for the attempt log. */
  public static final int KEPT_RESPONSE_BYTES = DeliveryAttempt.MAX_RESPONSE_LENGTH;

  /**
   * Resolves a host name to its addresses for the check before sending; the same resolver can check
   * a callback URL when a subscription is saved ({@link CallbackAddressRule#using}).
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
  private final HttpClient client;

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
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(connectTimeout)
            .sslContext(builder.sslContext)
            .build();
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
    if (!request.allowPrivateNetwork()) {
      ReportTransport.checkedAddresses(resolver, host, false);
    }
    HttpRequest.Builder http =
        HttpRequest.newBuilder(url)
            .timeout(requestTimeout)
            .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request.headers().forEach(http::header);
    String where = host + ":" + port;
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

  /** Refuses a host that is, or resolves to, a non-public address. */
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

    /**
     * How callback hosts are resolved for the check before sending (default: the system's
     * resolver). {@code HttpClient} resolves the name again, through the JVM, when it connects (see
     * the class comment): a resolver of your own changes what is checked, not where it connects.
     */
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

    /** The transport; it sets no system property and leaves every other client alone. */
    public HttpReportTransport build() {
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
