package io.learnhook.benchmarks.retention;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import io.learnhook.ingest.CompletionIngest;
import io.learnhook.ingest.CompletionIngest.RequestBody;
import io.learnhook.ingest.IngestOutcome;
import io.learnhook.jdbc.JdbcStore;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.ratelimit.RateLimits;
import io.learnhook.reporting.DeliveryWorkers;
import io.learnhook.reporting.DeliveryWorkers.Retention;
import io.learnhook.spi.ReportTransport;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * What retention costs the hot path, on PostgreSQL: recordings per second and their p99 latency
 * without pruning and with {@link DeliveryWorkers#pruneOnce()} running back to back on another
 * thread, in interleaved rounds.
 *
 * <p>Each recording is a webhook call through {@link CompletionIngest} (key check, mapping,
 * resolution, the completion, one report for the company's subscription, a request-log entry), so
 * it writes to every table retention deletes from. Before every round, of either kind, the old rows
 * are topped up to {@code rows}: finished reports delivered 60 days ago, each with one attempt, and
 * request-log entries received 60 days ago. Rounds alternate, the first kind flipping every pair,
 * so that both kinds see the same drift of a shared machine; the ratio of medians is the result.
 *
 * <pre>
 * LEARNHOOK_BENCH_POSTGRES_URL='jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres' \
 * java -cp benchmarks/target/benchmarks.jar io.learnhook.benchmarks.retention.PruneHarness \
 *   100000 8 10 1 6
 * </pre>
 *
 * Arguments: old rows of each kind (100,000), callers and pool size (8), seconds per round (10),
 * warm-up pairs (1), measured pairs (6). Uses (and first drops) the schema {@code
 * lh_bench_retention}, and drops it at the end.
 */
public final class PruneHarness {
  private static final String SCHEMA = "lh_bench_retention";
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final WebhookKey KEY = WebhookKey.of("0f3c2a1b-9d4e-4c1a-8b2f-6e5d4c3b2a19");
  private static final WebhookId WEBHOOK = WebhookId.of("w-bench");
  private static final Duration OLD = Duration.ofDays(60);

  private PruneHarness() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    int pairs = args.length > 4 ? Integer.parseInt(args[4]) : 6;

    try (HikariDataSource pool = new HikariDataSource(poolConfig(threads + 2))) {
      JdbcStore store = JdbcStore.builder(pool).build();
      store.createSchema();
      LearnHook learnHook = seedDirectory(store);
      DeliveryWorkers pruner =
          learnHook
              .deliveries()
              .workers(new NoTransport())
              .retention(
                  new Retention(
                      Duration.ofDays(30),
                      Duration.ofDays(90),
                      Duration.ofDays(30),
                      Duration.ofMinutes(10),
                      500,
                      1_000_000))
              .build();
      AtomicLong sequence = new AtomicLong();

      List<Double> plainRates = new ArrayList<>();
      List<Double> prunedRates = new ArrayList<>();
      List<Double> plainP99 = new ArrayList<>();
      List<Double> prunedP99 = new ArrayList<>();
      for (int pair = -warmup; pair < pairs; pair++) {
        for (int half = 0; half < 2; half++) {
          boolean pruning = (half == 0) == ((pair & 1) == 0);
          topUp(pool, rows);
          Round round = round(learnHook, threads, seconds, pruning ? pruner : null, sequence);
          System.out.printf(
              "pair %2d%s %-16s %8.0f recordings/s  p99 %7.2f ms  pruned %,d reports, %,d"
                  + " request-log entries%n",
              pair + 1,
              pair < 0 ? " (warm-up)" : "",
              pruning ? "with pruning" : "without pruning",
              round.rate(),
              round.p99Millis(),
              round.prunedReports(),
              round.prunedEntries());
          if (pair >= 0) {
            (pruning ? prunedRates : plainRates).add(round.rate());
            (pruning ? prunedP99 : plainP99).add(round.p99Millis());
          }
        }
      }
      double rateWithout = median(plainRates);
      double rateWith = median(prunedRates);
      double p99Without = median(plainP99);
      double p99With = median(prunedP99);
      System.out.printf(
          "%n%,d old rows of each kind, %d callers, %d pairs of %.0f s rounds (medians)%n%n",
          rows, threads, pairs, seconds);
      System.out.println("| | recordings/s | p99 (ms) |");
      System.out.println("|---|---|---|");
      System.out.printf("| without pruning | %,.0f | %.2f |%n", rateWithout, p99Without);
      System.out.printf("| with pruning | %,.0f | %.2f |%n", rateWith, p99With);
      System.out.printf(
          "| with ÷ without | %.3f | %.3f |%n", rateWith / rateWithout, p99With / p99Without);
    } finally {
      dropSchema();
    }
    System.exit(0);
  }

  /** What one round measured. */
  private record Round(double rate, double p99Millis, long prunedReports, long prunedEntries) {}

  private static Round round(
      LearnHook learnHook, int threads, double seconds, DeliveryWorkers pruner, AtomicLong sequence)
      throws InterruptedException {
    CompletionIngest ingest = learnHook.ingest();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong prunedReports = new AtomicLong();
    AtomicLong prunedEntries = new AtomicLong();
    Thread pruning = null;
    if (pruner != null) {
      pruning =
          new Thread(
              () -> {
                try {
                  while (!stop.get()) {
                    DeliveryWorkers.Retention.Pruned pruned = pruner.pruneOnce();
                    prunedReports.addAndGet(pruned.deliveries());
                    prunedEntries.addAndGet(pruned.requestLogEntries());
                    if (pruned.deliveries() == 0 && pruned.requestLogEntries() == 0) {
                      Thread.sleep(50);
                    }
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                  failure.compareAndSet(null, e);
                }
              },
              "pruner");
      pruning.start();
    }
    List<Histogram> histograms = Collections.synchronizedList(new ArrayList<>());
    AtomicLong done = new AtomicLong();
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    List<Thread> callers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread caller =
          new Thread(
              () -> {
                Histogram histogram = new Histogram(3);
                try {
                  while (System.nanoTime() < deadline) {
                    byte[] body = body(sequence.incrementAndGet());
                    long t0 = System.nanoTime();
                    IngestOutcome outcome =
                        ingest.ingest(
                            Optional.of(KEY), Optional.empty(), false, RequestBody.of(body));
                    histogram.recordValue(System.nanoTime() - t0);
                    if (!(outcome instanceof IngestOutcome.Recorded)) {
                      throw new IllegalStateException("not recorded: " + outcome);
                    }
                    done.incrementAndGet();
                  }
                } catch (RuntimeException e) {
                  failure.compareAndSet(null, e);
                } finally {
                  histograms.add(histogram);
                }
              });
      callers.add(caller);
      caller.start();
    }
    for (Thread caller : callers) {
      caller.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    stop.set(true);
    if (pruning != null) {
      // A round of retention may last minutes (it paces itself): stop it between two batches.
      pruning.interrupt();
      pruning.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("the round failed", failure.get());
    }
    Histogram all = new Histogram(3);
    histograms.forEach(all::add);
    return new Round(
        done.get() / elapsed,
        all.getValueAtPercentile(99) / 1e6,
        prunedReports.get(),
        prunedEntries.get());
  }

  /** A call for a new completion: its own event id and completion time. */
  private static byte[] body(long n) {
    Instant completedAt = Instant.parse("2026-01-01T00:00:00Z").plusMillis(n);
    return ("{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},\"event_id\":\"ev-"
            + n
            + "\",\"completed_at\":\""
            + completedAt
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static LearnHook seedDirectory(JdbcStore store) {
    store.directory().putCompany(new Company(ACME, true));
    store
        .directory()
        .putUser(
            new User(
                UserId.of("u-ann"),
                ACME,
                "ann@acme.test",
                "Ann",
                true,
                Optional.empty(),
                Map.of()));
    store
        .directory()
        .putItem(
            new Item(
                ItemId.of("i-1"),
                ACME,
                "Phishing",
                ItemType.WEB_LINK,
                Optional.empty(),
                Optional.of("1000"),
                Optional.empty(),
                true));
    Instant now = Instant.now();
    store
        .webhooks()
        .save(
            new Webhook(
                WEBHOOK,
                ACME,
                "bench",
                KEY.hash(),
                FieldMapping.parse(
                    "{\"email\":\"user.email\",\"source_id\":\"lesson.id\",\"event_id\":\"event_id\","
                        + "\"completed_at\":\"completed_at\"}"),
                Optional.empty(),
                now,
                now));
    LearnHook learnHook = LearnHook.builder().store(store).rateLimits(RateLimits.off()).build();
    learnHook
        .deliveries()
        .saveSubscription(
            ReportSubscription.of(
                SubscriptionId.of("s-bench"), ACME, URI.create("https://hooks.example.com/lms")));
    return learnHook;
  }

  /**
   * Brings the old rows back to {@code rows} of each kind (outside the measured window): reports
   * delivered 60 days ago with one attempt each, request-log entries received 60 days ago.
   */
  private static void topUp(HikariDataSource pool, int rows) throws Exception {
    Instant old = Instant.now().minus(OLD);
    Timestamp at = Timestamp.from(old);
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      int deliveries =
          count(
              connection,
              "SELECT COUNT(*) FROM lh_deliveries WHERE state = 'DELIVERED' AND finished_at < ?",
              at);
      int entries =
          count(connection, "SELECT COUNT(*) FROM lh_request_log WHERE received_at < ?", at);
      String prefix = "old-" + System.nanoTime() + "-";
      try (PreparedStatement delivery =
              connection.prepareStatement(
                  "INSERT INTO lh_deliveries (id, subscription_id, company_id, completion_id,"
                      + " payload, state, attempts, created_at, next_attempt_at, due_at,"
                      + " last_attempt_at, finished_at) VALUES (?, 's-bench', 'acme', ?, ?,"
                      + " 'DELIVERED', 1, ?, ?, NULL, ?, ?)");
          PreparedStatement attempt =
              connection.prepareStatement(
                  "INSERT INTO lh_delivery_attempts (delivery_id, number, started_at,"
                      + " latency_micros, status, error, response) VALUES (?, 1, ?, 42000, 200,"
                      + " NULL, 'ok')")) {
        for (int i = 0; i < rows - deliveries; i++) {
          String id = prefix + i;
          delivery.setString(1, id);
          delivery.setString(2, "c-" + id);
          delivery.setString(3, "{\"completion\":{\"id\":\"c-" + id + "\",\"score\":95}}");
          for (int p = 4; p <= 7; p++) {
            delivery.setTimestamp(p, at);
          }
          delivery.addBatch();
          attempt.setString(1, id);
          attempt.setTimestamp(2, at);
          attempt.addBatch();
          if (i % 1000 == 999) {
            delivery.executeBatch();
            attempt.executeBatch();
          }
        }
        delivery.executeBatch();
        attempt.executeBatch();
      }
      try (PreparedStatement entry =
          connection.prepareStatement(
              "INSERT INTO lh_request_log (webhook_id, received_at, dry_run, outcome, status,"
                  + " mapped_fields, error, body, body_truncated, reason) VALUES (?, ?, FALSE,"
                  + " 'REJECTED', 404, NULL, 'User not found', ?, FALSE, ?)")) {
        for (int i = 0; i < rows - entries; i++) {
          // Spread over many webhooks, most of which never call again.
          entry.setString(1, "w-old-" + (i % 997));
          entry.setTimestamp(2, at);
          entry.setString(
              3, "{\"user\":{\"email\":\"zoe@acme.test\"},\"lesson\":{\"id\":\"1000\"}}");
          entry.setString(4, "no user with email 'zoe@acme.test' (company 'acme')");
          entry.addBatch();
          if (i % 1000 == 999) {
            entry.executeBatch();
          }
        }
        entry.executeBatch();
      }
      connection.commit();
    }
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      // Fresh statistics, as autovacuum would keep them on a long-running database.
      statement.execute("ANALYZE lh_deliveries, lh_delivery_attempts, lh_request_log");
    }
  }

  private static int count(Connection connection, String sql, Timestamp at) throws Exception {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setTimestamp(1, at);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getInt(1);
      }
    }
  }

  /** Leaves the database as it was: the old rows and the recordings are the harness's alone. */
  private static void dropSchema() throws Exception {
    try (Connection admin = DriverManager.getConnection(server());
        Statement statement = admin.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  private static String server() {
    String server = System.getenv("LEARNHOOK_BENCH_POSTGRES_URL");
    if (server == null) {
      server = System.getenv("LEARNHOOK_TEST_POSTGRES_URL");
    }
    if (server == null) {
      throw new IllegalStateException(
          "set LEARNHOOK_BENCH_POSTGRES_URL, e.g."
              + " 'jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres'");
    }
    return server;
  }

  private static HikariConfig poolConfig(int size) throws Exception {
    String server = server();
    try (Connection admin = DriverManager.getConnection(server);
        Statement statement = admin.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      statement.execute("CREATE SCHEMA " + SCHEMA);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(
        server
            + (server.contains("?") ? "&" : "?")
            + "currentSchema="
            + SCHEMA
            + "&reWriteBatchedInserts=true");
    config.setMaximumPoolSize(size);
    return config;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** The pruner sends nothing: it only needs workers to prune with. */
  private static final class NoTransport implements ReportTransport {
    @Override
    public TransportResponse send(ReportRequest request) {
      throw new UnsupportedOperationException("the harness sends no reports");
    }

    @Override
    public Duration timeout() {
      return Duration.ofSeconds(10);
    }
  }
}
