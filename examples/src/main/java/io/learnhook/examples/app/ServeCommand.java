package io.learnhook.examples.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.learnhook.LearnHook;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.http.admin.AdminAuthenticator;
import io.learnhook.http.admin.AdminEndpoint;
import io.learnhook.http.ingest.IncomingWebhookEndpoint;
import io.learnhook.http.servlet.AdminServlet;
import io.learnhook.http.servlet.HealthServlet;
import io.learnhook.httpclient5.HttpClient5ReportTransport;
import io.learnhook.ingest.IngestLimits;
import io.learnhook.ingest.internal.JsonBodies;
import io.learnhook.jdbc.JdbcStore;
import io.learnhook.management.Actor;
import io.learnhook.management.Actor.Role;
import io.learnhook.micrometer.LearnHookMetrics;
import io.learnhook.reporting.DeliveryWorkers;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookKey;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code serve [--port 8080] [--seed FILE] [--db JDBC_URL] [--bind 127.0.0.1] [--report-timeout
 * 10]}: runs the incoming endpoint on an embedded H2 database (default: a file under {@code
 * ./learnhook-data}), loads the seed file or the demo data, delivers reports to the seed's report
 * subscriptions, prints where it listens, and serves until stopped, on Jetty 12 through the servlet
 * binding ({@link AppServer} says why). Reports not yet delivered when it stops (even when it is
 * killed) are delivered by the next start on the same database.
 */
final class ServeCommand {
  /** Returned while the server runs: the caller must not exit. */
  static final int SERVING = -1;

  static final String DEFAULT_DB = "jdbc:h2:file:./learnhook-data/learnhook";

  /** The options, each with the environment variable that gives it when the flag is absent. */
  static final Map<String, String> ENVIRONMENT =
      orderedMap(
          "--port", "LEARNHOOK_PORT",
          "--bind", "LEARNHOOK_BIND",
          "--db", "LEARNHOOK_DB",
          "--seed", "LEARNHOOK_SEED",
          "--report-timeout", "LEARNHOOK_REPORT_TIMEOUT");

  static final String USAGE =
      "usage: java -jar learnhook.jar serve [--port 8080] [--bind 127.0.0.1] [--db JDBC_URL]"
          + " [--seed FILE] [--report-timeout 10]";

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> environment;

  /** A command that reads no environment variable (tests). */
  ServeCommand(PrintStream out, PrintStream err) {
    this(out, err, Map.of());
  }

  /** A command whose options may also come from {@code environment} ({@link #ENVIRONMENT}). */
  ServeCommand(PrintStream out, PrintStream err, Map<String, String> environment) {
    this.out = out;
    this.err = err;
    this.environment = Map.copyOf(environment);
  }

  static void help(PrintStream to) {
    to.println(USAGE);
    to.println();
    to.println("Serves the completions webhook (POST /webhooks/item_completions), /health,");
    to.println("/health/live and /metrics, the admin routes (/admin/...) for the seed's admins");
    to.println("(or the demo's Owner), and delivers reports to the seed's subscribers.");
    to.println();
    to.println("  --port N             port to listen on, 0 for a free one (default 8080)");
    to.println("  --bind ADDRESS       address to listen on (default 127.0.0.1)");
    to.println("  --db JDBC_URL        jdbc:h2:..., jdbc:postgresql://..., jdbc:mariadb://...,");
    to.println("                       jdbc:mysql://... (default " + DEFAULT_DB + ")");
    to.println("  --seed FILE          seed file (default: demo data, with a key printed)");
    to.println("  --report-timeout S   seconds a subscriber has to answer, 1 to 300 (default 10)");
    to.println();
    to.println("Each option may also come from the environment; a flag given wins:");
    ENVIRONMENT.forEach((flag, variable) -> to.println("  " + variable + " for " + flag));
  }

  int run(List<String> args) {
    if (args.contains("--help") || args.contains("-h")) {
      help(out);
      return 0;
    }
    try {
      Running running = start(args);
      // The server's non-daemon threads keep the JVM up; the hook stops them on Ctrl-C or SIGTERM.
      Runtime.getRuntime().addShutdownHook(new Thread(running::close, "learnhook-shutdown"));
      return SERVING;
    } catch (UsageException e) {
      err.println("serve: " + e.getMessage());
      if (e.showUsage) {
        err.println(USAGE);
        err.println("(java -jar learnhook.jar serve --help says more)");
      }
      return 2;
    }
  }

  /** The command's arguments or environment do not allow it to start; the message says why. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Whether the usage line helps: the arguments, not the environment or the data, were wrong. */
    private final boolean showUsage;

    UsageException(String message) {
      this(message, false);
    }

