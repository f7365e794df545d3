package io.learnhook.benchmarks.soak;

import com.sun.management.UnixOperatingSystemMXBean;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.learnhook.LearnHook;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.RetryPolicy;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.http.HttpReportTransport;
import io.learnhook.http.LearnHookHttpServer;
import io.learnhook.jdbc.Dialect;
import io.learnhook.jdbc.JdbcStore;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.ratelimit.RateLimits;
import io.learnhook.reporting.DeliveryWorkers;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Soaks the JDK binding on an H2 file with mixed valid and hostile traffic for a set time, with
 * report delivery to a local receiver running throughout, and prints throughput, answers by status,
 * heap used after GC, open file descriptors and threads at start, every {@code --every} and at the
 * end.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *   io.learnhook.benchmarks.soak.Soak --duration 180s --every 60s --clients 8 --hostile 0.5 [--rate-limit on|off]
 * </pre>
 *
 * Stops by itself after {@code --duration}; figures and their reading in docs/SECURITY.md.
 */
public final class Soak {
  private static final String KEY = "5a0c1e55-0000-4000-8000-00000000c0de";
  private static final int USERS = 1000;

  private Soak() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    Duration duration = seconds(options.getOrDefault("duration", "60s"));
    Duration every = seconds(options.getOrDefault("every", "30s"));
    int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
    double hostileShare = Double.parseDouble(options.getOrDefault("hostile", "0.5"));
    // "on": the library's default per-webhook limit, so the one key of this soak meets 429s as a
    // hasty sender would; "off": every valid call reaches the store (the load the limit would
    // shed).
    boolean rateLimited = !"off".equals(options.getOrDefault("rate-limit", "on"));
    Path dir = Files.createTempDirectory("learnhook-soak");

    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    LongAdder reportsReceived = new LongAdder();
    receiver.createContext(
        "/reports",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          reportsReceived.increment();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.setExecutor(Executors.newFixedThreadPool(4));
    receiver.start();

    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("soak").toAbsolutePath() + ";WRITE_DELAY=0");
    config.setUsername("sa");
    config.setMaximumPoolSize(16);
    config.setConnectionTimeout(2_000);
    HikariDataSource pool = new HikariDataSource(config);
    JdbcStore store = JdbcStore.builder(pool).dialect(Dialect.H2).build();
    seed(store);
    LearnHook learnHook =
        LearnHook.builder()
            .store(store)
            .rateLimits(rateLimited ? RateLimits.defaults() : RateLimits.off())
            .build();
    learnHook
        .deliveries()
        .saveSubscription(
            ReportSubscription.of(
                    SubscriptionId.of("soak"),
                    CompanyId.of("acme"),
                    URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/reports"))
                .withAllowPrivateNetwork(true)
                .withRetryPolicy(RetryPolicy.fixed(5, Duration.ofSeconds(1))));
    DeliveryWorkers workers =
        learnHook.deliveries().workers(HttpReportTransport.builder().build()).threads(2).build();
    workers.start();
    LearnHookHttpServer server =
        LearnHookHttpServer.builder()
            .ingest(learnHook.ingest())
            .threads(16)
            .requestTimeout(Duration.ofSeconds(10))
            .start();
    int port = server.port();

    // Warm up briefly, so that the first figures are of a running server, not of class loading.
    for (int i = 0; i < 200; i++) {
      HostileTraffic.send(
          port,
          HostileTraffic.request(
              "00000000-0000-4000-8000-000000000000", new byte[] {'{', '}'}, ""));
    }
    Snapshot start = Snapshot.take();
    System.out.printf(
        Locale.ROOT,
        "soak: %s for %s, %d clients, %.0f%% hostile, on %s%n",
        server.uri(),
        duration,
        clients,
        hostileShare * 100,
        dir);
    System.out.println("start: " + start);

    Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    LongAdder validSent = new LongAdder();
    LongAdder hostileSent = new LongAdder();
    AtomicLong sequence = new AtomicLong();
    long began = System.nanoTime();
    long end = began + duration.toNanos();
    ExecutorService pool2 = Executors.newFixedThreadPool(clients);
    for (int c = 0; c < clients; c++) {
      long seed = c;
      pool2.submit(
          () -> {
            java.util.Random random = HostileTraffic.random(seed);
            int next = 0;
            while (System.nanoTime() < end) {
              byte[] request;
              if (random.nextDouble() < hostileShare) {
                request =
                    HostileTraffic.HOSTILE.get(next++ % HostileTraffic.HOSTILE.size()).apply(KEY);
                hostileSent.increment();
              } else {
                request = HostileTraffic.valid(KEY, USERS, sequence.getAndIncrement());
                validSent.increment();
              }
              byStatus
                  .computeIfAbsent(HostileTraffic.send(port, request), s -> new LongAdder())
                  .increment();
            }
          });
    }
    long lastReport = System.nanoTime();
    while (System.nanoTime() < end) {
      Thread.sleep(200);
      if (System.nanoTime() - lastReport >= every.toNanos()) {
        lastReport = System.nanoTime();
        System.out.printf(
            Locale.ROOT,
            "after %3ds: %s; answers %s%n",
            (lastReport - began) / 1_000_000_000,
            Snapshot.take(),
            counts(byStatus));
      }
    }
    pool2.shutdown();
    pool2.awaitTermination(60, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - began) / 1e9;
    // Let in-flight reports go out and closed connections be reaped before the last look.
    Thread.sleep(3_000);
    Snapshot last = Snapshot.take();
    long total = validSent.sum() + hostileSent.sum();
    long fiveHundreds =
        byStatus.entrySet().stream()
            .filter(e -> e.getKey() >= 500)
            .mapToLong(e -> e.getValue().sum())
            .sum();
    System.out.printf(
        Locale.ROOT,
        "requests: %d in %.1f s = %.0f/s (valid %d, hostile %d); answers by status %s; 5xx: %d%n",
        total,
        seconds,
        total / seconds,
        validSent.sum(),
        hostileSent.sum(),
        counts(byStatus),
        fiveHundreds);
    System.out.printf(
        Locale.ROOT,
        "completions stored: %d; reports delivered: %d, pending: %d; received by the receiver: %d%n",
        count(pool, "SELECT COUNT(*) FROM lh_completions"),
        count(
            pool,
            "SELECT COUNT(*) FROM lh_deliveries WHERE state = '"
                + DeliveryState.DELIVERED.name()
                + "'"),
        count(
            pool,
            "SELECT COUNT(*) FROM lh_deliveries WHERE state = '"
                + DeliveryState.PENDING.name()
                + "'"),
        reportsReceived.sum());
    System.out.println("start: " + start);
    System.out.println("end:   " + last);

    server.close();
    workers.close();
    pool.close();
    receiver.stop(0);
    System.exit(0);
  }

