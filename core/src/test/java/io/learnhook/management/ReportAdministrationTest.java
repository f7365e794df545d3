package io.learnhook.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.LearnHook;
import io.learnhook.MovableClock;
import io.learnhook.delivery.CallbackAddressRule;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SigningSecret;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.management.Actor.Role;
import io.learnhook.management.ManagementException.AccessDeniedException;
import io.learnhook.management.ManagementException.NotFoundException;
import io.learnhook.management.ManagementException.ValidationException;
import io.learnhook.management.ManagementException.ValidationException.Problem;
import io.learnhook.management.ReportAdministration.IssuedSubscription;
import io.learnhook.management.ReportAdministration.NewSubscription;
import io.learnhook.management.ReportAdministration.Retry;
import io.learnhook.management.ReportAdministration.SubscriptionChanges;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.reporting.DeliveryWorkers;
import io.learnhook.spi.ReportTransport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportAdministrationTest {
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final CompanyId GLOBEX = CompanyId.of("globex");
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  private static final Actor OWNER = Actor.of("u-olivia", "acme", Role.OWNER);
  private static final Actor ADMIN = Actor.of("u-adam", "acme", Role.ADMIN);
  private static final Actor MANAGER = Actor.of("u-mona", "acme", Role.MANAGER);
  private static final Actor LEARNER = Actor.of("u-ann", "acme", Role.LEARNER);
  private static final Actor GLOBEX_ADMIN = Actor.of("u-gus", "globex", Role.ADMIN);

  private final MovableClock clock = new MovableClock(T0);
  private final InMemoryStore store =
      new InMemoryStore().putCompany(new Company(ACME, true)).putCompany(new Company(GLOBEX, true));
  private final LearnHook learnHook = LearnHook.builder().store(store).clock(clock).build();

  /** hooks.acme.test is public; inside.acme.test is on the private network; the rest unknown. */
  private final ReportAdministration admin =
      new ReportAdministration(
          learnHook.deliveries(),
          clock,
          CallbackAddressRule.using(
              host ->
                  switch (host) {
                    case "hooks.acme.test" -> List.of(InetAddress.getByName("93.184.216.34"));
                    case "inside.acme.test" -> List.of(InetAddress.getByName("10.1.2.3"));
                    default -> throw new UnknownHostException(host);
                  }));

  private final Recording transport = new Recording();

  private IssuedSubscription create(NewSubscription request) {
    return admin.createSubscription(ADMIN, request);
  }

  private static NewSubscription signed(String url) {
    return new NewSubscription(url, Optional.of("Token abc"), true, false, Optional.empty(), true);
  }

  private static List<String> fields(ValidationException e) {
    return e.problems().stream().map(Problem::field).toList();
  }

  @Test
  void createsASubscriptionAndShowsItsNewSecretOnlyOnCreation() {
    IssuedSubscription issued = create(signed("https://hooks.acme.test/lms"));

    ReportSubscription made = issued.subscription();
    assertThat(issued.signingSecret()).isPresent();
    assertThat(made.signingSecret()).isEqualTo(issued.signingSecret());
    assertThat(made.company()).isEqualTo(ACME);
    assertThat(made.createdAt()).isEqualTo(T0);
    assertThat(made.authorization()).contains("Token abc");
    assertThat(admin.subscriptions(OWNER)).containsExactly(made);
    assertThat(admin.subscription(OWNER, made.id())).isEqualTo(made);
    assertThat(issued.toString()).doesNotContain(issued.signingSecret().get().reveal());
    assertThat(issued.toString()).doesNotContain("Token abc");
  }

  @Test
  void managersAndLearnersGetNothingNotEvenARead() {
    SubscriptionId id = create(signed("https://hooks.acme.test/lms")).subscription().id();

    for (Actor actor : List.of(MANAGER, LEARNER)) {
      assertThatThrownBy(() -> admin.subscriptions(actor))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> admin.subscription(actor, id))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> admin.createSubscription(actor, NewSubscription.of("nonsense")))
          .as("refused before the input is looked at")
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> admin.deleteSubscription(actor, id))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> admin.sendTest(actor, id)).isInstanceOf(AccessDeniedException.class);
    }
    assertThat(store.subscriptions().findById(id)).isPresent();
    assertThat(store.allDeliveries()).isEmpty();
  }

  @Test
  void anotherCompanysSubscriptionIsNotFoundLikeAnUnknownOne() {
    SubscriptionId id = create(signed("https://hooks.acme.test/lms")).subscription().id();

    List<Runnable> calls =
        List.of(
            () -> admin.subscription(GLOBEX_ADMIN, id),
            () ->
                admin.changeSubscription(
                    GLOBEX_ADMIN,
                    id,
                    new SubscriptionChanges(
                        Optional.of("::bad"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty())),
            () -> admin.deleteSubscription(GLOBEX_ADMIN, id),
            () -> admin.rotateSigningSecret(GLOBEX_ADMIN, id, Duration.ofDays(30)),
            () -> admin.sendTest(GLOBEX_ADMIN, id),
            () -> admin.subscription(ADMIN, SubscriptionId.of("no-such")));
    for (Runnable call : calls) {
      assertThatThrownBy(call::run)
          .isInstanceOf(NotFoundException.class)
          .hasMessage("Subscription not found");
    }
    assertThat(admin.subscriptions(GLOBEX_ADMIN)).isEmpty();
    assertThat(store.allDeliveries()).isEmpty();
  }

  @Test
  void listsEveryProblemOfANewSubscriptionAndSavesNothing() {
    NewSubscription bad =
        new NewSubscription(
            "ftp://hooks.acme.test/lms",
            Optional.of("Token\r\nX-Evil: 1"),
            true,
            false,
            Optional.of(new Retry(101, -1)),
            false);

    assertThatThrownBy(() -> create(bad))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(fields(e))
                    .containsExactly(
                        "callback_url",
                        "authorization",
                        "retry.max_retries",
                        "retry.interval_seconds"));
    assertThat(store.subscriptions().listByCompany(ACME)).isEmpty();
  }

  @Test
  void rejectsCallbackToPrivateAddressUnlessAllowed() {
    for (String url :
        List.of(
            "http://10.0.0.7/hook", "http://127.0.0.1:9000/hook", "https://inside.acme.test/")) {
      assertThatThrownBy(() -> create(NewSubscription.of(url)))
          .isInstanceOfSatisfying(
              ValidationException.class,
              e -> {
                assertThat(fields(e)).containsExactly("callback_url");
                assertThat(e.problems().get(0).message())
                    .contains("non-public address")
                    .contains("allow_private_network");
              });
    }
    assertThat(store.subscriptions().listByCompany(ACME)).isEmpty();

    ReportSubscription allowed =
        create(
                new NewSubscription(
                    "http://10.0.0.7/hook", Optional.empty(), true, true, Optional.empty(), false))
            .subscription();
    assertThat(allowed.allowPrivateNetwork()).isTrue();
    assertThatThrownBy(
            () ->
                admin.changeSubscription(
                    ADMIN,
                    allowed.id(),
                    new SubscriptionChanges(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(false),
                        Optional.empty(),
                        Optional.empty())))
        .as("switching the allowance off while the URL is private")
        .isInstanceOf(ValidationException.class);
    assertThat(admin.subscription(ADMIN, allowed.id())).isEqualTo(allowed);
  }

  @Test
  void acceptsAHostThatCannotBeResolvedWhenSaved() {
    ReportSubscription made =
        create(NewSubscription.of("https://not-yet-in-dns.acme.test/hook")).subscription();

    assertThat(made.callbackUrl().getHost()).isEqualTo("not-yet-in-dns.acme.test");
  }

  @Test
  void changesOnlyWhatIsAskedAndSigningOnOrOffManagesTheSecret() {
    ReportSubscription made =
        create(NewSubscription.of("https://hooks.acme.test/lms")).subscription();

    IssuedSubscription signedNow =
        admin.changeSubscription(
            ADMIN,
            made.id(),
            new SubscriptionChanges(
                Optional.empty(),
                Optional.of("Bearer new"),
                Optional.empty(),
                Optional.empty(),
                Optional.of(new Retry(5, 60)),
                Optional.of(true)));

    assertThat(signedNow.signingSecret()).isPresent();
    ReportSubscription stored = admin.subscription(ADMIN, made.id());
    assertThat(stored.signingSecret()).isEqualTo(signedNow.signingSecret());
    assertThat(stored.authorization()).contains("Bearer new");
    assertThat(stored.retryPolicy().maxRetries()).isEqualTo(5);
    assertThat(stored.retryPolicy().interval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(stored.callbackUrl()).isEqualTo(made.callbackUrl());
    assertThat(stored.createdAt()).isEqualTo(made.createdAt());

    IssuedSubscription again =
        admin.changeSubscription(
            ADMIN,
            made.id(),
            new SubscriptionChanges(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(true)));
    assertThat(again.signingSecret()).as("already signed: no new secret").isEmpty();
    assertThat(admin.subscription(ADMIN, made.id()).signingSecret())
        .isEqualTo(signedNow.signingSecret());

    admin.changeSubscription(
        ADMIN,
        made.id(),
        new SubscriptionChanges(
            Optional.empty(),
            Optional.of(""),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(false)));
    ReportSubscription unsigned = admin.subscription(ADMIN, made.id());
    assertThat(unsigned.signingSecret()).isEmpty();
    assertThat(unsigned.authorization()).as("blank removes it").isEmpty();
  }

  @Test
  void deletingASubscriptionCancelsItsPendingReportsAndKeepsThem() {
    SubscriptionId id = create(signed("https://hooks.acme.test/lms")).subscription().id();
    Delivery first = admin.sendTest(ADMIN, id);
    Delivery second = admin.sendTest(ADMIN, id);
    clock.advance(Duration.ofSeconds(5));

    admin.deleteSubscription(ADMIN, id);

    assertThat(store.subscriptions().findById(id)).isEmpty();
    for (Delivery queued : List.of(first, second)) {
      Delivery after = store.outbox().findById(queued.id()).orElseThrow();
      assertThat(after.state()).isEqualTo(DeliveryState.FAILED);
      assertThat(after.lastError()).contains("subscription deleted");
      assertThat(after.finishedAt()).contains(T0.plusSeconds(5));
    }
    workers().runOnce();
    assertThat(transport.sent).as("nothing more is sent").isEmpty();
    assertThatThrownBy(() -> admin.deleteSubscription(ADMIN, id))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aTestSendQueuesTheSampleReportOfTheContract() throws IOException {
    SubscriptionId id = create(signed("https://hooks.acme.test/lms")).subscription().id();

    Delivery queued = admin.sendTest(OWNER, id);

    assertThat(queued.payload()).isEqualTo(golden());
    assertThat(queued.subscription()).isEqualTo(id);
    assertThat(queued.company()).isEqualTo(ACME);
    assertThat(queued.completion().value()).startsWith("test-");
    assertThat(store.allCompletions()).as("no completion is recorded").isEmpty();
    workers().runOnce();
    assertThat(transport.sent).hasSize(1);
    assertThat(new String(transport.sent.get(0).body(), StandardCharsets.UTF_8))
        .isEqualTo(golden());
    assertThat(store.outbox().findById(queued.id()).orElseThrow().state())
        .isEqualTo(DeliveryState.DELIVERED);
  }

  @Test
  void aRotatedSecretSignsBesideTheNewOneUntilItsGraceEnds() {
    IssuedSubscription issued = create(signed("https://hooks.acme.test/lms"));
    SigningSecret old = issued.signingSecret().orElseThrow();
    SubscriptionId id = issued.subscription().id();

    SigningSecret next = admin.rotateSigningSecret(ADMIN, id, Duration.ofHours(1));
    Delivery during = admin.sendTest(ADMIN, id);
    workers().runOnce();
    clock.advance(Duration.ofHours(1));
    Delivery after = admin.sendTest(ADMIN, id);
    workers().runOnce();

    assertThat(next).isNotEqualTo(old);
    ReportTransport.ReportRequest first = transport.sent.get(0);
    long at = Long.parseLong(first.headers().get("webhook-timestamp"));
    assertThat(first.headers().get("webhook-signature"))
        .isEqualTo(
            next.sign(during.id().value(), at, first.body())
                + " "
                + old.sign(during.id().value(), at, first.body()));
    ReportTransport.ReportRequest second = transport.sent.get(1);
    long at2 = Long.parseLong(second.headers().get("webhook-timestamp"));
    assertThat(second.headers().get("webhook-signature"))
        .isEqualTo(next.sign(after.id().value(), at2, second.body()));
  }

  @Test
  void runningWorkersSignWithBothSecretsRightAfterARotationWhateverTheyCached() throws Exception {
    IssuedSubscription issued = create(signed("https://hooks.acme.test/lms"));
    SigningSecret old = issued.signingSecret().orElseThrow();
    SubscriptionId id = issued.subscription().id();
    try (DeliveryWorkers running =
        learnHook
            .deliveries()
            .workers(transport)
            .subscriptionCache(Duration.ofMinutes(10))
            .noRetention()
            .start()) {
      admin.sendTest(ADMIN, id);
      awaitSent(1);

      SigningSecret next = admin.rotateSigningSecret(ADMIN, id, Duration.ofHours(1));
      Delivery after = admin.sendTest(ADMIN, id);
      awaitSent(2);

      ReportTransport.ReportRequest second;
      synchronized (transport) {
        second = transport.sent.get(1);
      }
      long at = Long.parseLong(second.headers().get("webhook-timestamp"));
      assertThat(second.headers().get("webhook-signature"))
          .isEqualTo(
              next.sign(after.id().value(), at, second.body())
                  + " "
                  + old.sign(after.id().value(), at, second.body()));
    }
  }

  private void awaitSent(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (transport) {
        if (transport.sent.size() >= count) {
          return;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the workers sent fewer than " + count + " report(s) in 10 s");
  }

  @Test
  void rotationWithoutGraceDropsTheOldSecretAtOnceAndAnUnsignedSubscriptionCannotRotate() {
    IssuedSubscription issued = create(signed("https://hooks.acme.test/lms"));
    SubscriptionId id = issued.subscription().id();

    admin.rotateSigningSecret(ADMIN, id, Duration.ZERO);
    assertThat(admin.subscription(ADMIN, id).previousSecret()).isEmpty();

    assertThatThrownBy(() -> admin.rotateSigningSecret(ADMIN, id, Duration.ofDays(8)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(fields(e)).containsExactly("grace_seconds"));
    SubscriptionId unsigned =
        create(NewSubscription.of("https://hooks.acme.test/plain")).subscription().id();
    assertThatThrownBy(() -> admin.rotateSigningSecret(ADMIN, unsigned, Duration.ZERO))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(fields(e)).containsExactly("signing"));
    assertThat(admin.subscription(ADMIN, unsigned).signingSecret()).isEmpty();
  }

  @Test
  void a410GoneDisablesTheSubscriptionSayingWhyAndEnablingClearsTheReason() {
    SubscriptionId id = create(signed("https://hooks.acme.test/lms")).subscription().id();
    transport.answers.add(410);
    admin.sendTest(ADMIN, id);

    workers().runOnce();

    ReportSubscription disabled = admin.subscription(ADMIN, id);
    assertThat(disabled.enabled()).isFalse();
    assertThat(disabled.disabledReason()).contains("answered 410 Gone at " + T0);

    admin.changeSubscription(
        ADMIN,
        id,
        new SubscriptionChanges(
            Optional.empty(),
            Optional.empty(),
            Optional.of(true),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
    ReportSubscription enabled = admin.subscription(ADMIN, id);
    assertThat(enabled.enabled()).isTrue();
    assertThat(enabled.disabledReason()).isEmpty();
  }

  private DeliveryWorkers workers() {
    return learnHook.deliveries().workers(transport).subscriptionCache(Duration.ZERO).build();
  }

  private static String golden() throws IOException {
    try (InputStream in =
        ReportAdministrationTest.class.getResourceAsStream("/delivery/seed-sample-report.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }

  /** Keeps every request; answers 200 unless told otherwise. */
  private static final class Recording implements ReportTransport {
    final List<ReportRequest> sent = new ArrayList<>();
    final Deque<Integer> answers = new ArrayDeque<>();

    @Override
    public synchronized TransportResponse send(ReportRequest request) {
      sent.add(request);
      Integer status = answers.poll();
      return TransportResponse.of(status == null ? 200 : status);
    }

    @Override
    public Duration timeout() {
      return Duration.ofSeconds(1);
    }
  }
}
