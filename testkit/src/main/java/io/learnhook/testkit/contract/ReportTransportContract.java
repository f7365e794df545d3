package io.learnhook.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.learnhook.completion.CompletionId;
import io.learnhook.delivery.CallbackAddressRule.HostResolver;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SigningSecret;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.CompanyId;
import io.learnhook.spi.ReportTransport;
import io.learnhook.spi.ReportTransport.DeliveryException;
import io.learnhook.spi.ReportTransport.ReportRequest;
import io.learnhook.spi.ReportTransport.TransportResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ReportTransport}; extend it to run it against your transport. Every check
 * runs over real sockets, against an HTTP receiver on 127.0.0.1 started for each test: the exact
 * headers and body arrive, any status comes back as it was answered, no redirect is followed, the
 * timeout is honoured, a refused connection is a {@link DeliveryException}, and a callback URL that
 * leads to a non-public address (the receiver's own loopback, by address or by the name {@code
 * localhost}) is refused before anything is sent unless the subscription allows private networks,
 * and a name whose DNS answer changes after the check (DNS rebinding) does not lead the request to
 * the new address.
 *
 * <pre>{@code
 * class MyTransportTest extends ReportTransportContract {
 *   @Override
 *   protected ReportTransport transport(Duration timeout) {
 *     return MyTransport.withTimeout(timeout);
 *   }
 *
 *   @Override
 *   protected ReportTransport transport(Duration timeout, HostResolver resolver) {
 *     return MyTransport.withTimeout(timeout).resolvingWith(resolver);
 *   }
 * }
 * }</pre>
 *
 * <p>A transport that cannot connect to the very address it checked (the JDK's {@code HttpClient}
 * on Java 17 resolves the name again by itself) says so by overriding {@link #pinsAddresses()}; the
 * rebinding check then shows the limitation instead of failing, so that it stays visible.
 *
 * <p>The receiver listens on loopback, so the requests that are meant to reach it come from
 * subscriptions that allow private networks ({@link #allowingTheReceiver}); override that if your
 * transport allows the receiver some other way.
 */
public abstract class ReportTransportContract {
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final SubscriptionId SUBSCRIPTION = SubscriptionId.of("s-contract");
  private static final String BODY =
      "{\"user\":{\"id\":\"u1\",\"name\":\"Zoë\"},\"item\":{\"id\":\"i1\"},\"score\":87.5}";
  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  /** How long a send to a receiver that never answers may take beyond the transport's timeout. */
  private static final Duration MARGIN = Duration.ofSeconds(5);

  /** The timeout the transport under test is built with: short, so that the timeout test is. */
  protected static final Duration TIMEOUT = Duration.ofSeconds(1);

  private Receiver receiver;

  /**
   * The transport under test, giving up on an answer after about {@code timeout} (its {@link
   * ReportTransport#timeout()} may be longer, and bounds the timeout check).
   */
  protected abstract ReportTransport transport(Duration timeout);

  /**
   * The transport under test, as {@link #transport(Duration)}, resolving callback host names with
   * {@code resolver} (the rebinding checks script the DNS answers with it).
   */
  protected abstract ReportTransport transport(Duration timeout, HostResolver resolver);

  /**
   * Whether the transport connects to the very address it checked, so that a DNS answer that
   * changes after the check cannot lead a report elsewhere (true by default). A transport that lets
   * its HTTP client resolve the name again overrides this with {@code false}; the rebinding check
   * then asserts that the window is there, as documented, rather than hiding it.
   */
  protected boolean pinsAddresses() {
    return true;
  }

  /**
   * {@code subscription}, allowed to reach the local receiver on 127.0.0.1; by default it allows
   * private networks.
   */
  protected ReportSubscription allowingTheReceiver(ReportSubscription subscription) {
    return subscription.withAllowPrivateNetwork(true);
  }

  @BeforeEach
  void startReceiver() {
    receiver = new Receiver();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  private static ReportRequest request(ReportSubscription subscription) {
    Delivery delivery =
        Delivery.pending(
            DeliveryId.of("msg_contract_1"),
            subscription.id(),
            ACME,
            CompletionId.of("c1"),
            BODY,
            NOW);
    return ReportRequest.of(delivery, subscription, NOW);
  }

  private ReportSubscription toReceiver(String path) {
    return allowingTheReceiver(ReportSubscription.of(SUBSCRIPTION, ACME, receiver.url(path)));
  }

  private TransportResponse send(ReportSubscription subscription) {
    return transport(TIMEOUT).send(request(subscription));
  }

  @Test
  void sendsExactlyTheRequestsHeadersAndBody() {
    ReportSubscription subscription =
        toReceiver("/hooks/lms?tenant=acme&x=%C3%AB")
            .withAuthorization("Token  abc=\"q\"")
            .withSigningSecret(SigningSecret.of(SECRET));
    ReportRequest request = request(subscription);

    transport(TIMEOUT).send(request);

    assertThat(receiver.received()).hasSize(1);
    Received got = receiver.received().get(0);
    assertThat(got.method()).isEqualTo("POST");
    assertThat(got.path()).isEqualTo("/hooks/lms?tenant=acme&x=%C3%AB");
    assertThat(got.body()).isEqualTo(BODY.getBytes(StandardCharsets.UTF_8));
    request
        .headers()
        .forEach((name, value) -> assertThat(got.header(name)).as(name).isEqualTo(value));
    assertThat(got.header("Content-Type")).isEqualTo("application/json");
    assertThat(got.header("webhook-id")).isEqualTo("msg_contract_1");
    assertThat(got.header("webhook-timestamp")).isEqualTo("1700000000");
    assertThat(got.header("webhook-signature"))
        .isEqualTo(
            SigningSecret.of(SECRET)
                .sign("msg_contract_1", 1_700_000_000L, BODY.getBytes(StandardCharsets.UTF_8)));
    assertThat(got.header("Authorization")).isEqualTo("Token  abc=\"q\"");
  }

  @Test
  void sendsNoAuthorizationWhenItIsBlankAndNoSignatureWithoutASecret() {
    transport(TIMEOUT).send(request(toReceiver("/h").withAuthorization("  ")));

    Received got = receiver.received().get(0);
    assertThat(got.headers()).doesNotContainKey("authorization");
    assertThat(got.headers()).doesNotContainKey("webhook-signature");
    assertThat(got.header("webhook-id")).isEqualTo("msg_contract_1");
  }

  @Test
  void returnsEvery2xxAnswerAsItCame() {
    for (int status : List.of(200, 201, 202, 204)) {
      receiver.then(status, Map.of(), status == 204 ? "" : "{\"ok\":" + status + "}");

      TransportResponse response = send(toReceiver("/h"));

      assertThat(response.status()).as("status").isEqualTo(status);
      assertThat(response.successful()).isTrue();
      assertThat(response.body()).isEqualTo(status == 204 ? "" : "{\"ok\":" + status + "}");
    }
  }

  @Test
  void returnsEveryNon2xxAnswerAsItCameWithItsRetryAfter() {
    for (int status : List.of(400, 401, 404, 410, 429, 500, 503)) {
      receiver.then(status, Map.of("Retry-After", "120"), "{\"error\":" + status + "}");

      TransportResponse response = send(toReceiver("/h"));

      assertThat(response.status()).isEqualTo(status);
      assertThat(response.successful()).isFalse();
      assertThat(response.retryAfter()).contains("120");
      assertThat(response.body()).isEqualTo("{\"error\":" + status + "}");
    }
  }

  @Test
  void followsNoRedirect() {
    for (int status : List.of(301, 302, 303, 307, 308)) {
      receiver.then(status, Map.of("Location", receiver.url("/moved").toString()), "");

      TransportResponse response = send(toReceiver("/h"));

      assertThat(response.status()).isEqualTo(status);
      assertThat(response.successful()).isFalse();
    }
    assertThat(receiver.received()).extracting(Received::path).containsOnly("/h");
  }

  @Test
  void givesUpOnAReceiverThatNeverAnswersAndSaysARetryMayHelp() {
    receiver.thenNeverAnswer();
    ReportTransport transport = transport(TIMEOUT);
    long start = System.nanoTime();

    assertThatThrownBy(() -> transport.send(request(toReceiver("/h"))))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue());
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(transport.timeout().plus(MARGIN));
  }

  @Test
  void reportsARefusedConnectionAsADeliveryException() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    ReportSubscription nobodyListening =
        allowingTheReceiver(
            ReportSubscription.of(
                SUBSCRIPTION, ACME, URI.create("http://127.0.0.1:" + closedPort + "/h")));

    assertThatThrownBy(() -> send(nobodyListening))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue());
  }

  @Test
  void refusesALoopbackAddressWithoutPermissionAndSendsNothing() {
    ReportSubscription publicOnly = ReportSubscription.of(SUBSCRIPTION, ACME, receiver.url("/h"));

    assertThatThrownBy(() -> send(publicOnly))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse());
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void refusesANameThatResolvesToLoopbackWithoutPermissionAndSendsNothing() {
    ReportSubscription byName =
        ReportSubscription.of(
            SUBSCRIPTION, ACME, URI.create("http://localhost:" + receiver.port() + "/h"));

    assertThatThrownBy(() -> send(byName))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse());
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void refusesPrivateAddressesWrittenInTheUrlWithoutPermission() {
    for (String url :
        List.of(
            "http://169.254.169.254/latest/meta-data",
            "http://10.0.0.1:" + receiver.port() + "/h",
            "http://[::1]:" + receiver.port() + "/h")) {
      assertThatThrownBy(() -> send(ReportSubscription.of(SUBSCRIPTION, ACME, URI.create(url))))
          .as(url)
          .isInstanceOfSatisfying(
              DeliveryException.class, e -> assertThat(e.retryable()).isFalse());
    }
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void namesTheCallbackHostInTheHostHeader() {
    ReportSubscription byName =
        allowingTheReceiver(
            ReportSubscription.of(
                SUBSCRIPTION, ACME, URI.create("http://localhost:" + receiver.port() + "/h")));

    send(byName);

    assertThat(receiver.received().get(0).header("Host")).isEqualTo("localhost:" + receiver.port());
  }

  /**
   * The name is resolved once and that answer is both checked and connected to: a host name of the
   * test's own ({@code receiver.test}), which only the scripted resolver knows, reaches the
   * receiver with the name in its Host header.
   */
  @Test
  void connectsToTheAddressItResolvedAndCheckedKeepingTheNameInTheHostHeader() {
    Assumptions.assumeTrue(
        pinsAddresses(), "this transport resolves the name again when it connects");
    AtomicInteger lookups = new AtomicInteger();
    HostResolver resolver =
        host -> {
          lookups.incrementAndGet();
          assertThat(host).isEqualTo("receiver.test");
          return List.of(InetAddress.getLoopbackAddress());
        };
    ReportSubscription named =
        allowingTheReceiver(
            ReportSubscription.of(
                SUBSCRIPTION,
                ACME,
                URI.create("http://receiver.test:" + receiver.port() + "/in?k=1")));

    TransportResponse response = transport(TIMEOUT, resolver).send(request(named));

    assertThat(response.status()).isEqualTo(200);
    assertThat(lookups).hasValue(1);
    assertThat(receiver.received().get(0).header("Host"))
        .isEqualTo("receiver.test:" + receiver.port());
    assertThat(receiver.received().get(0).path()).isEqualTo("/in?k=1");
  }

  /**
   * DNS rebinding: the callback host resolves to a public address when it is checked and to the
   * receiver's loopback address on every later lookup. A transport that pins the address connects
   * to the public one (which does not answer here) and never reaches the receiver; one that does
   * not ({@link #pinsAddresses()} false) resolves again and reaches it, which this test shows
   * rather than hides.
   */
  @Test
  void sendsNothingToAnAddressTheCheckNeverSawWhenTheNameIsRebound() {
    AtomicInteger lookups = new AtomicInteger();
    HostResolver rebinding =
        host ->
            List.of(
                lookups.incrementAndGet() == 1
                    ? InetAddress.getByName("192.0.2.10")
                    : InetAddress.getLoopbackAddress());
    ReportSubscription publicOnly =
        ReportSubscription.of(
            SUBSCRIPTION, ACME, URI.create("http://localhost:" + receiver.port() + "/h"));
    ReportTransport transport = transport(TIMEOUT, rebinding);

    Throwable outcome = catchThrowable(() -> transport.send(request(publicOnly)));

    assertThat(lookups).as("lookups through the transport's resolver").hasPositiveValue();
    if (pinsAddresses()) {
      assertThat(receiver.received()).as("requests that reached the rebound address").isEmpty();
      assertThat(outcome).isInstanceOf(DeliveryException.class);
    } else {
      // The documented residual window of a transport that does not pin: its HTTP client
      // resolved localhost again and connected to loopback, which the check never saw.
      assertThat(receiver.received())
          .as("a transport declaring pinsAddresses() false resolves again; if it now pins, say so")
          .hasSize(1);
    }
  }

  /** A request as the receiver saw it; header names in lower case. */
  private record Received(String method, String path, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** A scripted answer; a null status never answers. */
  private record Answer(Integer status, Map<String, String> headers, String body) {}

  /**
   * A subscriber's endpoint on 127.0.0.1: answers from a script (then 200), keeps every request.
   */
  private static final class Receiver implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Answer> script = new ArrayList<>();
    private final List<Received> received = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    Receiver() {
      try {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext("/", this::handle);
      server.setExecutor(executor);
      server.start();
    }

    int port() {
      return server.getAddress().getPort();
    }

    URI url(String path) {
      return URI.create("http://127.0.0.1:" + port() + path);
    }

    synchronized void then(int status, Map<String, String> headers, String body) {
      script.add(new Answer(status, headers, body));
    }

    synchronized void thenNeverAnswer() {
      script.add(new Answer(null, Map.of(), ""));
    }

    synchronized List<Received> received() {
      return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new TreeMap<>();
        exchange
            .getRequestHeaders()
            .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        Answer answer;
        synchronized (this) {
          received.add(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getRawPath()
                      + (exchange.getRequestURI().getRawQuery() == null
                          ? ""
                          : "?" + exchange.getRequestURI().getRawQuery()),
                  headers,
                  body));
          answer = script.isEmpty() ? new Answer(200, Map.of(), "") : script.remove(0);
        }
        if (answer.status() == null) {
          // Never answers: holds the exchange until the receiver closes.
          closed.await(1, TimeUnit.MINUTES);
          return;
        }
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean empty = out.length == 0 || answer.status() == 204;
        exchange.sendResponseHeaders(answer.status(), empty ? -1 : out.length);
        if (!empty) {
          try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(out);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // The sender gave up (the timeout check); nothing to answer.
      }
    }

    @Override
    public void close() {
      closed.countDown();
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
