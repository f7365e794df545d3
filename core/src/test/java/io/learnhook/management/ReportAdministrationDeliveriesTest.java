package io.learnhook.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.learnhook.LearnHook;
import io.learnhook.MovableClock;
import io.learnhook.completion.CompletionId;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryAttempt;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.management.Actor.Role;
import io.learnhook.management.ManagementException.AccessDeniedException;
import io.learnhook.management.ManagementException.ConflictException;
import io.learnhook.management.ManagementException.NotFoundException;
import io.learnhook.management.ManagementException.ValidationException;
import io.learnhook.management.ReportAdministration.DeliveryDetail;
import io.learnhook.management.ReportAdministration.DeliveryFilter;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.spi.DeliveryOutbox;
import io.learnhook.spi.DeliveryOutbox.ClaimId;
import io.learnhook.spi.DeliveryOutbox.DeliveryOutcome;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The delivery half of {@link ReportAdministration}: who may, what each call does and refuses. */
class ReportAdministrationDeliveriesTest {
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final CompanyId GLOBEX = CompanyId.of("globex");
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  private static final SubscriptionId HOOK = SubscriptionId.of("s-acme");
  private static final SubscriptionId GLOBEX_HOOK = SubscriptionId.of("s-globex");
  private static final String AUTHORIZATION = "Token zebra-42-secret";
  private static final Actor OWNER = Actor.of("u-olivia", "acme", Role.OWNER);
  private static final Actor ADMIN = Actor.of("u-adam", "acme", Role.ADMIN);
  private static final Actor GLOBEX_ADMIN = Actor.of("u-gus", "globex", Role.ADMIN);

  private final MovableClock clock = new MovableClock(T0.plus(Duration.ofHours(1)));
  private final InMemoryStore store =
      new InMemoryStore().putCompany(new Company(ACME, true)).putCompany(new Company(GLOBEX, true));
  private final ReportAdministration reports;

  ReportAdministrationDeliveriesTest() {
    LearnHook learnHook = LearnHook.builder().store(store).clock(clock).build();
    learnHook
        .deliveries()
        .saveSubscription(
            ReportSubscription.of(HOOK, ACME, URI.create("https://a.example/r"))
                .withAuthorization(AUTHORIZATION));
    learnHook
        .deliveries()
        .saveSubscription(
            ReportSubscription.of(GLOBEX_HOOK, GLOBEX, URI.create("https://g.example/r")));
    reports = learnHook.reportAdministration();
    // failed (T0, after a 503), delivered (T0+10s), pending (T0+20s); globex's failed (T0).
    store
        .outbox()
        .enqueue(
            List.of(
                delivery("failed", HOOK, ACME, T0),
                delivery("delivered", HOOK, ACME, T0.plusSeconds(10)),
                delivery("globex", GLOBEX_HOOK, GLOBEX, T0)));
    ClaimId claim = ClaimId.random();
    Instant at = T0.plusSeconds(15);
    assertThat(store.outbox().claim(claim, at, at.plusSeconds(60), 10)).hasSize(3);
    store
        .outbox()
        .finish(
            claim,
            DeliveryOutcome.failed(
                DeliveryId.of("failed"), Optional.of(attempt("failed", 503, at)), "HTTP 503", at));
    store.outbox().finish(claim, DeliveryOutcome.delivered(attempt("delivered", 204, at), at));
    store
        .outbox()
        .finish(claim, DeliveryOutcome.failed(DeliveryId.of("globex"), Optional.empty(), "x", at));
    store.outbox().enqueue(List.of(delivery("pending", HOOK, ACME, T0.plusSeconds(20))));
  }

  private static Delivery delivery(
      String id, SubscriptionId subscription, CompanyId company, Instant createdAt) {
    return Delivery.pending(
        DeliveryId.of(id),
        subscription,
        company,
        CompletionId.of("c-" + id),
        "{\"id\":\"" + id + "\"}",
        createdAt);
  }

