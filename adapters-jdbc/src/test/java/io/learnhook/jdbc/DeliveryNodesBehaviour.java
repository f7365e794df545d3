package io.learnhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.learnhook.LearnHook;
import io.learnhook.completion.NewCompletion;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.reporting.DeliveryWorkers;
import io.learnhook.spi.DeliveryOutbox.ClaimId;
import io.learnhook.spi.ReportTransport;
import io.learnhook.spi.ReportTransport.ReportRequest;
import io.learnhook.spi.ReportTransport.TransportResponse;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Delivery as app nodes run it: several nodes, each with its own pool and its own worker threads,
 * on one outbox. A subclass per database.
 */
abstract class DeliveryNodesBehaviour {
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static final int REPORTS = 1_000;

  private final List<AutoCloseable> closeAfter = new ArrayList<>();
  private String prefix;

  abstract TestDatabase database();

  @BeforeEach
  void seedTheLms() {
    prefix = "d" + PREFIXES.incrementAndGet() + "_";
    JdbcStore store = storeOn(database().dataSource());
    store.createSchema();
    store.directory().putCompany(new Company(ACME, true));
    store
        .directory()
        .putUser(
            new User(
                UserId.of("u1"), ACME, "ann@acme.test", "Ann", true, Optional.empty(), Map.of()));
    store
        .directory()
        .putItem(
            new Item(
                ItemId.of("i1"),
                ACME,
                "Phishing 101",
                ItemType.WEB_LINK,
                Optional.empty(),
                Optional.of("1000"),
                Optional.empty(),
                true));
    store
        .subscriptions()
        .save(
            ReportSubscription.of(
                SubscriptionId.of("s1"), ACME, URI.create("https://hooks.acme.test/lms")));
  }

  @AfterEach
  void stopNodes() throws Exception {
    for (int i = closeAfter.size() - 1; i >= 0; i--) {
      closeAfter.get(i).close();
    }
  }

  private JdbcStore storeOn(DataSource dataSource) {
    return JdbcStore.builder(dataSource).dialect(database().dialect()).tablePrefix(prefix).build();
  }

  /** An app node: its own pool and its own engine on the shared database. */
  private LearnHook node(String name) {
    HikariDataSource pool = database().newPool(name, 8);
    closeAfter.add(pool);
    return LearnHook.builder().store(storeOn(pool)).build();
  }

  private DeliveryWorkers workersOf(
      LearnHook node, ReportTransport transport, int threads, Duration lease) {
    DeliveryWorkers workers =
        node.deliveries()
            .workers(transport)
            .threads(threads)
            .lease(lease)
            .pollInterval(Duration.ofMillis(20))
            .maxPollInterval(Duration.ofMillis(200))
            .build();
    closeAfter.add(workers);
    return workers;
  }

  private static void record(LearnHook node, int i) {
    node.record(
        NewCompletion.of(
            ACME,
            UserId.of("u1"),
            ItemId.of("i1"),
            Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)));
  }

  private int delivered(LearnHook node) {
    return node.deliveries().list(ACME, DeliveryState.DELIVERED, REPORTS * 2).size();
  }

  /** A subscriber that answers 204 after a millisecond, counting every webhook-id it is sent. */
  private static final class CountingSubscriber implements ReportTransport {
    final Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();

    @Override
    public TransportResponse send(ReportRequest request) {
      sends
          .computeIfAbsent(request.headers().get("webhook-id"), id -> new AtomicInteger())
          .incrementAndGet();
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return TransportResponse.of(204);
    }

    @Override
    public Duration timeout() {
      return Duration.ofSeconds(5);
    }

    int total() {
      return sends.values().stream().mapToInt(AtomicInteger::get).sum();
    }
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void twoNodesDeliverAThousandReportsAndNoneTwice() throws Exception {
    LearnHook first = node("node-1");
    LearnHook second = node("node-2");
    for (int i = 0; i < REPORTS; i++) {
      record(i % 2 == 0 ? first : second, i);
    }
    CountingSubscriber subscriber = new CountingSubscriber();
    DeliveryWorkers one = workersOf(first, subscriber, 4, Duration.ofMinutes(1));
    DeliveryWorkers two = workersOf(second, subscriber, 4, Duration.ofMinutes(1));

    one.start();
    two.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(200);
    while (delivered(first) < REPORTS && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }

    assertThat(delivered(first)).isEqualTo(REPORTS);
    assertThat(subscriber.sends).hasSize(REPORTS);
    assertThat(subscriber.total()).as("sends in all: none twice").isEqualTo(REPORTS);
    assertThat(first.deliveries().list(ACME, DeliveryState.PENDING, 10)).isEmpty();
    assertThat(first.deliveries().list(ACME, DeliveryState.IN_FLIGHT, 10)).isEmpty();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void theReportsOfANodeThatDiedAreDeliveredByAnotherOnceTheirLeaseRunsOut() throws Exception {
    LearnHook dead = node("node-dead");
    LearnHook alive = node("node-alive");
    for (int i = 0; i < 20; i++) {
      record(dead, i);
    }
    // The dead node claimed them, leased for two seconds, and died before sending any.
    JdbcStore deadStore = storeOn(database().dataSource());
    Instant now = Instant.now();
    assertThat(deadStore.outbox().claim(ClaimId.random(), now, now.plusSeconds(2), 20)).hasSize(20);
    CountingSubscriber subscriber = new CountingSubscriber();

    workersOf(alive, subscriber, 4, Duration.ofSeconds(11)).start();
    Thread.sleep(1_000);
    assertThat(subscriber.total()).as("nothing taken while the lease lasts").isZero();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (delivered(alive) < 20 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }

    assertThat(delivered(alive)).isEqualTo(20);
    assertThat(subscriber.total()).isEqualTo(20);
  }
}
