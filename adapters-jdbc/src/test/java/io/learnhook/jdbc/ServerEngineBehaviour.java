package io.learnhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.learnhook.LearnHook;
import io.learnhook.completion.Completion;
import io.learnhook.completion.CompletionId;
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
import io.learnhook.ratelimit.RateLimits;
import io.learnhook.testkit.TcpProxy;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole engine on a database server, as app nodes run it: several engines, each with its own
 * pool, on one database; and the database going away and coming back. A subclass per server.
 */
abstract class ServerEngineBehaviour {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final WebhookKey KEY = WebhookKey.of("7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
  private static final AtomicInteger PREFIXES = new AtomicInteger();

  private final List<AutoCloseable> closeAfter = new ArrayList<>();
  private String prefix;

  abstract ServerDatabase database();

  @BeforeEach
  void seedTheLms() {
    prefix = "e" + PREFIXES.incrementAndGet() + "_";
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
  }

  @AfterEach
  void closePools() throws Exception {
    for (AutoCloseable closeable : closeAfter) {
      closeable.close();
    }
  }

  private JdbcStore storeOn(DataSource dataSource) {
    return JdbcStore.builder(dataSource).dialect(database().dialect()).tablePrefix(prefix).build();
  }

  /** An app node: its own pool and its own engine on the shared database. */
  private LearnHook node(String name) {
    HikariDataSource pool = database().newPool(name, 8);
    closeAfter.add(pool);
    // These tests load the database with one webhook's calls from many threads: the rate limit (per
    // node, tested in core) would answer most of them 429.
    return LearnHook.builder().store(storeOn(pool)).rateLimits(RateLimits.off()).build();
  }

  private static Ingested post(LearnHook node, String body) {
    return Ingested.post(node, KEY, body);
  }

  private static String completion(String eventId, Instant completedAt) {
    return "{\"user\":{\"email\":\"Ann@Acme.test\"},\"lesson\":{\"id\":\"1000\"},\"event_id\":\""
        + eventId
        + "\",\"completed_at\":\""
        + completedAt
        + "\"}";
  }

  private int completionRows() throws Exception {
    try (Connection connection = database().dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + prefix + "completions")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static <T> List<T> runAtOnce(int threads, List<Callable<T>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> call : calls) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return call.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Timeout(180)
  void twoNodesReceivingTheSameCompletionAtOnceRecordItOnceAndAnswerEveryCallerWithItsId()
      throws Exception {
    LearnHook first = node("node-a");
    LearnHook second = node("node-b");

    for (int round = 0; round < 5; round++) {
      String body =
          completion("evt-" + round, Instant.parse("2026-11-24T08:00:00Z").plusSeconds(round));
      List<Callable<Ingested>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        LearnHook node = i % 2 == 0 ? first : second;
        calls.add(() -> post(node, body));
      }

      List<Ingested> answers = runAtOnce(40, calls);

      List<String> statuses = answers.stream().map(Ingested::kind).toList();
      Set<String> ids = new HashSet<>();
      for (Ingested answer : answers) {
        ids.add(answer.completionId());
      }
      assertThat(statuses)
          .containsOnly("RECORDED", "DUPLICATE")
          .filteredOn(s -> s.equals("RECORDED"))
          .hasSize(1);
      assertThat(ids).hasSize(1).doesNotContain("");
      assertThat(completionRows()).isEqualTo(round + 1);
    }
  }

  @Test
  @Timeout(300)
  void aThousandDistinctCompletionsSentAtOnceToTwoNodesMakeAThousandRecords() throws Exception {
    LearnHook first = node("node-a");
    LearnHook second = node("node-b");
    Instant base = Instant.parse("2026-11-01T00:00:00Z");
    List<Callable<Ingested>> calls = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      LearnHook node = i % 2 == 0 ? first : second;
      String body = completion("evt-" + i, base.plusSeconds(i));
      calls.add(() -> post(node, body));
    }

    List<Ingested> answers = runAtOnce(16, calls);

    assertThat(answers).extracting(Ingested::kind).containsOnly("RECORDED");
    Set<String> ids = new HashSet<>();
    for (Ingested answer : answers) {
      ids.add(answer.completionId());
    }
    assertThat(ids).hasSize(1000);
    assertThat(completionRows()).isEqualTo(1000);
  }