  private static DeliveryAttempt attempt(String id, int status, Instant at) {
    return new DeliveryAttempt(
        DeliveryId.of(id),
        1,
        at,
        Duration.ofMillis(12),
        Optional.of(status),
        status >= 300 ? Optional.of("HTTP " + status) : Optional.empty(),
        Optional.empty());
  }

  private static List<String> ids(List<DeliveryOutbox.Listed> listed) {
    return listed.stream().map(l -> l.delivery().id().value()).toList();
  }

  @Test
  void listsTheActorsCompanysDeliveriesNewestFirstWithTheirLastStatus() {
    List<DeliveryOutbox.Listed> all = reports.listDeliveries(OWNER, DeliveryFilter.all(), 50);

    assertThat(ids(all)).containsExactly("pending", "delivered", "failed");
    assertThat(all)
        .extracting(DeliveryOutbox.Listed::lastStatus)
        .containsExactly(Optional.empty(), Optional.of(204), Optional.of(503));
    assertThat(ids(reports.listDeliveries(GLOBEX_ADMIN, DeliveryFilter.all(), 50)))
        .containsExactly("globex");
    assertThat(
            ids(
                reports.listDeliveries(
                    ADMIN,
                    new DeliveryFilter(
                        Optional.of(HOOK),
                        Set.of(DeliveryState.PENDING, DeliveryState.IN_FLIGHT),
                        Optional.of(T0),
                        Optional.empty()),
                    50)))
        .containsExactly("pending");
  }

  @Test
  void refusesALimitOutOfRangeAndAnEmptyTimeRangeListingBoth() {
    ValidationException refused =
        catchThrowableOfType(
            () ->
                reports.listDeliveries(
                    OWNER,
                    new DeliveryFilter(
                        Optional.empty(), Set.of(), Optional.of(T0), Optional.of(T0)),
                    ReportAdministration.MAX_DELIVERY_LIST_LIMIT + 1),
            ValidationException.class);

    assertThat(refused.problems())
        .extracting(ValidationException.Problem::field)
        .containsExactly("limit", "until");
  }

  @Test
  void anotherCompanysSubscriptionOrDeliveryIsNotFoundLikeAnUnknownOne() {
    DeliveryFilter globexHook =
        new DeliveryFilter(Optional.of(GLOBEX_HOOK), Set.of(), Optional.empty(), Optional.empty());
    assertThatThrownBy(() -> reports.listDeliveries(OWNER, globexHook, 10))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Subscription not found");
    for (String id : List.of("globex", "nobody")) {
      assertThatThrownBy(() -> reports.delivery(OWNER, DeliveryId.of(id)))
          .isInstanceOf(NotFoundException.class)
          .hasMessage("Delivery not found");
      assertThatThrownBy(() -> reports.redeliver(OWNER, DeliveryId.of(id)))
          .isInstanceOf(NotFoundException.class)
          .hasMessage("Delivery not found");
    }
    assertThatThrownBy(
            () ->
                reports.redeliverAll(
                    OWNER, DeliveryState.FAILED, T0, clock.instant(), Optional.of(GLOBEX_HOOK)))
        .isInstanceOf(NotFoundException.class);
    assertThat(store.outbox().findById(DeliveryId.of("globex")).orElseThrow().state())
        .isEqualTo(DeliveryState.FAILED);
  }

  @Test
  void readsOneDeliveryWithItsAttempts() {
    DeliveryDetail detail = reports.delivery(ADMIN, DeliveryId.of("failed"));

    assertThat(detail.delivery().payload()).isEqualTo("{\"id\":\"failed\"}");
    assertThat(detail.lastStatus()).contains(503);
    assertThat(detail.attempts())
        .singleElement()
        .satisfies(a -> assertThat(a.status()).contains(503));
  }

