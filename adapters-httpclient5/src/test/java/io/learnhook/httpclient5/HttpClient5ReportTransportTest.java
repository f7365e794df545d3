package io.learnhook.httpclient5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.completion.CompletionId;
import io.learnhook.delivery.CallbackAddressRule.HostResolver;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.CompanyId;
import io.learnhook.spi.ReportTransport;
import io.learnhook.spi.ReportTransport.DeliveryException;
import io.learnhook.spi.ReportTransport.ReportRequest;
import io.learnhook.spi.ReportTransport.TransportResponse;
import io.learnhook.testkit.contract.ReportTransportContract;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transport over real sockets, against a receiver on 127.0.0.1: the test kit's {@link
 * ReportTransportContract} (pinning and DNS rebinding included), and what is particular to it: the
 * pool never reuses a connection for an address no check approved, the kept body's size, the
 * overall deadline, its resolver, and no system property set.
 */
class HttpClient5ReportTransportTest extends ReportTransportContract {
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final SubscriptionId HOOK = SubscriptionId.of("s1");

  private final Receiver receiver = Receiver.start();
  private final List<HttpClient5ReportTransport> built = new ArrayList<>();

  @Override
  protected ReportTransport transport(Duration timeout) {
    return transport(timeout, HostResolver.system());
  }

  @Override
  protected ReportTransport transport(Duration timeout, HostResolver resolver) {
    return keep(
        HttpClient5ReportTransport.builder()
            .connectTimeout(timeout)
            .requestTimeout(timeout)
            .resolver(resolver)
            .build());
  }

  private HttpClient5ReportTransport keep(HttpClient5ReportTransport transport) {
    built.add(transport);
    return transport;
  }

  @AfterEach
  void stop() throws IOException {
    receiver.close();
    for (HttpClient5ReportTransport transport : built) {
      transport.close();
    }
  }

  private static ReportRequest request(ReportSubscription subscription) {
    return ReportRequest.of(
        Delivery.pending(
            DeliveryId.of("msg_1"), HOOK, ACME, CompletionId.of("c1"), "{}", Instant.now()),
        subscription,
        Instant.ofEpochSecond(1_700_000_000L));
  }

  private URI receiverUrl(String host, String path) {
    return URI.create("http://" + host + ":" + receiver.port() + path);
  }

  /**
   * A connection the pool keeps for the route to a name is not reused once the name resolves to
   * another address: a subscription allowed to reach loopback leaves a kept-alive connection to the
   * receiver, and a public-only subscription to the same name, now resolving to a public address,
   * never travels over it.
   */
  @Test
  void neverReusesAPooledConnectionForAnAddressTheCheckDidNotApprove() {
    AtomicInteger lookups = new AtomicInteger();
    HttpClient5ReportTransport transport =
        keep(
            HttpClient5ReportTransport.builder()
                .connectTimeout(Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(1))
                .resolver(
                    host ->
                        List.of(
                            lookups.incrementAndGet() == 1
                                ? InetAddress.getLoopbackAddress()
                                : InetAddress.getByName("192.0.2.10")))
                .build());
    URI url = receiverUrl("hooks.subscriber.test", "/h");

    TransportResponse first =
        transport.send(
            request(ReportSubscription.of(HOOK, ACME, url).withAllowPrivateNetwork(true)));
    assertThatThrownBy(() -> transport.send(request(ReportSubscription.of(HOOK, ACME, url))))
        .isInstanceOf(DeliveryException.class);

    assertThat(first.status()).isEqualTo(200);
    assertThat(lookups).hasValue(2);
    assertThat(receiver.received()).hasSize(1);
  }

  /** The same checked address again: the kept-alive connection (one client port) carries all. */
  @Test
  void reusesTheConnectionToTheSameCheckedAddress() {
    HttpClient5ReportTransport transport =
        keep(
            HttpClient5ReportTransport.builder()
                .resolver(host -> List.of(InetAddress.getLoopbackAddress()))
                .build());
    ReportSubscription subscription =
        ReportSubscription.of(HOOK, ACME, receiverUrl("hooks.subscriber.test", "/h"))
            .withAllowPrivateNetwork(true);

    for (int i = 0; i < 3; i++) {
      assertThat(transport.send(request(subscription)).status()).isEqualTo(200);
    }
    assertThat(receiver.received()).hasSize(3);
    assertThat(receiver.received())
        .extracting(Receiver.Received::remotePort)
        .containsOnly(receiver.received().get(0).remotePort());
  }

