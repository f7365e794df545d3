package io.learnhook.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.LearnHook;
import io.learnhook.completion.CompletionId;
import io.learnhook.delivery.CallbackAddressRule;
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
import io.learnhook.testkit.contract.ReportTransportContract;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transport over real sockets, against a receiver on 127.0.0.1: the test kit's {@link
 * ReportTransportContract}, and what is particular to this transport (the kept body's size, body
 * deadlines, its resolver). It does not pin the checked address ({@link #pinsAddresses()}).
 */
class HttpReportTransportTest extends ReportTransportContract {
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final SubscriptionId HOOK = SubscriptionId.of("s1");
  private static final String BODY = "{\"user\":{\"id\":\"u1\",\"name\":\"Zoë\"},\"score\":1}";

  private final Receiver receiver = Receiver.start();
  private final HttpReportTransport transport =
      HttpReportTransport.builder()
          .connectTimeout(Duration.ofSeconds(2))
          .requestTimeout(Duration.ofMillis(700))
          .build();

  @Override
  protected ReportTransport transport(Duration timeout) {
    return HttpReportTransport.builder().connectTimeout(timeout).requestTimeout(timeout).build();
  }

  @Override
  protected ReportTransport transport(Duration timeout, CallbackAddressRule.HostResolver resolver) {
    return HttpReportTransport.builder()
        .connectTimeout(timeout)
        .requestTimeout(timeout)
        .resolver(resolver::resolve)
        .build();
  }

  /**
   * No: {@code HttpClient} resolves the name again when it connects (Java 17 has no per-client
   * resolver), so the kit's rebinding check shows the documented window (docs/SECURITY.md).
   */
  @Override
  protected boolean pinsAddresses() {
    return false;
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private static Delivery delivery() {
    return Delivery.pending(
        DeliveryId.of("msg_1"), HOOK, ACME, CompletionId.of("c1"), BODY, Instant.now());
  }

  private static ReportSubscription subscription(URI url) {
    return ReportSubscription.of(HOOK, ACME, url).withAllowPrivateNetwork(true);
  }

  private static ReportRequest request(ReportSubscription subscription) {
    return ReportRequest.of(delivery(), subscription, Instant.ofEpochSecond(1_700_000_000L));
  }

  @Test
  void postsTheBodyAndEveryHeaderToTheCallbackUrl() {
    ReportSubscription subscription =
        subscription(receiver.url("/hooks/lms?tenant=acme&x=%C3%AB"))
            .withAuthorization("Token abc")
            .withSigningSecret(SigningSecret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    ReportRequest request = request(subscription);

    TransportResponse response = transport.send(request);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"received\":true}");
    Receiver.Received got = receiver.received().get(0);
    assertThat(got.method()).isEqualTo("POST");
    assertThat(got.path()).isEqualTo("/hooks/lms?tenant=acme&x=%C3%AB");
    assertThat(got.bodyText()).isEqualTo(BODY);
    assertThat(got.header("Content-Type")).isEqualTo("application/json");
    assertThat(got.header("User-Agent")).isEqualTo("LearnHook/" + LearnHook.version());
    assertThat(got.header("Authorization")).isEqualTo("Token abc");
    assertThat(got.header("webhook-id")).isEqualTo("msg_1");
    assertThat(got.header("webhook-timestamp")).isEqualTo("1700000000");
    assertThat(got.header("webhook-signature"))
        .isEqualTo(
            SigningSecret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                .sign("msg_1", 1_700_000_000L, BODY.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void leavesNoBodyDeadlineQueuedOnceAnswersHaveEnded() {
    // Each answer's body deadline is cancelled when the answer ends; a cancelled one left queued
    // until its timeout kept the exchange reachable (thousands of them in a soak).
    for (int i = 0; i < 200; i++) {
      assertThat(transport.send(request(subscription(receiver.url("/h")))).status()).isEqualTo(200);
    }

    assertThat(HttpReportTransport.queuedBodyDeadlines()).isZero();
  }

  @Test
  void leavesTheAuthorizationHeaderOutWhenTheSubscriptionHasNone() {
    transport.send(request(subscription(receiver.url("/h"))));

    assertThat(receiver.received().get(0).headers())
        .doesNotContainKey("authorization")
        .doesNotContainKey("webhook-signature");
  }

  @Test
  void returnsANon2xxAnswerWithItsRetryAfterAndBody() {
    receiver.then(
        new Receiver.Answer(
            503, Map.of("Retry-After", "120"), "{\"error\":\"maintenance\"}", Duration.ZERO));

    TransportResponse response = transport.send(request(subscription(receiver.url("/h"))));

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.successful()).isFalse();
    assertThat(response.retryAfter()).contains("120");
    assertThat(response.body()).isEqualTo("{\"error\":\"maintenance\"}");
  }

  @Test
  void keepsOnlyTheStartOfALargeAnswer() {
    receiver.then(new Receiver.Answer(500, Map.of(), "x".repeat(100_000), Duration.ZERO));

    TransportResponse response = transport.send(request(subscription(receiver.url("/h"))));

    assertThat(response.body()).hasSize(HttpReportTransport.KEPT_RESPONSE_BYTES);
  }

  @Test
  void doesNotFollowARedirect() {
    try (Receiver elsewhere = Receiver.start()) {
      receiver.then(
          new Receiver.Answer(
              302, Map.of("Location", elsewhere.url("/moved").toString()), "", Duration.ZERO));

      TransportResponse response = transport.send(request(subscription(receiver.url("/h"))));

      assertThat(response.status()).isEqualTo(302);
      assertThat(elsewhere.received()).isEmpty();
    }
  }

  @Test
  void givesUpOnASlowSubscriberAfterTheTimeoutAndSaysARetryMayHelp() {
    receiver.then(new Receiver.Answer(200, Map.of(), "late", Duration.ofSeconds(3)));

    // No bound on the time taken (a shared machine can stall any thread for seconds): the answer
    // is a 200, so a send that waited for it would have succeeded; failing is what timing out is.
    assertThatThrownBy(() -> transport.send(request(subscription(receiver.url("/h")))))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("127.0.0.1:" + receiver.port())
        .hasMessageContaining("in time");
  }

  @Test
  void givesUpOnAnAnswerWhoseBodyNeverEndsWithinTheTimeout() {
    receiver.then(new Receiver.Answer(200, Map.of(), Receiver.DRIP, Duration.ZERO));

    // The drip ends in a complete 200 after 10 s: a send that waited for it would have succeeded,
    // so failing is the proof of giving up; no timing bound, which a busy machine could break.
    assertThatThrownBy(() -> transport.send(request(subscription(receiver.url("/h")))))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("no complete answer");
  }

  @Test
  void reportsARefusedConnectionAsRetryable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    assertThatThrownBy(
            () ->
                transport.send(
                    request(subscription(URI.create("http://127.0.0.1:" + closedPort + "/h")))))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("127.0.0.1:" + closedPort);
  }

  @Test
  void refusesLoopbackWithoutAllowPrivateNetworkAndSendsNothing() {
    ReportSubscription publicOnly = subscription(receiver.url("/h")).withAllowPrivateNetwork(false);

    assertThatThrownBy(() -> transport.send(request(publicOnly)))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("loopback")
        .hasMessageContaining("does not allow private networks");
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void refusesANameThatResolvesToAPrivateOrMetadataAddress() throws Exception {
    for (String address :
        List.of(
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.100.100.200",
            "127.0.0.53",
            "0.0.0.0",
            "224.0.0.1",
            "fd00:ec2::254",
            "::1",
            "fe80::1",
            "::ffff:10.0.0.1",
            "64:ff9b::a9fe:a9fe")) {
      AtomicInteger lookups = new AtomicInteger();
      HttpReportTransport rebinding =
          HttpReportTransport.builder()
              .resolver(
                  host -> {
                    lookups.incrementAndGet();
                    return List.of(InetAddress.getByName(address));
                  })
              .build();
      ReportSubscription named =
          ReportSubscription.of(
              HOOK, ACME, URI.create("http://hooks.subscriber.test:" + receiver.port() + "/h"));

      assertThatThrownBy(() -> rebinding.send(request(named)))
          .as(address)
          .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
          .hasMessageContaining("hooks.subscriber.test resolves to");
      assertThat(lookups).hasValue(1);
    }
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void refusesWhenAnyOfTheAddressesOfANameIsPrivate() {
    HttpReportTransport mixed =
        HttpReportTransport.builder()
            .resolver(
                host ->
                    List.of(
                        InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.7")))
            .build();

    assertThatThrownBy(
            () ->
                mixed.send(
                    request(ReportSubscription.of(HOOK, ACME, URI.create("https://mixed.test/h")))))
        .hasMessageContaining("10.0.0.7");
  }

  @Test
  void refusesAnAddressWrittenInTheUrl() {
    for (String url :
        List.of(
            "http://169.254.169.254/latest/meta-data",
            "http://[fd00:ec2::254]/",
            "http://10.0.0.1:8080/h")) {
      assertThatThrownBy(
              () -> transport.send(request(ReportSubscription.of(HOOK, ACME, URI.create(url)))))
          .as(url)
          .isInstanceOfSatisfying(
              DeliveryException.class, e -> assertThat(e.retryable()).isFalse());
    }
  }

  /** The resolver feeds the check only: a name allowed to be private is not looked up at all. */
  @Test
  void connectsByNameAndAsksTheResolverNothingWhenPrivateNetworksAreAllowed() {
    AtomicInteger lookups = new AtomicInteger();
    HttpReportTransport counting =
        HttpReportTransport.builder()
            .resolver(
                host -> {
                  lookups.incrementAndGet();
                  return List.of(InetAddress.getLoopbackAddress());
                })
            .build();
    ReportSubscription named =
        subscription(URI.create("http://localhost:" + receiver.port() + "/in?k=1"));

    TransportResponse response = counting.send(request(named));

    assertThat(response.status()).isEqualTo(200);
    assertThat(lookups).hasValue(0);
    Receiver.Received got = receiver.received().get(0);
    assertThat(got.header("Host")).isEqualTo("localhost:" + receiver.port());
    assertThat(got.path()).isEqualTo("/in?k=1");
  }

  @Test
  void saysWhenTheHostCannotBeResolved() {
    HttpReportTransport nowhere =
        HttpReportTransport.builder()
            .resolver(
                host -> {
                  throw new UnknownHostException(host);
                })
            .build();

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
        subscription(URI.create("http://127.0.0.1:" + closedPort + "/hook/t0ps3cret?token=s3cr3t"))
            .withAuthorization("Token abc123");

    assertThatThrownBy(() -> transport.send(request(secretive)))
        .hasMessageNotContaining("t0ps3cret")
        .hasMessageNotContaining("s3cr3t")
        .hasMessageNotContaining("abc123");
  }

  @Test
  void leavesALeaseLongerThanEverySendCanTake() {
    assertThat(transport.timeout()).isGreaterThan(Duration.ofMillis(2700));
  }
}
