package io.learnhook.examples.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.LearnHook;
import io.learnhook.logcheck.Capture;
import io.learnhook.logcheck.CapturedLine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code serve} offers an operator: {@code /health}, {@code /metrics}, the seed's admins, the
 * environment variables, {@code --help} and {@code --version}, and a clear refusal of a database
 * URL that names no database.
 */
class ServeOperationsTest {
  private static final String OWNER_TOKEN = "owner-token-" + UUID.randomUUID();
  private static final String LEARNER_TOKEN = "learner-token-" + UUID.randomUUID();

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final HttpClient http = HttpClient.newHttpClient();

  private ServeCommand command(Map<String, String> environment) {
    return new ServeCommand(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        environment);
  }

  private ServeCommand command() {
    return command(Map.of());
  }

  private static String memoryDb() {
    return "jdbc:h2:mem:serve-ops-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  }

  private HttpResponse<String> get(String url, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String authorization, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void servesHealthAndLivenessWithoutAuthentication() throws Exception {
    try (ServeCommand.Running app = command().start(List.of("--port", "0", "--db", memoryDb()))) {
      String base = "http://127.0.0.1:" + app.port();

      HttpResponse<String> health = get(base + "/health", null);
      HttpResponse<String> live = get(base + "/health/live", null);

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body())
          .isEqualTo(
              "{\"status\":\"up\",\"checks\":{\"database\":\"up\",\"delivery_workers\":\"up\"}}");
      assertThat(health.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(live.body()).isEqualTo("{\"status\":\"up\"}");
      assertThat(printed()).contains("health: " + base + "/health, metrics: " + base + "/metrics");
    }
  }

  @Test
  void countsAWebhookCallInTheMetricsThatHoldNoSecret() throws Exception {
    try (ServeCommand.Running app = command().start(List.of("--port", "0", "--db", memoryDb()))) {
      String base = "http://127.0.0.1:" + app.port();
      Matcher curl =
          Pattern.compile("curl -i -H 'Authorization: (Bearer ([0-9a-f-]{36}))' -d '(.*)' ")
              .matcher(printed());
      assertThat(curl.find()).as(printed()).isTrue();
      Matcher admin =
          Pattern.compile("Authorization: Bearer ([A-Za-z0-9_-]{43})'").matcher(printed());
      assertThat(admin.find()).as(printed()).isTrue();
      HttpResponse<String> before = get(base + "/metrics", null);

      HttpResponse<String> call =
          post(base + "/webhooks/item_completions", curl.group(1), curl.group(3));
      HttpResponse<String> refused =
          post(base + "/webhooks/item_completions", "Bearer " + UUID.randomUUID(), curl.group(3));
      HttpResponse<String> after = get(base + "/metrics", null);

      assertThat(call.statusCode()).isEqualTo(201);
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(before.statusCode()).isEqualTo(200);
      assertThat(before.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/plain; version=0.0.4");
      assertThat(before.body())
          .contains("learnhook_webhook_requests_total{outcome=\"recorded\"} 0.0");
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(after.body())
          .contains("learnhook_webhook_requests_total{outcome=\"recorded\"} 1.0")
          .contains("learnhook_webhook_requests_total{outcome=\"invalid_key\"} 1.0")
          .contains("learnhook_completions_recorded_total 1.0")
          .contains("learnhook_deliveries_total{outcome=\"delivered\"}")
          .contains("learnhook_deliveries_total{outcome=\"retried\"}")
          .contains("learnhook_deliveries_total{outcome=\"failed\"}")
          .contains("learnhook_delivery_duration_seconds_count")
          .contains("learnhook_outbox_pending")
          .contains("learnhook_outbox_oldest_pending_age_seconds")
          .doesNotContain(curl.group(2))
          .doesNotContain(admin.group(1))
          .doesNotContain("demo")
          .doesNotContain("ann@");
    }
  }

  private Path seedWithAdmins() throws Exception {
    return Files.writeString(
        dir.resolve("seed.json"),
        """
        {"companies":[{"id":"acme","integration_enabled":true}],
         "users":[{"id":"u1","company":"acme","email":"olivia@acme.test","name":"Olivia"},
                  {"id":"u2","company":"acme","email":"lea@acme.test","name":"Lea"}],
         "webhooks":[{"id":"w1","company":"acme","name":"KnowBe4","key":"%s",
                      "mapping":{"email":"user.email"}}],
         "admins":[{"company":"acme","user":"u1","role":"owner","token":"%s"},
                   {"company":"acme","user":"u2","role":"learner","token":"%s"}]}
        """
            .formatted(UUID.randomUUID(), OWNER_TOKEN, LEARNER_TOKEN));
  }

  @Test
  void opensTheAdminRoutesToTheSeedsAdminsByTheirTokensWithoutShowingThem() throws Exception {
    Path seed = seedWithAdmins();
    try (ServeCommand.Running app =
        command().start(List.of("--port", "0", "--db", memoryDb(), "--seed", seed.toString()))) {
      String webhooks = "http://127.0.0.1:" + app.port() + "/admin/webhooks";

      HttpResponse<String> owner = get(webhooks, "Bearer " + OWNER_TOKEN);
      HttpResponse<String> wrong = get(webhooks, "Bearer " + OWNER_TOKEN + "x");
      HttpResponse<String> none = get(webhooks, null);
      HttpResponse<String> learner = get(webhooks, "Bearer " + LEARNER_TOKEN);

      assertThat(owner.statusCode()).as(owner.body()).isEqualTo(200);
      assertThat(owner.body()).contains("\"id\":\"w1\"");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(learner.statusCode()).isEqualTo(403);
      assertThat(printed())
          .contains("2 admins")
          .contains("admin endpoints: http://127.0.0.1:" + app.port() + "/admin")
          .doesNotContain(OWNER_TOKEN)
          .doesNotContain(LEARNER_TOKEN);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .doesNotContain(OWNER_TOKEN)
          .doesNotContain(LEARNER_TOKEN);
      assertThat(Capture.get().lines())
          .extracting(CapturedLine::text)
          .noneMatch(line -> line.contains(OWNER_TOKEN) || line.contains(LEARNER_TOKEN));
      assertThat(Capture.get().lines())
          .flatExtracting(line -> List.copyOf(line.mdc().values()))
          .noneMatch(value -> value.contains(OWNER_TOKEN) || value.contains(LEARNER_TOKEN));
    }
  }

  @Test
  void takesEveryOptionFromTheEnvironmentUnlessAFlagGivesIt() throws Exception {
    Path seed = seedWithAdmins();
    Map<String, String> environment =
        Map.of(
            "LEARNHOOK_PORT", "http",
            "LEARNHOOK_BIND", "127.0.0.1",
            "LEARNHOOK_DB", memoryDb(),
            "LEARNHOOK_SEED", seed.toString(),
            "LEARNHOOK_REPORT_TIMEOUT", "3");

    try (ServeCommand.Running app = command(environment).start(List.of("--port", "0"))) {
      HttpResponse<String> owner =
          get("http://127.0.0.1:" + app.port() + "/admin/webhooks", "Bearer " + OWNER_TOKEN);

      assertThat(owner.statusCode()).as("the seed of LEARNHOOK_SEED").isEqualTo(200);
      assertThat(printed()).startsWith("listening on http://127.0.0.1:" + app.port());
    }
  }

  @Test
  void refusesABadEnvironmentValueNamingItsVariable() {
    assertThatThrownBy(() -> command(Map.of("LEARNHOOK_PORT", "http")).start(List.of()))
        .isInstanceOf(ServeCommand.UsageException.class)
        .hasMessage("LEARNHOOK_PORT must be a number");
    assertThatThrownBy(
            () ->
                command(Map.of("LEARNHOOK_REPORT_TIMEOUT", "0"))
                    .start(List.of("--port", "0", "--db", memoryDb())))
        .hasMessage("LEARNHOOK_REPORT_TIMEOUT must be from 1 to 300 seconds");
    assertThatThrownBy(
            () -> command(Map.of("LEARNHOOK_BIND", "no-such-host.invalid")).start(List.of()))
        .hasMessageStartingWith("LEARNHOOK_BIND must be an address of this machine");
    assertThatThrownBy(
            () ->
                command(Map.of("LEARNHOOK_DB", "postgres://db/lms")).start(List.of("--port", "0")))
        .hasMessageStartingWith("LEARNHOOK_DB must be a JDBC URL");
    assertThatThrownBy(
            () ->
                command(Map.of("LEARNHOOK_SEED", dir.resolve("missing.json").toString()))
                    .start(List.of("--port", "0", "--db", memoryDb())))
        .hasMessageStartingWith("cannot read the seed file: no such file");
  }

  @Test
  void refusesAMysqlOrMariadbUrlWithoutADatabaseWithAHint() {
    assertThatThrownBy(() -> command().start(List.of("--db", "jdbc:mariadb://127.0.0.1:3306/")))
        .isInstanceOf(ServeCommand.UsageException.class)
        .hasMessage(
            "--db: the URL names no database: add one, e.g. jdbc:mariadb://127.0.0.1:3306/learnhook;"
                + " create it with CREATE DATABASE learnhook");
    assertThatThrownBy(
            () ->
                command(Map.of("LEARNHOOK_DB", "jdbc:mysql://root:pw@db.internal?user=root"))
                    .start(List.of()))
        .hasMessage(
            "LEARNHOOK_DB: the URL names no database: add one, e.g. jdbc:mysql://db.internal/learnhook;"
                + " create it with CREATE DATABASE learnhook");
    assertThat(ServeCommand.missingDatabase("jdbc:mariadb://127.0.0.1:3306/lms?user=root"))
        .isEmpty();
    assertThat(ServeCommand.missingDatabase("jdbc:postgresql://127.0.0.1/")).isEmpty();
  }

  @Test
  void exitsWithTwoAndOneLineForAUrlWithoutADatabase() {
    int code =
        Main.run(
            List.of("serve", "--db", "jdbc:mariadb://127.0.0.1:3306/"),
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).strip().lines())
        .containsExactly(
            "serve: --db: the URL names no database: add one, e.g."
                + " jdbc:mariadb://127.0.0.1:3306/learnhook; create it with CREATE DATABASE learnhook");
  }

  private int main(String... args) {
    return Main.run(
        List.of(args),
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of());
  }

  @Test
  void printsEachCommandsHelpAndExitsZero() {
    assertThat(main("serve", "--help")).isZero();
    assertThat(printed())
        .startsWith("usage: java -jar learnhook.jar serve")
        .contains("LEARNHOOK_PORT for --port", "LEARNHOOK_DB for --db", "/metrics");
    out.reset();
    assertThat(main("map", "--help")).isZero();
    assertThat(printed()).startsWith("usage: java -jar learnhook.jar map").contains("Exit codes");
    out.reset();
    assertThat(main("--help")).isZero();
    assertThat(printed()).startsWith("usage:").contains("--version");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void printsTheLibrarysVersionAndExitsZero() {
    assertThat(main("--version")).isZero();
    assertThat(printed().strip()).isEqualTo("learnhook " + LearnHook.version());
  }

  @Test
  void refusesAnUnknownOptionWithTheUsageAndExitsTwo() {
    assertThat(main("serve", "--prot", "8080")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("serve: unknown option '--prot'")
        .contains("usage: java -jar learnhook.jar serve");
    err.reset();
    assertThat(main("map", "--nope")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("map: unknown option '--nope'");
    assertThat(printed()).isEmpty();
  }

  @Test
  void logsADeliveredReportAtDebugAndAGivenUpOneWithOneWarnEachNamingItsIds() throws Exception {
    String key = UUID.randomUUID().toString();
    java.util.concurrent.BlockingQueue<String> received =
        new java.util.concurrent.LinkedBlockingQueue<>();
    com.sun.net.httpserver.HttpServer receiver =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          String path = exchange.getRequestURI().getPath();
          exchange.sendResponseHeaders(path.equals("/ok") ? 204 : 500, -1);
          exchange.close();
          received.add(path);
        });
    receiver.start();
    try {
      Path seed =
          Files.writeString(
              dir.resolve("seed.json"),
              """
              {"companies":[{"id":"acme"}],
               "users":[{"id":"u1","company":"acme","email":"ann@acme.test"}],
               "items":[{"id":"i1","company":"acme","title":"Phishing 101","source_id":"1000",
                         "type":"web_link","completion_controlled_externally":true}],
               "webhooks":[{"id":"w1","company":"acme","name":"KnowBe4","key":"%1$s",
                            "mapping":{"email":"user.email","source_id":"lesson.id"}}],
               "report_subscriptions":[
                 {"id":"s-ok","company":"acme","callback_url":"http://127.0.0.1:%2$d/ok",
                  "allow_private_network":true},
                 {"id":"s-failing","company":"acme","callback_url":"http://127.0.0.1:%2$d/fail",
                  "allow_private_network":true,"retry":{"max_retries":0,"interval_seconds":60}}]}
              """
                  .formatted(key, receiver.getAddress().getPort()));
      try (ServeCommand.Running app =
          command().start(List.of("--port", "0", "--db", memoryDb(), "--seed", seed.toString()))) {
        HttpResponse<String> call =
            post(
                "http://127.0.0.1:" + app.port() + "/webhooks/item_completions",
                key,
                "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"}}");
        assertThat(call.statusCode()).as(call.body()).isEqualTo(201);

        List<CapturedLine> delivered = linesOfSubscription("s-ok", 1);
        List<CapturedLine> failed = linesOfSubscription("s-failing", 1);

        assertThat(delivered).extracting(CapturedLine::level).containsExactly("DEBUG");
        assertThat(delivered.get(0).text()).contains("Delivered");
        assertThat(delivered.get(0).mdc())
            .containsEntry("company_id", "acme")
            .containsKey("delivery_id");
        assertThat(failed).extracting(CapturedLine::level).containsExactly("WARN");
        assertThat(failed.get(0).text())
            .contains("Gave up", failed.get(0).mdc().get("delivery_id"), "HTTP 500");
        assertThat(failed.get(0).mdc()).containsEntry("company_id", "acme");
      }
    } finally {
      receiver.stop(0);
    }
  }

  /** The delivery lines of a subscription, once {@code count} are logged (10 s at most). */
  private static List<CapturedLine> linesOfSubscription(String subscription, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    List<CapturedLine> lines;
    do {
      lines =
          Capture.get().lines().stream()
              .filter(line -> subscription.equals(line.mdc().get("subscription_id")))
              .filter(line -> line.mdc().containsKey("delivery_id"))
              .filter(line -> !line.level().equals("TRACE"))
              .toList();
      if (lines.size() >= count) {
        // A moment more, so that a second line, which must not come, would be seen.
        Thread.sleep(300);
        return Capture.get().lines().stream()
            .filter(line -> subscription.equals(line.mdc().get("subscription_id")))
            .filter(line -> line.mdc().containsKey("delivery_id"))
            .filter(line -> !line.level().equals("TRACE"))
            .toList();
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return lines;
  }
}
