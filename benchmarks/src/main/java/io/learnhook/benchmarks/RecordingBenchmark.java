package io.learnhook.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.learnhook.LearnHook;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.http.ingest.EndpointResponse;
import io.learnhook.http.ingest.IncomingRequest;
import io.learnhook.http.ingest.IncomingWebhookEndpoint;
import io.learnhook.jdbc.JdbcStore;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.ratelimit.RateLimits;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Recording one completion on PostgreSQL with 1k, 100k and 1M users and items: through LearnHook
 * (the endpoint's whole path over {@link JdbcStore}: webhook by key, company, item by source id,
 * user by email, insert, request log) beside a hand-written raw-JDBC baseline that runs the same
 * lookups and inserts on one connection. Both pick a random user and item per call and record a new
 * completion. The database is named by {@code LEARNHOOK_BENCH_POSTGRES_URL} (or {@code
 * LEARNHOOK_TEST_POSTGRES_URL}); each size gets a schema {@code lh_bench_<size>}, seeded once and
 * kept for later runs. Sessions run with {@code synchronous_commit = off} (both sides alike), so
 * that disk flush latency does not drown the lookups. 8 callers share a HikariCP pool of 8. The
 * company has no report subscriptions: LearnHook still looks them up in the recording transaction,
 * the baseline (which knows there are none) does not. docs/PERFORMANCE.md has the command and the
 * figures; {@link RecordingComparison} runs the two sides interleaved.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class RecordingBenchmark {
  private static final WebhookKey KEY = WebhookKey.of("3c2b1a09-8f7e-4d6c-9b5a-493827161504");
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  @Param({"1000", "100000", "1000000"})
  public int size;

  /** The pool's connections; {@link RecordingComparison} sets it to its number of callers. */
  public int poolSize = 8;

  private HikariDataSource pool;
  private LearnHook learnHook;

  /** The HTTP-level endpoint over {@link #learnHook}: the path from raw request to JSON answer. */
  private IncomingWebhookEndpoint endpoint;

  private final AtomicLong sequence = new AtomicLong();

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    String server = System.getenv("LEARNHOOK_BENCH_POSTGRES_URL");
    if (server == null) {
      server = System.getenv("LEARNHOOK_TEST_POSTGRES_URL");
    }
    if (server == null) {
      throw new IllegalStateException(
          "Set LEARNHOOK_BENCH_POSTGRES_URL, e.g."
              + " 'jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres'");
    }
    String schema = "lh_bench_" + size;
    try (Connection admin = DriverManager.getConnection(server);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    config.setMaximumPoolSize(poolSize);
    // Both sides commit the same two writes per call; without this, the VM disk's flush latency
    // (milliseconds, and spiky) would drown the lookups whose cost the benchmark is about.
    config.setConnectionInitSql("SET synchronous_commit = off");
    pool = new HikariDataSource(config);
    JdbcStore store = JdbcStore.builder(pool).build();
    store.createSchema();
    Seeder.seedIfNeeded(pool, size);
    store.directory().putCompany(new Company(ACME, true));
    Instant now = Instant.now();
    store
        .webhooks()
        .save(
            new Webhook(
                WebhookId.of("bench"),
                ACME,
                "Benchmark",
                KEY.hash(),
                FieldMapping.parse("{\"email\":\"user.email\",\"source_id\":\"lesson.id\"}"),
                Optional.empty(),
                now,
                now));
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      // Every trial starts from the same completions and log: none.
      statement.execute("TRUNCATE lh_completions, lh_request_log");
      statement.execute("ANALYZE");
    }
    // One webhook called as fast as one thread can: the default rate limit (50/s) would measure
    // 429s.
    learnHook = LearnHook.builder().store(store).rateLimits(RateLimits.off()).build();
    endpoint = new IncomingWebhookEndpoint(learnHook.ingest());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
  }

  private Instant nextCompletedAt() {
    return BASE.plusNanos(sequence.incrementAndGet() * 1_000);
  }

  @Benchmark
  public int recordThroughLearnHook() {
    int user = ThreadLocalRandom.current().nextInt(size);
    int item = ThreadLocalRandom.current().nextInt(size);
    byte[] body =
        ("{\"user\":{\"email\":\"User"
                + user
                + "@Acme.test\"},\"lesson\":{\"id\":\"src-"
                + item
                + "\"},\"completed_at\":\""
                + nextCompletedAt()
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    EndpointResponse response =
        endpoint.handle(
            IncomingRequest.of(
                Optional.of("Bearer " + KEY.reveal()),
                "",
                OptionalLong.of(body.length),
                new ByteArrayInputStream(body)));
    if (response.status() != 201) {
      throw new IllegalStateException(response.status() + " " + response.bodyText());
    }
    return response.status();
  }

  /** The same reads and writes by hand: the least any JDBC code recording a completion does. */
  @Benchmark
  public int rawJdbcBaseline() throws Exception {
    int user = ThreadLocalRandom.current().nextInt(size);
    int item = ThreadLocalRandom.current().nextInt(size);
    Instant completedAt = nextCompletedAt();
    try (Connection connection = pool.getConnection()) {
      String webhookId =
          single(connection, "SELECT id FROM lh_webhooks WHERE key_hash = ?", KEY.hash().hex());
      single(connection, "SELECT integration_enabled FROM lh_companies WHERE id = ?", "acme");
      String itemId = itemId(connection, item);
      String userId = userId(connection, user);
      insertCompletion(connection, webhookId, userId, itemId, completedAt);
      appendToRequestLog(connection, webhookId);
    }
    return 201;
  }

  /**
   * The baseline's work in LearnHook's round trips: webhook and company in one join (with whether
   * the company has an enabled report subscription, as LearnHook reads it), item, user, then the
   * insert in its own transaction and its commit, then the log entry. What LearnHook would cost if
   * its own code were free: the gap between this and {@link #rawJdbcBaseline} is the price of
   * LearnHook's shape (the commit, the join), the rest is LearnHook's Java work. (Before LearnHook
   * read the subscriptions with the webhook, this side also looked them up in the transaction.)
   */
  @Benchmark
  public int rawJdbcSameRoundTrips() throws Exception {
    int user = ThreadLocalRandom.current().nextInt(size);
    int item = ThreadLocalRandom.current().nextInt(size);
    Instant completedAt = nextCompletedAt();
    try (Connection connection = pool.getConnection()) {
      String webhookId =
          single(
              connection,
              "SELECT w.id, CASE WHEN EXISTS (SELECT 1 FROM lh_report_subscriptions s"
                  + " WHERE s.company_id = w.company_id AND s.enabled = TRUE) THEN 1 ELSE 0 END"
                  + " FROM lh_webhooks w LEFT JOIN lh_companies c ON c.id = w.company_id"
                  + " WHERE w.key_hash = ? AND c.integration_enabled",
              KEY.hash().hex());
      String itemId = itemId(connection, item);
      String userId = userId(connection, user);
      connection.setAutoCommit(false);
      insertCompletion(connection, webhookId, userId, itemId, completedAt);
      connection.commit();
      connection.setAutoCommit(true);
      appendToRequestLog(connection, webhookId);
    }
    return 201;
  }

  // The raw sides' statements, the same on both: only their round trips and transactions differ.

  private static String itemId(Connection connection, int item) throws SQLException {
    return single2(
        connection,
        "SELECT id FROM lh_items WHERE company_id = ? AND source_id = ?",
        "acme",
        "src-" + item);
  }

  private static String userId(Connection connection, int user) throws SQLException {
    return single2(
        connection,
        "SELECT id FROM lh_users WHERE company_id = ? AND email_normalized = ?",
        "acme",
        "user" + user + "@acme.test");
  }

  private static void insertCompletion(
      Connection connection, String webhookId, String userId, String itemId, Instant completedAt)
      throws Exception {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO lh_completions (id, company_id, user_id, item_id, webhook_id,"
                + " completed_at, recorded_at, facts_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
      insert.setString(1, UUID.randomUUID().toString());
      insert.setString(2, "acme");
      insert.setString(3, userId);
      insert.setString(4, itemId);
      insert.setString(5, webhookId);
      insert.setObject(6, completedAt.atOffset(ZoneOffset.UTC));
      insert.setObject(7, OffsetDateTime.now(ZoneOffset.UTC));
      insert.setString(8, sha256("acme|" + userId + "|" + itemId + "|" + completedAt));
      insert.executeUpdate();
    }
  }

  private static void appendToRequestLog(Connection connection, String webhookId)
      throws SQLException {
    try (PreparedStatement log =
        connection.prepareStatement(
            "INSERT INTO lh_request_log (webhook_id, received_at, dry_run, outcome, status)"
                + " VALUES (?, ?, FALSE, 'RECORDED', 201)")) {
      log.setString(1, webhookId);
      log.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
      log.executeUpdate();
    }
  }

  private static String single(Connection connection, String sql, String value)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, value);
      return first(statement);
    }
  }

  private static String single2(Connection connection, String sql, String a, String b)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, a);
      statement.setString(2, b);
      return first(statement);
    }
  }

  private static String first(PreparedStatement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery()) {
      if (!rows.next()) {
        throw new IllegalStateException("seed data missing");
      }
      return rows.getString(1);
    }
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
