package io.learnhook.examples.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final HttpClient http = HttpClient.newHttpClient();

  private ServeCommand command() {
    return new ServeCommand(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String memoryDb() {
    return "jdbc:h2:mem:serve-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  }

  private HttpResponse<String> post(String url, String authorization, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", authorization)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void printsWhereItListensFirstAndACurlLineThatRecordsADemoCompletionOnce() throws Exception {
    try (ServeCommand.Running app = command().start(List.of("--port", "0", "--db", memoryDb()))) {
      String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
      assertThat(lines[0]).isEqualTo("listening on http://127.0.0.1:" + app.port());
      String printed = String.join("\n", lines);
      Matcher curl =
          Pattern.compile(
                  "curl -i -H 'Authorization: (Bearer [0-9a-f-]{36})' -d '(.*)' (http://\\S+)")
              .matcher(printed);
      assertThat(curl.find()).as(printed).isTrue();

      HttpResponse<String> response = post(curl.group(3), curl.group(1), curl.group(2));

      HttpResponse<String> again = post(curl.group(3), curl.group(1), curl.group(2));

      assertThat(response.statusCode()).isEqualTo(201);
      assertThat(response.body())
          .contains("\"status\":\"recorded\"")
          .contains("\"user_id\":\"u-ann\"");
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(again.body())
          .contains("\"status\":\"duplicate\"")
          .contains("\"completion_id\":" + completionId(response.body()));
    }
  }

  private static String completionId(String answer) {
    Matcher id = Pattern.compile("\"completion_id\":(\"[^\"]+\")").matcher(answer);
    assertThat(id.find()).as(answer).isTrue();
    return id.group(1);
  }

  @Test
  void servesASeedFileWithoutPrintingItsKeys() throws Exception {
    String key = UUID.randomUUID().toString();
    Path seed =
        Files.writeString(
            dir.resolve("seed.json"),
            """
            {"companies":[{"id":"acme","integration_enabled":true}],
             "users":[{"id":"u1","company":"acme","email":"ann@acme.test","name":"Ann","active":true}],
             "items":[{"id":"i1","company":"acme","title":"Phishing 101","source_id":"1000",
                       "source_type":"knowbe4","type":"web_link","completion_controlled_externally":true}],
             "webhooks":[{"id":"w1","company":"acme","name":"KnowBe4","key":"%s","source_type":"knowbe4",
                          "mapping":{"email":"user.email","source_id":"lesson.id"}}]}
            """
                .formatted(key));

    try (ServeCommand.Running app =
        command().start(List.of("--port", "0", "--db", memoryDb(), "--seed", seed.toString()))) {
      HttpResponse<String> response =
          post(
              "http://127.0.0.1:" + app.port() + "/webhooks/item_completions",
              key,
              "{\"user\":{\"email\":\"ANN@acme.test\"},\"lesson\":{\"id\":\"1000\"}}");

      assertThat(response.statusCode()).isEqualTo(201);
      assertThat(out.toString(StandardCharsets.UTF_8))
          .startsWith("listening on http://127.0.0.1:" + app.port())
          .contains("1 webhooks (their keys are not shown)")
          .doesNotContain(key)
          .doesNotContain("admin endpoints");
      assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain(key);
    }
  }

  @Test
  void printsAnAdminTokenForTheDemoCompanysOwnerThatListsAndRotatesItsWebhook() throws Exception {
    try (ServeCommand.Running app = command().start(List.of("--port", "0", "--db", memoryDb()))) {
      String printed = out.toString(StandardCharsets.UTF_8);
      Matcher admin =
          Pattern.compile(
                  "curl -H 'Authorization: (Bearer [A-Za-z0-9_-]{43})' (http://\\S+/admin/webhooks)")
              .matcher(printed);
      assertThat(admin.find()).as(printed).isTrue();

      HttpResponse<String> listed =
          http.send(
              HttpRequest.newBuilder(URI.create(admin.group(2)))
                  .header("Authorization", admin.group(1))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> refused =
          http.send(
              HttpRequest.newBuilder(URI.create(admin.group(2)))
                  .header("Authorization", "Bearer nope")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> rotated =
          http.send(
              HttpRequest.newBuilder(URI.create(admin.group(2) + "/demo-knowbe4/regenerate-key"))
                  .header("Authorization", admin.group(1))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(listed.statusCode()).isEqualTo(200);
      assertThat(listed.body()).contains("\"id\":\"demo-knowbe4\"").contains("key_last_rotated_at");
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
      assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain(admin.group(1).substring(7));
    }
  }

  @Test
  void keepsCompletionsInTheDatabaseFileAcrossRestarts() throws Exception {
    String db = "jdbc:h2:file:" + dir.resolve("data/learnhook");
    String body =
        "{\"user\":{\"email\":\"ann@demo.test\"},\"lesson\":{\"id\":\"1000\"},\"completed_at\":\"2026-01-01T00:00:00Z\"}";
    String first;
    try (ServeCommand.Running app = command().start(List.of("--port", "0", "--db", db))) {
      first =
          post("http://127.0.0.1:" + app.port() + "/webhooks/item_completions", demoKey(), body)
              .body();
      assertThat(first).contains("recorded");
    }
    out.reset();
    try (ServeCommand.Running app = command().start(List.of("--port", "0", "--db", db))) {
      String again =
          post("http://127.0.0.1:" + app.port() + "/webhooks/item_completions", demoKey(), body)
              .body();
      assertThat(again).contains("duplicate");
      assertThat(again).contains(first.replaceAll(".*\"completion_id\":\"([^\"]+)\".*", "$1"));
    }
  }

  private String demoKey() {
    Matcher key =
        Pattern.compile("demo webhook key[^:]*: ([0-9a-f-]{36})")
            .matcher(out.toString(StandardCharsets.UTF_8));
    assertThat(key.find()).isTrue();
    return key.group(1);
  }

  @Test
  void refusesAnInvalidSeedListingItsProblems() throws Exception {
    Path seed = Files.writeString(dir.resolve("seed.json"), "{\"users\":[{\"id\":\"u1\"}]}");

    assertThatThrownBy(
            () ->
                command()
                    .start(List.of("--port", "0", "--db", memoryDb(), "--seed", seed.toString())))
        .isInstanceOf(ServeCommand.UsageException.class)
        .hasMessageContaining("users[0].company: required")
        .hasMessageContaining("users[0].email: required");
  }

  @Test
  void refusesABadPort() {
    assertThatThrownBy(() -> command().start(List.of("--port", "http")))
        .hasMessage("--port must be a number");
    assertThatThrownBy(() -> command().start(List.of("--port", "70000")))
        .hasMessage("--port must be from 0 to 65535");
  }

  @Test
  void deliversAReportToTheSeedsSubscriptionWhenACompletionArrives() throws Exception {
    String key = UUID.randomUUID().toString();
    java.util.concurrent.BlockingQueue<String[]> received =
        new java.util.concurrent.LinkedBlockingQueue<>();
    com.sun.net.httpserver.HttpServer receiver =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          received.add(
              new String[] {
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("webhook-signature"),
                exchange.getRequestHeaders().getFirst("webhook-id"),
                exchange.getRequestHeaders().getFirst("webhook-timestamp")
              });
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    try {
      Path seed =
          Files.writeString(
              dir.resolve("seed.json"),
              """
              {"companies":[{"id":"acme","integration_enabled":true,"uses_ext_uid":true}],
               "users":[{"id":"u1","company":"acme","email":"ann@acme.test","name":"Ann","active":true,
                         "ext_uid":"E-1","custom_fields":{"Team":"Blue"}}],
               "items":[{"id":"i1","company":"acme","title":"Phishing 101","source_id":"1000",
                         "source_type":"knowbe4","type":"web_link","completion_controlled_externally":true}],
               "webhooks":[{"id":"w1","company":"acme","name":"KnowBe4","key":"%s","source_type":"knowbe4",
                            "mapping":{"email":"user.email","source_id":"lesson.id"}}],
               "report_subscriptions":[{"company":"acme","callback_url":"http://127.0.0.1:%d/hook",
                            "authorization":"Token abc","allow_private_network":true,
                            "retry":{"max_retries":3,"interval_seconds":300},
                            "signing_secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}]}
              """
                  .formatted(key, receiver.getAddress().getPort()));
      try (ServeCommand.Running app =
          command().start(List.of("--port", "0", "--db", memoryDb(), "--seed", seed.toString()))) {
        assertThat(out.toString(StandardCharsets.UTF_8))
            .contains("1 of 1 report subscription(s) enabled")
            .doesNotContain("Token abc")
            .doesNotContain("whsec_");

        HttpResponse<String> response =
            post(
                "http://127.0.0.1:" + app.port() + "/webhooks/item_completions",
                key,
                "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"}}");
        assertThat(response.statusCode()).isEqualTo(201);

        String[] report = received.poll(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(report).as("a report within 20 s").isNotNull();
        assertThat(report[0])
            .startsWith("{\"user\":{\"ext_uid\":\"E-1\",\"id\":\"u1\",\"name\":\"Ann\"")
            .contains(
                "\"lesson\":{\"id\":\"i1\",\"title\":\"Phishing 101\",\"retake_score\":null}");
        assertThat(report[1]).isEqualTo("Token abc");
        // Standard Webhooks: HMAC-SHA256 of "id.timestamp.body" with the secret's bytes, base64.
        assertThat(report[2])
            .isEqualTo(
                "v1,"
                    + hmacSha256Base64(
                        "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        report[3] + "." + report[4] + "." + report[0]));
      }
    } finally {
      receiver.stop(0);
    }
  }

  /** Computed here, not by the engine's {@code SigningSecret}, so that the two can disagree. */
  private static String hmacSha256Base64(String base64Secret, String signed) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(
            java.util.Base64.getDecoder().decode(base64Secret), "HmacSHA256"));
    return java.util.Base64.getEncoder()
        .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void opensAnH2FileSoThatEveryCommitSurvivesAKill() {
    assertThat(ServeCommand.durable("jdbc:h2:file:./learnhook-data/learnhook"))
        .isEqualTo("jdbc:h2:file:./learnhook-data/learnhook;WRITE_DELAY=0");
    assertThat(ServeCommand.durable("jdbc:h2:./db;WRITE_DELAY=100"))
        .isEqualTo("jdbc:h2:./db;WRITE_DELAY=100");
    assertThat(ServeCommand.durable("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
    assertThat(ServeCommand.durable("jdbc:postgresql://db/lms"))
        .isEqualTo("jdbc:postgresql://db/lms");
  }
}
