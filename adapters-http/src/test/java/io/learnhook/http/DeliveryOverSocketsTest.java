package io.learnhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.LearnHook;
import io.learnhook.completion.NewCompletion;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryAttempt;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.RetryPolicy;
import io.learnhook.delivery.SigningSecret;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.reporting.DeliveryWorkers;
import io.learnhook.testkit.MutableClock;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reports delivered by the workers through {@link HttpReportTransport} to a receiver on 127.0.0.1,
 * over real sockets; retries are due by a clock the test moves, so nothing waits five minutes.
 */
class DeliveryOverSocketsTest {
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final SubscriptionId HOOK = SubscriptionId.of("s-hook");
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private final Receiver receiver = Receiver.start();
  private final MutableClock clock = MutableClock.at(T0);
  private final InMemoryStore store = new InMemoryStore();
  private final LearnHook learnHook;
  private final DeliveryWorkers workers;

  DeliveryOverSocketsTest() {
    store.putCompany(new Company(ACME, true, true));
    store.putUser(
        new User(
            UserId.of("u1"),
            ACME,
            "ann@acme.test",
            "Ann",
            true,
            Optional.of("E-1"),
            Map.of("Team", "Blue")));
    store.putItem(
        new Item(
            ItemId.of("i1"),
            ACME,
            "Phishing 101",
            ItemType.WEB_LINK,
            Optional.empty(),
            Optional.of("1000"),
            Optional.empty(),
            true));
    learnHook = LearnHook.builder().store(store).clock(clock).build();
    subscribe(receiver.url("/lms"));
    workers =
        learnHook
            .deliveries()
            .workers(
                HttpReportTransport.builder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .requestTimeout(Duration.ofMillis(500))
                    .build())
            .build();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private void subscribe(URI url) {
    learnHook
        .deliveries()
        .saveSubscription(
            ReportSubscription.of(HOOK, ACME, url)
                .withAuthorization("Token abc")
                .withSigningSecret(SigningSecret.of(SECRET))
                .withAllowPrivateNetwork(true));
  }

  private Delivery complete() {
    learnHook.record(
        NewCompletion.of(ACME, UserId.of("u1"), ItemId.of("i1"), T0.minusSeconds(30))
            .withScore(new BigDecimal("92.5")));
    List<Delivery> all = store.allDeliveries();
    return all.get(all.size() - 1);
  }

  private Delivery reload(Delivery delivery) {
    return learnHook.deliveries().find(delivery.id()).orElseThrow();
  }

  private List<DeliveryAttempt> attempts(Delivery delivery) {
    return learnHook.deliveries().attempts(delivery.id());
  }

  @Test
  void deliversASignedReportThatTheSubscriberCanVerify() throws Exception {
    Delivery delivery = complete();

    workers.runOnce();

    assertThat(reload(delivery).state()).isEqualTo(DeliveryState.DELIVERED);
    Receiver.Received got = receiver.received().get(0);
    JsonNode report = JSON.readTree(got.body());
    assertThat(report.get("user").get("ext_uid").asText()).isEqualTo("E-1");
    assertThat(report.get("lesson").get("title").asText()).isEqualTo("Phishing 101");
    assertThat(report.get("score_percent").decimalValue()).isEqualByComparingTo("92.5");
    assertThat(got.header("Authorization")).isEqualTo("Token abc");
    assertThat(got.header("webhook-id")).isEqualTo(delivery.id().value());
    assertThat(got.header("webhook-signature"))
        .isEqualTo(
            SigningSecret.of(SECRET)
                .sign(
                    got.header("webhook-id"),
                    Long.parseLong(got.header("webhook-timestamp")),
                    got.bodyText().getBytes(StandardCharsets.UTF_8)));
    DeliveryAttempt attempt = attempts(delivery).get(0);
    assertThat(attempt.status()).contains(200);
    assertThat(attempt.response()).contains("{\"received\":true}");
    assertThat(attempt.latency()).isPositive();
  }

  @Test
  void retriesAfterA500AndDeliversOnThe200WithTheSameWebhookId() {
    receiver.then(new Receiver.Answer(500, Map.of(), "{\"error\":\"boom\"}", Duration.ZERO));
    Delivery delivery = complete();

    workers.runOnce();
    assertThat(reload(delivery).state()).isEqualTo(DeliveryState.PENDING);
    clock.advance(Duration.ofMinutes(5));
    workers.runOnce();

    assertThat(reload(delivery).state()).isEqualTo(DeliveryState.DELIVERED);
    assertThat(attempts(delivery))
        .extracting(a -> a.status().orElseThrow())
        .containsExactly(500, 200);
    assertThat(attempts(delivery).get(0).response()).contains("{\"error\":\"boom\"}");
    assertThat(receiver.received())
        .extracting(r -> r.header("webhook-id"))
        .containsExactly(delivery.id().value(), delivery.id().value());
    assertThat(receiver.received())
        .extracting(Receiver.Received::bodyText)
        .containsOnly(receiver.received().get(0).bodyText());
  }

  @Test
  void aTimeoutIsAFailureThatIsRetried() {
    receiver.then(new Receiver.Answer(200, Map.of(), "too late", Duration.ofSeconds(3)));
    Delivery delivery = complete();

    workers.runOnce();

    Delivery waiting = reload(delivery);
    assertThat(waiting.state()).isEqualTo(DeliveryState.PENDING);
    assertThat(waiting.nextAttemptAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    DeliveryAttempt attempt = attempts(delivery).get(0);
    assertThat(attempt.status()).isEmpty();
    assertThat(attempt.error()).hasValueSatisfying(e -> assertThat(e).contains("in time"));
  }

  @Test
  void aRefusedConnectionIsRetriedThreeTimesThenTheReportIsKeptAsFailed() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    subscribe(URI.create("http://127.0.0.1:" + closedPort + "/lms"));
    Delivery delivery = complete();

    for (int attempt = 1; attempt <= 4; attempt++) {
      assertThat(workers.runOnce()).isEqualTo(1);
      clock.advance(Duration.ofMinutes(5));
    }

    Delivery failed = reload(delivery);
    assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
    assertThat(attempts(delivery))
        .hasSize(4)
        .allSatisfy(
            a -> {
              assertThat(a.status()).isEmpty();
              assertThat(a.error())
                  .hasValueSatisfying(e -> assertThat(e).contains("127.0.0.1:" + closedPort));
            });
    assertThat(learnHook.deliveries().list(ACME, DeliveryState.FAILED, 5)).containsExactly(failed);
  }

  @Test
  void aRedirectIsAFailureAndIsNotFollowed() {
    try (Receiver elsewhere = Receiver.start()) {
      receiver.then(
          new Receiver.Answer(
              301, Map.of("Location", elsewhere.url("/new").toString()), "", Duration.ZERO));
      Delivery delivery = complete();

      workers.runOnce();

      assertThat(reload(delivery).state()).isEqualTo(DeliveryState.PENDING);
      assertThat(attempts(delivery).get(0).error())
          .hasValueSatisfying(e -> assertThat(e).contains("301"));
      assertThat(elsewhere.received()).isEmpty();
    }
  }

  @Test
  void goneDisablesTheSubscriptionAndFailsTheReport() {
    receiver.then(410);
    Delivery delivery = complete();

    workers.runOnce();

    assertThat(reload(delivery).state()).isEqualTo(DeliveryState.FAILED);
    assertThat(learnHook.deliveries().subscription(HOOK).orElseThrow().enabled()).isFalse();
    complete();
    assertThat(store.allDeliveries()).as("no new report for a disabled subscription").hasSize(1);
  }

  @Test
  void aLoopbackCallbackIsRefusedWhenPrivateNetworksAreNotAllowed() {
    learnHook
        .deliveries()
        .saveSubscription(
            learnHook
                .deliveries()
                .subscription(HOOK)
                .orElseThrow()
                .withAllowPrivateNetwork(false)
                .withRetryPolicy(RetryPolicy.defaults()));
    Delivery delivery = complete();

    workers.runOnce();

    Delivery failed = reload(delivery);
    assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
    assertThat(failed.lastError())
        .hasValueSatisfying(e -> assertThat(e).contains("loopback").contains("not retried"));
    assertThat(receiver.received()).isEmpty();
  }
}