    UsageException(String message, boolean showUsage) {
      super(message, null, false, false);
      this.showUsage = showUsage;
    }
  }

  /** An option's value and where it came from: the flag, or its environment variable. */
  private record Setting(String value, String source) {}

  /**
   * The value of {@code flag}: given on the command line, else by its environment variable (a blank
   * one counts as not set), else {@code otherwise}.
   */
  private Optional<Setting> setting(Options options, String flag) {
    if (options.has(flag)) {
      return Optional.of(new Setting(options.get(flag), flag));
    }
    String variable = ENVIRONMENT.get(flag);
    String value = environment.get(variable);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new Setting(value.strip(), variable));
  }

  private Setting setting(Options options, String flag, String otherwise) {
    return setting(options, flag).orElse(new Setting(otherwise, flag));
  }

  /**
   * Starts serving, for {@link #run} and for tests.
   *
   * @throws UsageException with the message to print when it cannot start
   */
  Running start(List<String> args) throws UsageException {
    Options options;
    try {
      options = Options.parse(args, List.copyOf(ENVIRONMENT.keySet()), List.of());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), true);
    }
    int port;
    int reportTimeout;
    String bind;
    String db;
    try {
      Setting portSetting = setting(options, "--port", "8080");
      port = number(portSetting);
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(portSetting.source() + " must be from 0 to 65535");
      }
      Setting timeoutSetting = setting(options, "--report-timeout", "10");
      reportTimeout = number(timeoutSetting);
      if (reportTimeout < 1 || reportTimeout > 300) {
        throw new IllegalArgumentException(
            timeoutSetting.source() + " must be from 1 to 300 seconds");
      }
      Setting bindSetting = setting(options, "--bind", "127.0.0.1");
      bind = bindSetting.value();
      try {
        java.net.InetAddress.getByName(bind);
      } catch (java.net.UnknownHostException e) {
        throw new IllegalArgumentException(
            bindSetting.source()
                + " must be an address of this machine, such as 127.0.0.1 or 0.0.0.0");
      }
      Setting dbSetting = setting(options, "--db", DEFAULT_DB);
      db = dbSetting.value();
      if (!db.startsWith("jdbc:")) {
        throw new IllegalArgumentException(
            dbSetting.source()
                + " must be a JDBC URL (jdbc:h2:..., jdbc:postgresql://..., jdbc:mariadb://...,"
                + " jdbc:mysql://...)");
      }
      missingDatabase(db)
          .ifPresent(
              hint -> {
                throw new IllegalArgumentException(dbSetting.source() + ": " + hint);
              });
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Seed seed;
    Optional<Setting> seedFile = setting(options, "--seed");
    boolean demo = seedFile.isEmpty();
    try {
      seed = demo ? DemoData.seed() : readSeed(Path.of(seedFile.get().value()));
    } catch (SeedException e) {
      throw new UsageException(e.getMessage());
    } catch (java.nio.file.InvalidPathException e) {
      throw new UsageException(seedFile.get().source() + " is not a file name: " + e.getMessage());
    } catch (IOException e) {
      throw new UsageException("cannot read the seed file: " + e.getMessage());
    }

    HikariDataSource dataSource;
    try {
      dataSource = dataSource(db);
    } catch (RuntimeException e) {
      throw new UsageException("cannot open the database: " + rootMessage(e));
    }
    try {
      return start(dataSource, seed, demo, bind, port, Duration.ofSeconds(reportTimeout));
    } catch (BindException e) {
      dataSource.close();
      throw new UsageException(
          "cannot listen on "
              + bind
              + ":"
              + port
              + ": "
              + e.getMessage()
              + " (--port 0 picks a free port; --bind takes an address of this machine)");
    } catch (IOException | RuntimeException e) {
      dataSource.close();
      throw new UsageException(rootMessage(e));
    }
  }

  /** A running app: its HTTP server, its delivery workers and its pool, closed together. */
  static final class Running implements AutoCloseable {
    private final AppServer server;
    private final DeliveryWorkers workers;
    private final HikariDataSource dataSource;
    private final LearnHook learnHook;
    private final HttpClient5ReportTransport transport;

    Running(
        AppServer server,
        DeliveryWorkers workers,
        HikariDataSource dataSource,
        LearnHook learnHook,
        HttpClient5ReportTransport transport) {
      this.server = server;
      this.workers = workers;
      this.dataSource = dataSource;
      this.learnHook = learnHook;
      this.transport = transport;
    }

    int port() {
      return server.port();
    }

    LearnHook learnHook() {
      return learnHook;
    }

    @Override
    public void close() {
      server.close();
      workers.close();
      try {
        transport.close();
      } catch (IOException e) {
        // Its connections are closed by the process's end anyway.
      }
      dataSource.close();
    }
  }

  private Running start(
      HikariDataSource dataSource,
      Seed seed,
      boolean demo,
      String bind,
      int port,
      Duration reportTimeout)
      throws IOException {
    JdbcStore store = JdbcStore.builder(dataSource).build();
    store.createSchema();
    Instant now = Clock.systemUTC().instant();
    seed.companies().forEach(store.directory()::putCompany);
    seed.users().forEach(store.directory()::putUser);
    seed.items().forEach(store.directory()::putItem);
    for (Seed.SeedWebhook w : seed.webhooks()) {
      Instant created = store.webhooks().findById(w.id()).map(Webhook::createdAt).orElse(now);
      store
          .webhooks()
          .save(
              new Webhook(
                  w.id(),
                  w.company(),
                  w.name(),
                  w.key().hash(),
                  w.mapping(),
                  w.sourceType(),
                  created,
                  now,
                  Optional.empty(),
                  w.rateLimit()));
    }
    Optional<WebhookKey> demoKey = Optional.empty();
    if (demo) {
      // Demo keys are made anew at every start and printed once; stored keys are only hashes.
      WebhookKey key = WebhookKey.generate();
      Instant created =
          store.webhooks().findById(DemoData.WEBHOOK).map(Webhook::createdAt).orElse(now);
      store
          .webhooks()
          .save(
              new Webhook(
                  DemoData.WEBHOOK,
                  DemoData.COMPANY,
                  "KnowBe4 (demo)",
                  key.hash(),
                  DemoData.mapping(),
                  Optional.of("knowbe4"),
                  created,
                  now));
      demoKey = Optional.of(key);
    }

    // GET /metrics: the engine's meters in the Prometheus text format (docs/OPERATIONS.md).
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    LearnHook learnHook =
        LearnHook.builder()
            .store(store)
            .observer(new LearnHookMetrics(registry, store.outbox()))
            .build();
    seed.reportSubscriptions().forEach(learnHook.deliveries()::saveSubscription);
    // Short timeouts keep the lease short too: a report a killed process left in flight is sent
    // again by the next start once the lease has run out.
    // Apache HttpClient 5: it connects to the very address the private-network rule checked (no
    // DNS-rebinding window, which the JDK's HttpClient cannot close on Java 17).
    HttpClient5ReportTransport transport =
        HttpClient5ReportTransport.builder()
            .connectTimeout(
                reportTimeout.compareTo(Duration.ofSeconds(5)) < 0
                    ? reportTimeout
                    : Duration.ofSeconds(5))
            .requestTimeout(reportTimeout)
            .build();
    DeliveryWorkers.Builder delivery =
        learnHook.deliveries().workers(transport).lease(transport.timeout().plusSeconds(5));
    Optional<AdminServlet> adminServlet = Optional.empty();
    Optional<String> adminToken = Optional.empty();
    if (demo) {
      // The admin endpoints, for the demo company's Owner only, behind a token made anew at every
      // start and printed once.
      String token = AdminToken.generate();
      adminServlet =
          Optional.of(
              new AdminServlet(
                  learnHook,
                  AdminAuthenticator.bearerTokens(
                      Map.of(token, new Actor(DemoData.OWNER, DemoData.COMPANY, Role.OWNER)))));
      adminToken = Optional.of(token);
    } else if (!seed.admins().isEmpty()) {
      // The seed's admins, known by their tokens' hashes only: the tokens are never held.
      Map<String, Actor> hashes = new java.util.LinkedHashMap<>();
      seed.admins().forEach(admin -> hashes.put(admin.tokenHash(), admin.actor()));
      adminServlet =
          Optional.of(new AdminServlet(learnHook, AdminAuthenticator.bearerTokenHashes(hashes)));
    }
    AppServer server =
        AppServer.start(
            learnHook.ingest(),
            adminServlet,
            new HealthServlet(learnHook),
            new MetricsServlet(registry),
            bind,
            port);
    // Started once the port is ours: a start that fails on a busy port sends nothing.
    DeliveryWorkers workers = delivery.start();
    String base = "http://" + hostForUrl(bind) + ":" + server.port();
    out.println("listening on " + base);
    out.println("webhook URL: " + base + IncomingWebhookEndpoint.PATH);
    out.println("health: " + base + "/health, metrics: " + base + MetricsServlet.PATH);
    if (demoKey.isPresent()) {
      out.println(
          "demo data loaded: company 'demo', user ann@demo.test, item 'Phishing 101' (source_id 1000)");
      out.println("demo webhook key (shown once, new at every start): " + demoKey.get().reveal());
      out.println("try it:");
      out.println(
          "  curl -i -H 'Authorization: Bearer "
              + demoKey.get().reveal()
              + "' -d '"
              + DemoData.SAMPLE_PAYLOAD
              + "' "
              + base
              + IncomingWebhookEndpoint.PATH);
      out.println(
          "admin endpoints: "
              + base
              + AdminEndpoint.PATH
              + " (token of the demo company's Owner, shown once, new at every start: "
              + adminToken.orElseThrow()
              + ")");
      out.println(
          "  curl -H 'Authorization: Bearer "
              + adminToken.orElseThrow()
              + "' "
              + base
              + AdminEndpoint.PATH
              + "/webhooks");
    } else {
      out.println(
          "seed loaded: "
              + seed.companies().size()
              + " companies, "
              + seed.users().size()
              + " users, "
              + seed.items().size()
              + " items, "
              + seed.webhooks().size()
              + " webhooks (their keys are not shown), "
              + seed.admins().size()
              + " admins (their tokens are not shown)");
      if (!seed.admins().isEmpty()) {
        out.println(
            "admin endpoints: "
                + base
                + AdminEndpoint.PATH
                + " (Authorization: Bearer <the admin's token from the seed>)");
      }
      if (!seed.reportSubscriptions().isEmpty()) {
        long enabled =
            seed.reportSubscriptions().stream().filter(ReportSubscription::enabled).count();
        out.println(
            "reports: every new completion is reported to its company's subscribers ("
                + enabled
                + " of "
                + seed.reportSubscriptions().size()
                + " report subscription(s) enabled)");
      }
    }
    out.flush();
    return new Running(server, workers, dataSource, learnHook, transport);
  }

  private static Seed readSeed(Path file) throws IOException {
    try {
      JsonNode root = jsonBodies(IngestLimits.defaults()).parse(Files.readAllBytes(file));
      return Seed.parse(root);
    } catch (NoSuchFileException e) {
      throw new IOException("no such file " + file, e);
    } catch (JsonBodies.InvalidBodyException e) {
      throw new SeedException(List.of(e.getMessage()));
    }
  }

  private static int number(Setting setting) {
    try {
      return Integer.parseInt(setting.value());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(setting.source() + " must be a number");
    }
  }

  private static final java.util.regex.Pattern MYSQL_URL =
      java.util.regex.Pattern.compile("jdbc:(mariadb|mysql)://([^/?]*)(/([^?]*))?(\\?.*)?");

  /**
   * Why a MySQL or MariaDB URL cannot be served: it names no database, so every table would be
   * refused with "No database selected" at the first statement.
   */
  static Optional<String> missingDatabase(String url) {
    java.util.regex.Matcher m = MYSQL_URL.matcher(url);
    if (!m.matches() || (m.group(4) != null && !m.group(4).isBlank())) {
      return Optional.empty();
    }
    String example = "jdbc:" + m.group(1) + "://" + hostOnly(m.group(2)) + "/learnhook";
    return Optional.of(
        "the URL names no database: add one, e.g. "
            + example
            + "; create it with CREATE DATABASE learnhook");
  }

  /** The host part without user information, which may hold a password. */
  private static String hostOnly(String authority) {
    int at = authority.lastIndexOf('@');
    String host = at < 0 ? authority : authority.substring(at + 1);
    return host.isEmpty() ? "localhost:3306" : host;
  }

  /**
   * {@code url}, made durable when it is an H2 file: H2 flushes commits to the file up to
   * WRITE_DELAY (500 ms) after they return, so a completion answered 201, and its reports, could be
   * lost if the process is killed just then. {@code WRITE_DELAY=0} stores every commit at once. A
   * URL that sets WRITE_DELAY itself is left alone.
   */
  static String durable(String url) {
    boolean h2File =
        url.startsWith("jdbc:h2:")
            && !url.startsWith("jdbc:h2:mem:")
            && !url.startsWith("jdbc:h2:tcp:")
            && !url.startsWith("jdbc:h2:ssl:");
    if (!h2File || url.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY")) {
      return url;
    }
    return url + ";WRITE_DELAY=0";
  }

  private static HikariDataSource dataSource(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(durable(url));
    config.setPoolName("learnhook");
    config.setMaximumPoolSize(16);
    // A call waits at most this long for a connection before it is answered 503 (docs/STORAGE.md).
    config.setConnectionTimeout(5_000);
    if (url.startsWith("jdbc:h2:")) {
      config.setUsername("sa");
    }
    return new HikariDataSource(config);
  }

  private static Map<String, String> orderedMap(String... pairs) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }

  private static String hostForUrl(String bind) {
    return bind.equals("0.0.0.0") ? "127.0.0.1" : bind;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }

  private static JsonBodies jsonBodies(IngestLimits limits) {
    return new JsonBodies(
        limits.maxNestingDepth(), limits.maxStringLength(), limits.maxNumberLength());
  }
}