  /** A node whose pool reaches the database through {@code proxy}, failing fast when it cannot. */
  private LearnHook nodeThrough(TcpProxy proxy) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database().jdbcUrlVia("127.0.0.1", proxy.port()));
    config.setPoolName("proxied");
    config.setMaximumPoolSize(4);
    // The recommended request-path settings (docs/STORAGE.md), shortened for the test.
    config.setConnectionTimeout(1_000);
    config.setValidationTimeout(500);
    HikariDataSource pool = new HikariDataSource(config);
    closeAfter.add(pool);
    return LearnHook.builder().store(storeOn(pool)).build();
  }

  @Test
  @Timeout(120)
  void answers503WithRetryAfterWhileTheDatabaseIsUnreachableAndRecoversWithoutARestart()
      throws Exception {
    TcpProxy proxy = new TcpProxy(database().serverAddress());
    closeAfter.add(proxy);
    LearnHook node = nodeThrough(proxy);
    assertThat(post(node, completion("before", Instant.parse("2026-11-24T08:00:00Z"))).kind())
        .isEqualTo("RECORDED");

    proxy.cut();
    long started = System.nanoTime();
    Ingested during = post(node, completion("during", Instant.parse("2026-11-24T09:00:00Z")));
    Duration waited = Duration.ofNanos(System.nanoTime() - started);

    assertThat(during.kind()).isEqualTo("STORAGE_UNAVAILABLE");
    assertThat(during.retryAfter()).isPresent();
    assertThat(during.error()).isNotEmpty();
    assertThat(waited).isLessThan(Duration.ofSeconds(10));
    // The pool has dropped its broken connections: now the call waits for a new one, which the
    // pool's connectionTimeout bounds.
    started = System.nanoTime();
    Ingested stillDown = post(node, completion("during", Instant.parse("2026-11-24T09:00:00Z")));
    waited = Duration.ofNanos(System.nanoTime() - started);
    assertThat(stillDown.kind()).isEqualTo("STORAGE_UNAVAILABLE");
    assertThat(stillDown.retryAfter()).isPresent();
    assertThat(waited).isLessThan(Duration.ofSeconds(5));
    assertThat(completionRows()).isEqualTo(1);

    proxy.restore();
    Ingested after = post(node, completion("during", Instant.parse("2026-11-24T09:00:00Z")));

    assertThat(after.kind()).as(after.toString()).isEqualTo("RECORDED");
    assertThat(completionRows()).isEqualTo(2);
  }

  @Test
  @Timeout(120)
  void healthSaysTheDatabaseIsDownWithinFiveSecondsOfLosingItAndUpWithinFiveOfItsReturn()
      throws Exception {
    TcpProxy proxy = new TcpProxy(database().serverAddress());
    closeAfter.add(proxy);
    LearnHook node = nodeThrough(proxy);
    assertThat(node.health().up()).isTrue();

    proxy.cut();
    Duration toDown = timeUntilDatabase(node, LearnHook.Health.State.DOWN);
    proxy.restore();
    Duration toUp = timeUntilDatabase(node, LearnHook.Health.State.UP);

    assertThat(toDown).isLessThan(Duration.ofSeconds(5));
    assertThat(toUp).isLessThan(Duration.ofSeconds(5));
  }

  /** Checks every 100 ms until the database is in {@code state}; how long that took. */
  private static Duration timeUntilDatabase(LearnHook node, LearnHook.Health.State state)
      throws InterruptedException {
    long start = System.nanoTime();
    while (node.health().database() != state) {
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      Thread.sleep(100);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /**
   * URL parameters that make the driver give up a read after {@code seconds} of silence from the
   * server, and keep TLS off so that {@link TcpProxy#slowAfter} can see the statements.
   */
  abstract String slowReadParameters(int seconds);

  @Test
  @Timeout(120)
  void answers503WithinTheReadTimeoutWhenTheDatabaseTurnsSlowMidTransactionAndWritesNothing()
      throws Exception {
    TcpProxy proxy = new TcpProxy(database().serverAddress());
    closeAfter.add(proxy);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(
        ServerDatabase.withParameter(
            database().jdbcUrlVia("127.0.0.1", proxy.port()), slowReadParameters(2)));
    config.setPoolName("slow");
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(1_000);
    config.setValidationTimeout(500);
    HikariDataSource pool = new HikariDataSource(config);
    closeAfter.add(pool);
    LearnHook node = LearnHook.builder().store(storeOn(pool)).build();
    // A report subscription: recording a completion also queues its report, in the same
    // transaction.
    node.deliveries()
        .saveSubscription(
            io.learnhook.delivery.ReportSubscription.of(
                    io.learnhook.delivery.SubscriptionId.of("s1"),
                    ACME,
                    java.net.URI.create("http://127.0.0.1:9/hook"))
                .withAllowPrivateNetwork(true));
    assertThat(post(node, completion("before", Instant.parse("2026-11-24T08:00:00Z"))).kind())
        .isEqualTo("RECORDED");

    // The completion's row is inserted; the answer to inserting its report never comes in time.
    proxy.slowAfter("insert into " + prefix + "deliveries", Duration.ofSeconds(6));
    String slowed = completion("slowed", Instant.parse("2026-11-24T09:00:00Z"));
    long started = System.nanoTime();
    Ingested during = post(node, slowed);
    Duration waited = Duration.ofNanos(System.nanoTime() - started);

    System.out.printf(
        "%s slow mid-transaction: answered %s after %d ms (read timeout 2 s, pool timeout 1 s)%n",
        database().dialect(), during.kind(), waited.toMillis());
    assertThat(during.kind()).as(during.toString()).isEqualTo("STORAGE_UNAVAILABLE");
    assertThat(during.retryAfter()).isPresent();
    assertThat(during.error()).isNotEmpty();
    assertThat(waited).isLessThan(Duration.ofSeconds(10));
    proxy.restore();
    // The server rolled back the half-done transaction: no completion without its report, and the
    // same completion sent again is new.
    assertThat(completionRows()).isEqualTo(1);
    assertThat(rows("deliveries")).isEqualTo(1);
    Ingested again = postRetryingWhileUnavailable(node, slowed);
    assertThat(again.kind()).as(again.toString()).isEqualTo("RECORDED");
    assertThat(completionRows()).isEqualTo(2);
    assertThat(rows("deliveries")).isEqualTo(2);
  }

  /**
   * As a sender does: retries after a 503 (for up to five seconds), since the pool may still hand
   * out a connection that the fault broke before it replaces them all.
   */
  private static Ingested postRetryingWhileUnavailable(LearnHook node, String body)
      throws InterruptedException {
    Ingested answer = post(node, body);
    for (int retry = 0; retry < 10 && answer.kind().equals("STORAGE_UNAVAILABLE"); retry++) {
      Thread.sleep(500);
      answer = post(node, body);
    }
    return answer;
  }

  private int rows(String table) throws Exception {
    try (Connection connection = database().dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + prefix + table)) {
      rows.next();
      return rows.getInt(1);
    }
  }

  /** Holds, from a connection of its own, a lock that makes inserting a completion wait. */
  abstract AutoCloseable blockInserts(Connection connection, String completionsTable)
      throws Exception;

  @Test
  @Timeout(120)
  void answers503WhenTheConnectionDropsMidRequestAndWritesNothing() throws Exception {
    TcpProxy proxy = new TcpProxy(database().serverAddress());
    closeAfter.add(proxy);
    LearnHook node = nodeThrough(proxy);
    assertThat(post(node, completion("warm-up", Instant.parse("2026-11-24T07:00:00Z"))).kind())
        .isEqualTo("RECORDED");
    String dropped = completion("dropped", Instant.parse("2026-11-24T08:00:00Z"));
    Ingested answer;
    ExecutorService sender = Executors.newSingleThreadExecutor();
    try (Connection blocker = database().dataSource().getConnection();
        AutoCloseable lock = blockInserts(blocker, prefix + "completions")) {
      Future<Ingested> pending = sender.submit(() -> post(node, dropped));
      // Long enough for the request to reach its insert and wait on the lock.
      Thread.sleep(1_000);
      assertThat(pending).isNotDone();

      proxy.cut();
      answer = pending.get(30, TimeUnit.SECONDS);
    } finally {
      sender.shutdownNow();
    }

    assertThat(answer.kind()).as(answer.toString()).isEqualTo("STORAGE_UNAVAILABLE");
    assertThat(answer.retryAfter()).isPresent();
    proxy.restore();
    // The server rolls back what the dropped connection had begun: the same completion sent again
    // is new, not a duplicate.
    Ingested again = postRetryingWhileUnavailable(node, dropped);
    assertThat(again.kind()).as(again.toString()).isEqualTo("RECORDED");
    assertThat(completionRows()).isEqualTo(2);
  }

  @Test
  void reportsTheNextCompletionToASubscriptionSavedAfterAnEarlierCallOfTheSameNode()
      throws Exception {
    LearnHook node = node("node-a");
    Instant first = Instant.parse("2026-11-25T09:00:00Z");
    assertThat(post(node, completion("before", first)).kind()).isEqualTo("RECORDED");
    assertThat(rows("deliveries")).isZero();

    // Saved on another node's store: nothing on node A may remember that ACME had no subscription.
    storeOn(database().dataSource())
        .subscriptions()
        .save(
            ReportSubscription.of(
                SubscriptionId.of("s1"), ACME, URI.create("https://hooks.example.com/lms")));

    assertThat(post(node, completion("after", first.plusSeconds(60))).kind()).isEqualTo("RECORDED");
    assertThat(rows("deliveries")).isEqualTo(1);
  }

  @Test
  void refusesANulCharacterWith422NamingTheFieldAndWritesNothing() throws Exception {
    LearnHook node = node("node-a");
    String[] bodies = {
      "{\"user\":{\"email\":\"ann\\u0000@acme.test\"},\"lesson\":{\"id\":\"1000\"}}",
      "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"10\\u000000\"}}",
      "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},\"event_id\":\"e\\u0000\"}",
      "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},\"result\":\"\\u0000\"}"
    };
    String[] fields = {"email", "source_id", "event_id", "result"};

    for (int i = 0; i < bodies.length; i++) {
      Ingested answer = post(node, bodies[i]);

      assertThat(answer.kind()).as(answer.toString()).isEqualTo("UNPROCESSABLE");
      assertThat(answer.error())
          .startsWith(fields[i] + " must not contain the NUL character (U+0000)");
    }
    assertThat(completionRows()).isZero();
  }

  @Test
  void answersHostileValuesAsNotFoundOrStoresThemExactlyNeverA500() throws Exception {
    LearnHook node = node("node-a");
    String[] hostile = {
      "'; DROP TABLE " + prefix + "completions; --",
      "\\' OR '1'='1",
      "%_%",
      "🎓".repeat(127),
      "\u202Eevil\u202C",
      "e\u0301\u0301\u0301",
      "x".repeat(255),
      "x".repeat(5000)
    };
    for (String value : hostile) {
      String quoted = JSON.writeValueAsString(value);
      Ingested unknownUser =
          post(node, "{\"user\":{\"email\":" + quoted + "},\"lesson\":{\"id\":\"1000\"}}");
      Ingested unknownItem =
          post(node, "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":" + quoted + "}}");

      // Not found (404) or unprocessable (422), never a failure.
      assertThat(unknownUser.kind())
          .as(unknownUser.toString())
          .isIn("USER_NOT_FOUND", "ITEM_NOT_FOUND", "UNPROCESSABLE", "NOT_EXTERNALLY_CONTROLLED");
      assertThat(unknownItem.kind())
          .as(unknownItem.toString())
          .isIn("USER_NOT_FOUND", "ITEM_NOT_FOUND", "UNPROCESSABLE", "NOT_EXTERNALLY_CONTROLLED");
    }
    for (int i = 0; i < hostile.length; i++) {
      String eventId = hostile[i];
      String result = hostile[i].length() > 255 ? "long" : hostile[i];
      Ingested recorded =
          post(
              node,
              "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},\"event_id\":"
                  + JSON.writeValueAsString(eventId)
                  + ",\"result\":"
                  + JSON.writeValueAsString(result)
                  + ",\"completed_at\":\""
                  + Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)
                  + "\"}");

      assertThat(recorded.kind()).as(recorded.toString()).isIn("RECORDED", "UNPROCESSABLE");
      if (eventId.length() <= 255) {
        assertThat(recorded.kind()).isEqualTo("RECORDED");
        String id = recorded.completionId();
        Completion stored =
            storeOn(database().dataSource())
                .completions()
                .findById(CompletionId.of(id))
                .orElseThrow();
        assertThat(stored.eventId()).contains(eventId);
        assertThat(stored.result()).contains(result);
      } else {
        assertThat(recorded.error()).startsWith("event_id must be at most 255 characters");
      }
    }
    assertThat(completionRows()).isEqualTo(hostile.length - 1);
  }
}
