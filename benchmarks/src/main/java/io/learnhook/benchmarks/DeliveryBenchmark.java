package io.learnhook.benchmarks;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.learnhook.LearnHook;
import io.learnhook.completion.Completion;
import io.learnhook.completion.CompletionId;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SigningSecret;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.http.HttpReportTransport;
import io.learnhook.internal.reporting.Report;
import io.learnhook.jdbc.JdbcStore;
import io.learnhook.reporting.DeliveryWorkers;
import io.learnhook.spi.ReportDetails.CompletionDetails;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Delivering reports to a subscriber on 127.0.0.1: LearnHook's workers against a bare {@code
 * HttpClient} POST loop, the same {@value #BATCH} report bodies at the same concurrency, in one
 * run.
 *
 * <p>Each invocation delivers the whole batch and is timed from start to the last answer (single
 * shot), so deliveries per second = {@value #BATCH} ÷ the time. {@code bareHttpClient}: {@code
 * concurrency} threads share one {@code HttpClient} (HTTP/1.1, like LearnHook's) and POST the
 * bodies, nothing else. {@code learnHookWorkers}: the batch is in the outbox before the clock
 * starts (as pending deliveries, the way the recording transaction leaves them); the clock covers
 * starting {@code concurrency} worker threads, claiming with leases, looking up the subscription,
 * building and signing each request (Standard Webhooks HMAC), sending it through {@link
 * HttpReportTransport}, and recording every attempt and state change, until the receiver has
 * answered all of them.
 *
 * <p>The outbox is H2 in memory ({@code store=h2}) or PostgreSQL ({@code store=postgresql}, named
 * by {@code LEARNHOOK_BENCH_POSTGRES_URL} or {@code LEARNHOOK_TEST_POSTGRES_URL}, sessions with
 * {@code synchronous_commit = off} as in {@link RecordingBenchmark}). docs/PERFORMANCE.md has the
 * command and the figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 15)
@Fork(
    value = 1,
    jvmArgsAppend = {
      // The JDK server would otherwise wait for delayed ACKs (see LearnHookHttpServer).
      "-Dsun.net.httpserver.nodelay=true"
    })
public class DeliveryBenchmark {
  static final int BATCH = 5_000;
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final SubscriptionId HOOK = SubscriptionId.of("bench");

  @Param({"8"})
  public int concurrency;

  @Param({"h2", "postgresql"})
  public String store;

  /**
   * How long the subscriber takes to answer: 0 for the bare cost, a few ms like a real endpoint.
   */
  @Param({"0"})
  public int subscriberMillis;

  /** Reports per invocation; {@link DeliveryWorkerCurve} scales it with the worker count. */
  public int batch = BATCH;

  private HttpServer receiver;
  private ExecutorService receiverThreads;
  private final AtomicInteger answered = new AtomicInteger();
  private volatile CountDownLatch allAnswered;
  private URI callback;
  private List<String> payloads;

  private HttpClient client;
  private ExecutorService senders;

  private HikariDataSource pool;
  private JdbcStore jdbcStore;
  private LearnHook learnHook;
  private HttpReportTransport transport;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    receiverThreads = Executors.newFixedThreadPool(32);
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    receiver.createContext(
        "/reports",
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
          }
          if (subscriberMillis > 0) {
            try {
              Thread.sleep(subscriberMillis);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
          answered.incrementAndGet();
          CountDownLatch latch = allAnswered;
          if (latch != null) {
            latch.countDown();
          }
        });
    receiver.setExecutor(receiverThreads);
    receiver.start();
    callback = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/reports");
    payloads = payloads(batch);

    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    senders = Executors.newFixedThreadPool(concurrency);

    pool = new HikariDataSource(poolConfig());
    jdbcStore = JdbcStore.builder(pool).tablePrefix("bench_").build();
    jdbcStore.createSchema();
    jdbcStore.directory().putCompany(new Company(ACME, true));
    learnHook = LearnHook.builder().store(jdbcStore).build();
    learnHook
        .deliveries()
        .saveSubscription(
            ReportSubscription.of(HOOK, ACME, callback)
                .withAuthorization("Token bench")
                .withSigningSecret(SigningSecret.generate())
                .withAllowPrivateNetwork(true));
    transport = HttpReportTransport.create();
  }

  private HikariConfig poolConfig() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setMaximumPoolSize(concurrency + 4);
    if (store.equals("h2")) {
      config.setJdbcUrl("jdbc:h2:mem:delivery-bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      config.setUsername("sa");
      return config;
    }
    String server = System.getenv("LEARNHOOK_BENCH_POSTGRES_URL");
    if (server == null) {
      server = System.getenv("LEARNHOOK_TEST_POSTGRES_URL");
    }
    if (server == null) {
      throw new IllegalStateException(
          "store=postgresql needs LEARNHOOK_BENCH_POSTGRES_URL, e.g."
              + " 'jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres' (or run -p store=h2)");
    }
    try (Connection admin = DriverManager.getConnection(server);
        Statement statement = admin.createStatement()) {
      // Made afresh for every trial: the current DDL, and no dead rows left by earlier runs.
      statement.execute("DROP SCHEMA IF EXISTS lh_bench_delivery CASCADE");
      statement.execute("CREATE SCHEMA lh_bench_delivery");
    }
    config.setJdbcUrl(
        server + (server.contains("?") ? "&" : "?") + "currentSchema=lh_bench_delivery");
    config.setConnectionInitSql("SET synchronous_commit = off");
    return config;
  }

  /** Realistic reports: the seed's shape, a few custom fields, a score; each a different user. */
  private static List<String> payloads(int batch) {
    Company company = new Company(ACME, true, true);
    Item item =
        new Item(
            ItemId.of("i-phishing-101"),
            ACME,
            "Phishing 101: spotting the fake invoice",
            ItemType.WEB_LINK,
            Optional.empty(),
            Optional.of("1000"),
            Optional.of("knowbe4"),
            true);
    List<String> bodies = new ArrayList<>(batch);
    Instant base = Instant.parse("2026-11-25T10:00:00Z");
    for (int i = 0; i < batch; i++) {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("Department", "Finance");
      fields.put("Location", "Lyon");
      fields.put("Manager", "Grace Hopper");
      User user =
          new User(
              UserId.of("u-" + i),
              ACME,
              "learner" + i + "@acme.test",
              "Learner " + i,
              true,
              Optional.of("E-" + (100000 + i)),
              fields);
      Completion completion =
          new Completion(
              CompletionId.random(),
              ACME,
              user.id(),
              item.id(),
              Optional.empty(),
              Optional.empty(),
              base.plusSeconds(i),
              base.plusSeconds(i),
              Optional.of("PASS"),
              Optional.of(new BigDecimal("87.5")),
              Optional.of(600L));
      CompletionDetails details =
          CompletionDetails.none()
              .withStartedAt(base.plusSeconds(i).minusSeconds(600))
              .withAssignedAt(base.minus(Duration.ofDays(7)))
              .withReportCardUrl("https://lms.acme.test/report_cards/u-" + i)
              .withRetakeScore(80);
      bodies.add(Report.of(company, user, item, completion, details).toJson());
    }
    return bodies;
  }

  @Setup(Level.Invocation)
  public void fillTheOutbox() throws Exception {
    // Every invocation starts from an empty outbox holding exactly this batch, due now.
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      // TRUNCATE, not DELETE: on PostgreSQL, deleted rows would stay in the indexes until a vacuum.
      statement.execute("TRUNCATE TABLE bench_delivery_attempts");
      statement.execute("TRUNCATE TABLE bench_deliveries");
    }
    Instant now = Instant.now().minusSeconds(1);
    List<Delivery> chunk = new ArrayList<>();
    for (String payload : payloads) {
      chunk.add(
          Delivery.pending(DeliveryId.random(), HOOK, ACME, CompletionId.random(), payload, now));
      if (chunk.size() == 500) {
        jdbcStore.outbox().enqueue(chunk);
        chunk = new ArrayList<>();
      }
    }
    jdbcStore.outbox().enqueue(chunk);
    allAnswered = new CountDownLatch(batch);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    receiver.stop(0);
    receiverThreads.shutdownNow();
    senders.shutdownNow();
    pool.close();
  }

  @Benchmark
  public int bareHttpClient() throws Exception {
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(concurrency);
    for (int t = 0; t < concurrency; t++) {
      senders.execute(
          () -> {
            try {
              for (int i = next.getAndIncrement(); i < batch; i = next.getAndIncrement()) {
                HttpResponse<Void> response =
                    client.send(
                        HttpRequest.newBuilder(callback)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(payloads.get(i)))
                            .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() != 204) {
                  throw new IllegalStateException("receiver answered " + response.statusCode());
                }
              }
            } catch (IOException | InterruptedException e) {
              throw new IllegalStateException(e);
            } finally {
              done.countDown();
            }
          });
    }
    if (!done.await(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException("bare loop did not finish");
    }
    return next.get();
  }

  @Benchmark
  public long learnHookWorkers() throws Exception {
    try (DeliveryWorkers workers =
        learnHook.deliveries().workers(transport).threads(concurrency).start()) {
      if (!allAnswered.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("workers did not deliver the batch");
      }
    }
    return allAnswered.getCount();
  }
}
