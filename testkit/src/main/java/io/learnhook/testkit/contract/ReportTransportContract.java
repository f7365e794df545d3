package io.learnhook.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.learnhook.completion.CompletionId;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ReportTransport}; extend it to run it against your transport. Every check
 * runs over real sockets, against an HTTP receiver on 127.0.0.1 started for each test: the exact
 * headers and body arrive, any status comes back as it was answered, no redirect is followed, the
 * timeout is honoured, a refused connection is a {@link DeliveryException}, and a callback URL that
 * leads to a non-public address (the receiver's own loopback, by address or by the name {@code
 * localhost}) is refused before anything is sent unless the subscription allows private networks.
 *
 * <pre>{@code
 * class MyTransportTest extends ReportTransportContract {
 *   @Override
 *   protected ReportTransport transport(Duration timeout) {
 *     return MyTransport.withTimeout(timeout);
 *   }
 * }
 * }</pre>
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