  @Test
  void keepsOnlyTheStartOfALargeAnswer() {
    byte[] large = new byte[HttpClient5ReportTransport.KEPT_RESPONSE_BYTES * 4];
    Arrays.fill(large, (byte) 'x');
    receiver.answering(Receiver.answer(500, large));

    TransportResponse response =
        transport(Duration.ofSeconds(5))
            .send(
                request(
                    ReportSubscription.of(HOOK, ACME, receiverUrl("127.0.0.1", "/h"))
                        .withAllowPrivateNetwork(true)));

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.body()).hasSize(HttpClient5ReportTransport.KEPT_RESPONSE_BYTES);
  }

  /** A byte every 200 ms never trips the read timeout, but the whole answer has a deadline. */
  @Test
  void givesUpOnAnAnswerWhoseBodyNeverEndsWithinTheTimeout() {
    receiver.answering(
        exchange -> {
          try {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < 100; i++) {
              out.write('x');
              out.flush();
              Thread.sleep(200);
            }
            out.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    ReportTransport transport = transport(Duration.ofMillis(700));
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                transport.send(
                    request(
                        ReportSubscription.of(HOOK, ACME, receiverUrl("127.0.0.1", "/h"))
                            .withAllowPrivateNetwork(true))))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("in time");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void refusesWhenAnyOfTheAddressesOfANameIsPrivate() {
    ReportTransport mixed =
        transport(
            Duration.ofSeconds(1),
            host ->
                List.of(InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.7")));

    assertThatThrownBy(
            () ->
                mixed.send(
                    request(ReportSubscription.of(HOOK, ACME, URI.create("https://mixed.test/h")))))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("10.0.0.7");
  }

  @Test
  void saysWhenTheHostCannotBeResolved() {
    ReportTransport nowhere =
        transport(
            Duration.ofSeconds(1),
            host -> {
              throw new UnknownHostException(host);
            });

    assertThatThrownBy(
            () ->
                nowhere.send(
                    request(
                        ReportSubscription.of(HOOK, ACME, URI.create("http://nowhere.test/h")))))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("cannot resolve the callback host nowhere.test");
  }

  @Test
  void neverPutsTheUrlsPathOrQueryOrTheAuthorizationInAFailure() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    ReportSubscription secretive =
        ReportSubscription.of(
                HOOK,
                ACME,
                URI.create("http://127.0.0.1:" + closedPort + "/hook/t0ps3cret?token=s3cr3t"))
            .withAllowPrivateNetwork(true)
            .withAuthorization("Token abc123");

    assertThatThrownBy(() -> transport(Duration.ofSeconds(1)).send(request(secretive)))
        .isInstanceOf(DeliveryException.class)
        .hasMessageNotContaining("t0ps3cret")
        .hasMessageNotContaining("s3cr3t")
        .hasMessageNotContaining("abc123");
  }

  @Test
  void setsNoSystemProperty() {
    Properties before = new Properties();
    before.putAll(System.getProperties());

    HttpClient5ReportTransport transport = keep(HttpClient5ReportTransport.create());
    transport.send(
        request(
            ReportSubscription.of(HOOK, ACME, receiverUrl("127.0.0.1", "/h"))
                .withAllowPrivateNetwork(true)));

    assertThat(System.getProperties()).isEqualTo(before);
    assertThat(receiver.received()).hasSize(1);
  }

  @Test
  void failsASendAfterCloseWithADeliveryException() throws IOException {
    HttpClient5ReportTransport transport = HttpClient5ReportTransport.create();
    transport.close();

    assertThatThrownBy(
            () ->
                transport.send(
                    request(
                        ReportSubscription.of(HOOK, ACME, receiverUrl("127.0.0.1", "/h"))
                            .withAllowPrivateNetwork(true))))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue());
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void refusesAProxyThatIsNotASchemeHostAndPort() {
    for (String proxy :
        List.of(
            "socks5://p:1080",
            "http://user:pw@p:3128",
            "http://p:3128/path",
            "p:3128",
            "http:///")) {
      assertThatThrownBy(() -> HttpClient5ReportTransport.builder().proxy(URI.create(proxy)))
          .as(proxy)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining("pw");
    }
  }

  @Test
  void leavesALeaseLongerThanEverySendCanTake() {
    assertThat(
            keep(HttpClient5ReportTransport.builder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .requestTimeout(Duration.ofMillis(700))
                    .build())
                .timeout())
        .isGreaterThan(Duration.ofMillis(2700));
  }
}