  @Test
  void redeliversAFinishedOneNowAndRefusesAPendingOneWithAConflict() {
    reports.redeliver(OWNER, DeliveryId.of("delivered"));

    Delivery again = store.outbox().findById(DeliveryId.of("delivered")).orElseThrow();
    assertThat(again.state()).isEqualTo(DeliveryState.PENDING);
    assertThat(again.nextAttemptAt()).isEqualTo(clock.instant());
    assertThatThrownBy(() -> reports.redeliver(OWNER, DeliveryId.of("pending")))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> reports.redeliver(OWNER, DeliveryId.of("delivered")))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void redeliversEveryReportOfAStateInATimeRange() {
    assertThat(
            reports.redeliverAll(
                OWNER, DeliveryState.FAILED, T0, T0.plusSeconds(1), Optional.empty()))
        .isEqualTo(1);
    assertThat(store.outbox().findById(DeliveryId.of("failed")).orElseThrow().state())
        .isEqualTo(DeliveryState.PENDING);
    assertThat(
            reports.redeliverAll(
                OWNER, DeliveryState.DELIVERED, T0, T0.plusSeconds(11), Optional.of(HOOK)))
        .isEqualTo(1);
    assertThat(store.outbox().findById(DeliveryId.of("globex")).orElseThrow().state())
        .isEqualTo(DeliveryState.FAILED);
  }

  @Test
  void bulkRedeliveryRefusesAPendingStateAndAnEmptyRangeListingBoth() {
    ValidationException refused =
        catchThrowableOfType(
            () -> reports.redeliverAll(OWNER, DeliveryState.PENDING, T0, T0, Optional.empty()),
            ValidationException.class);

    assertThat(refused.problems())
        .extracting(ValidationException.Problem::field)
        .containsExactly("state", "until");
    assertThat(store.outbox().findById(DeliveryId.of("pending")).orElseThrow().state())
        .isEqualTo(DeliveryState.PENDING);
  }

  @Test
  void neverShowsTheSubscriptionsAuthorizationValueInAnErrorText() {
    DeliveryId id = DeliveryId.of("leaky");
    store.outbox().enqueue(List.of(delivery("leaky", HOOK, ACME, T0.plusSeconds(30))));
    ClaimId claim = ClaimId.random();
    Instant at = T0.plusSeconds(40);
    // Claims "pending" too, the earlier one, given back below.
    assertThat(store.outbox().claim(claim, at, at.plusSeconds(60), 10)).hasSize(2);
    store.outbox().release(claim, DeliveryId.of("pending"));
    String quoting = "refused header Authorization: " + AUTHORIZATION;
    store
        .outbox()
        .finish(
            claim,
            DeliveryOutcome.failed(
                id,
                Optional.of(
                    new DeliveryAttempt(
                        id,
                        1,
                        at,
                        Duration.ZERO,
                        Optional.empty(),
                        Optional.of(quoting),
                        Optional.empty())),
                quoting,
                at));

    DeliveryDetail detail = reports.delivery(OWNER, id);
    DeliveryOutbox.Listed listed = reports.listDeliveries(OWNER, DeliveryFilter.all(), 1).get(0);

    assertThat(detail.delivery().lastError()).contains("refused header Authorization: [redacted]");
    assertThat(detail.attempts().get(0).error())
        .contains("refused header Authorization: [redacted]");
    assertThat(listed.delivery().id()).isEqualTo(id);
    assertThat(listed.delivery().lastError()).contains("refused header Authorization: [redacted]");
  }

  @ParameterizedTest
  @EnumSource(
      value = Role.class,
      names = {"MANAGER", "LEARNER"})
  void managersAndLearnersMayNeitherReadNorSendAgain(Role role) {
    Actor actor = Actor.of("u-x", "acme", role);

    assertThatThrownBy(() -> reports.listDeliveries(actor, DeliveryFilter.all(), 10))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> reports.delivery(actor, DeliveryId.of("failed")))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> reports.redeliver(actor, DeliveryId.of("failed")))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(
            () ->
                reports.redeliverAll(
                    actor, DeliveryState.FAILED, T0, T0.plusSeconds(1), Optional.empty()))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(store.outbox().findById(DeliveryId.of("failed")).orElseThrow().state())
        .isEqualTo(DeliveryState.FAILED);
  }
}
