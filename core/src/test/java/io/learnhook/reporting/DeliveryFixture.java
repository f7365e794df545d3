package io.learnhook.reporting;

import io.learnhook.LearnHook;
import io.learnhook.MovableClock;
import io.learnhook.completion.NewCompletion;
import io.learnhook.completion.RecordResult;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.spi.ReportDetails;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An engine on an in-memory store with one company, two users, an item and a subscription, on a
 * clock that tests move.
 */
final class DeliveryFixture {
  static final CompanyId ACME = CompanyId.of("acme");
  static final CompanyId GLOBEX = CompanyId.of("globex");
  static final UserId ANN = UserId.of("u-ann");
  static final ItemId PHISHING = ItemId.of("i-phish");
  static final SubscriptionId HOOK = SubscriptionId.of("s-hook");
  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  final InMemoryStore store = new InMemoryStore();
  final MovableClock clock = new MovableClock(T0);
  final ScriptedTransport transport = new ScriptedTransport();
  final LearnHook learnHook;

  DeliveryFixture() {
    this(ReportDetails.none());
  }

  DeliveryFixture(ReportDetails details) {
    store.putCompany(new Company(ACME, true, true));
    store.putCompany(new Company(GLOBEX, true));
    store.putUser(
        new User(
            ANN, ACME, "ann@acme.test", "Ann", true, Optional.of("E-1"), Map.of("Team", "Blue")));
    store.putUser(
        new User(
            UserId.of("u-gina"),
            GLOBEX,
            "gina@globex.test",
            "Gina",
            true,
            Optional.empty(),
            Map.of()));
    store.putItem(
        new Item(
            PHISHING,
            ACME,
            "Phishing 101",
            ItemType.WEB_LINK,
            Optional.empty(),
            Optional.of("1000"),
            Optional.of("knowbe4"),
            true));
    store.putItem(
        new Item(
            ItemId.of("i-globex"),
            GLOBEX,
            "Globex video",
            ItemType.VIDEO,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            true));
    learnHook = LearnHook.builder().store(store).clock(clock).reportDetails(details).build();
    learnHook.deliveries().saveSubscription(subscription(HOOK));
  }

  static ReportSubscription subscription(SubscriptionId id) {
    return ReportSubscription.of(id, ACME, URI.create("https://hooks.acme.test/lms"))
        .withAuthorization("Token abc");
  }

  RecordResult complete(Instant completedAt) {
    return learnHook.record(NewCompletion.of(ACME, ANN, PHISHING, completedAt));
  }

  DeliveryWorkers workers() {
    return learnHook.deliveries().workers(transport).random(() -> 0.0).build();
  }

  Delivery only() {
    List<Delivery> all = store.allDeliveries();
    if (all.size() != 1) {
      throw new AssertionError("expected one delivery, found " + all);
    }
    return all.get(0);
  }

  Delivery reload(Delivery delivery) {
    return learnHook.deliveries().find(delivery.id()).orElseThrow();
  }

  void advance(Duration by) {
    clock.advance(by);
  }
}
