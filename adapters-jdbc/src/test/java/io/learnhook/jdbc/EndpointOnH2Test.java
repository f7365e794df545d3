package io.learnhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.LearnHook;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole engine on H2: what the app runs by default. */
class EndpointOnH2Test {
  @RegisterExtension static final H2Database H2 = new H2Database();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final WebhookKey KEY = WebhookKey.of("7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

  private JdbcStore store;
  private LearnHook learnHook;

  @BeforeEach
  void seed() {
    store = H2.newStore();
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
                Optional.of("phishing-101"),
                Optional.of("1000"),
                Optional.of("knowbe4"),
                true));
    Instant now = Instant.parse("2026-11-25T10:00:00Z");
    store
        .webhooks()
        .save(
            new Webhook(
                WebhookId.of("w1"),
                ACME,
                "KnowBe4",
                KEY.hash(),
                FieldMapping.parse("{\"email\":\"user.email\",\"source_id\":\"lesson.id\"}"),
                Optional.of("knowbe4"),
                now,
                now));
    learnHook = LearnHook.builder().store(store).build();
  }

  private Ingested post(String body) {
    return Ingested.post(learnHook, KEY, body);
  }

  @Test
  void fiftyThreadsSendingTheSameCompletionAtOnceRecordItExactlyOnce() throws Exception {
    String body =
        "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},\"completed_at\":\"2026-11-24T08:00:00Z\"}";
    ExecutorService pool = Executors.newFixedThreadPool(50);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Ingested>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return post(body);
                }));
      }
      start.countDown();
      List<String> statuses = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (Future<Ingested> answer : answers) {
        Ingested response = answer.get(30, TimeUnit.SECONDS);
        statuses.add(response.kind());
        ids.add(response.completionId());
      }

      assertThat(statuses)
          .containsOnly("RECORDED", "DUPLICATE")
          .filteredOn(s -> s.equals("RECORDED"))
          .hasSize(1);
      assertThat(ids).containsOnly(ids.get(0));
      assertThat(completionRows()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void writesNothingForARefusedCompletion() throws Exception {
    assertThat(
            post("{\"user\":{\"email\":\"nobody@acme.test\"},\"lesson\":{\"id\":\"1000\"}}").kind())
        .isEqualTo("USER_NOT_FOUND");
    assertThat(post("{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"404\"}}").kind())
        .isEqualTo("ITEM_NOT_FOUND");
    assertThat(post("{\"lesson\":{\"id\":\"1000\"}}").kind()).isEqualTo("UNPROCESSABLE");

    assertThat(completionRows()).isZero();
    assertThat(learnHook.requestLog(WebhookId.of("w1"), 10)).hasSize(3);
  }

  @Test
  void reportsTheNextCompletionToASubscriptionSavedAfterAnEarlierCall() throws Exception {
    assertThat(post(completion("2026-11-24T08:00:00Z")).kind()).isEqualTo("RECORDED");
    assertThat(rows("deliveries")).isZero();

    store
        .subscriptions()
        .save(
            ReportSubscription.of(
                SubscriptionId.of("s1"), ACME, URI.create("https://hooks.example.com/lms")));

    assertThat(post(completion("2026-11-24T09:00:00Z")).kind()).isEqualTo("RECORDED");
    assertThat(rows("deliveries")).isEqualTo(1);
  }

  @Test
  void reportsToTheSubscriptionsOfARepositoryWiredBesideTheStore() throws Exception {
    // The store's own table has no subscription; the application's repository has one.
    InMemoryStore elsewhere = new InMemoryStore();
    elsewhere
        .subscriptions()
        .save(
            ReportSubscription.of(
                SubscriptionId.of("s1"), ACME, URI.create("https://hooks.example.com/lms")));
    learnHook = LearnHook.builder().store(store).subscriptions(elsewhere.subscriptions()).build();

    assertThat(post(completion("2026-11-24T08:00:00Z")).kind()).isEqualTo("RECORDED");
    assertThat(rows("deliveries")).isEqualTo(1);
  }

  private static String completion(String completedAt) {
    return "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},\"completed_at\":\""
        + completedAt
        + "\"}";
  }

  private int rows(String table) throws Exception {
    try (Connection connection = H2.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT COUNT(*) FROM " + store.tablePrefix() + table)) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private int completionRows() throws Exception {
    try (Connection connection = H2.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT COUNT(*) FROM " + store.tablePrefix() + "completions")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