  private static Map<Integer, Long> counts(Map<Integer, LongAdder> byStatus) {
    Map<Integer, Long> sorted = new TreeMap<>();
    byStatus.forEach((status, n) -> sorted.put(status, n.sum()));
    return sorted;
  }

  private static long count(HikariDataSource pool, String sql) throws Exception {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void seed(JdbcStore store) {
    store.createSchema();
    CompanyId acme = CompanyId.of("acme");
    store.directory().putCompany(new Company(acme, true));
    for (int i = 0; i < USERS; i++) {
      store
          .directory()
          .putUser(
              new User(
                  UserId.of("u" + i),
                  acme,
                  "user" + i + "@acme.test",
                  "User " + i,
                  true,
                  Optional.empty(),
                  Map.of()));
    }
    store
        .directory()
        .putItem(
            new Item(
                ItemId.of("i1"),
                acme,
                "Phishing 101",
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
                WebhookId.of("w1"),
                acme,
                "soak",
                WebhookKey.of(KEY).hash(),
                FieldMapping.parse("{\"email\":\"user.email\",\"source_id\":\"lesson.id\"}"),
                Optional.empty(),
                now,
                now));
  }

  private static Duration seconds(String text) {
    String digits = text.endsWith("s") ? text.substring(0, text.length() - 1) : text;
    if (digits.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(digits.substring(0, digits.length() - 1)));
    }
    return Duration.ofSeconds(Long.parseLong(digits));
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new TreeMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  /** Heap used after a full GC, open file descriptors and live threads of this process. */
  record Snapshot(long heapUsedAfterGc, long openFds, int threads) {
    static Snapshot take() {
      for (int i = 0; i < 3; i++) {
        System.gc();
      }
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      long fds;
      File[] open = new File("/proc/self/fd").listFiles();
      if (open != null) {
        fds = open.length;
      } else if (ManagementFactory.getOperatingSystemMXBean()
          instanceof UnixOperatingSystemMXBean unix) {
        fds = unix.getOpenFileDescriptorCount();
      } else {
        fds = -1;
      }
      return new Snapshot(heap, fds, Thread.activeCount());
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "heap used after GC %.1f MiB, open fds %d, threads %d",
          heapUsedAfterGc / 1048576.0,
          openFds,
          threads);
    }
  }
}
