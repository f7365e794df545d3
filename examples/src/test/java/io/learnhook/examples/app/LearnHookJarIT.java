package io.learnhook.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code learnhook.jar}, run as a newcomer runs it: a separate process. */
class LearnHookJarIT {
  private static final Path JAR = Path.of("target", "learnhook.jar");
  @TempDir Path dir;

  private Process java(String... args) throws Exception {
    return java(java.util.Map.of(), args);
  }

  private Process java(java.util.Map<String, String> environment, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    // Only what the test gives: a LEARNHOOK_* variable of the machine must not change the app.
    builder.environment().keySet().removeIf(name -> name.startsWith("LEARNHOOK_"));
    builder.environment().putAll(environment);
    return builder.start();
  }

  private static String output(Process process) throws Exception {
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void printsHelpAndTheVersionAndExitsZero() throws Exception {
    Process help = java("--help");
    assertThat(output(help)).startsWith("usage:").contains("serve", "map", "--version");
    assertThat(help.exitValue()).isZero();

    Process serveHelp = java("serve", "--help");
    assertThat(output(serveHelp)).contains("LEARNHOOK_PORT for --port");
    assertThat(serveHelp.exitValue()).isZero();

    Process mapHelp = java("map", "--help");
    assertThat(output(mapHelp)).contains("Exit codes");
    assertThat(mapHelp.exitValue()).isZero();

    Process version = java("--version");
    assertThat(output(version).strip()).isEqualTo("learnhook " + io.learnhook.LearnHook.version());
    assertThat(version.exitValue()).isZero();

    Process unknown = java("serve", "--prot", "8080");
    assertThat(output(unknown)).isEmpty();
    assertThat(unknown.exitValue()).isEqualTo(2);
    assertThat(new String(unknown.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .startsWith("serve: unknown option '--prot'");
  }

  @Test
  void servesHealthMetricsAndTheSeedsAdminsFromTheEnvironmentNeverShowingAToken() throws Exception {
    String owner = "owner-" + java.util.UUID.randomUUID();
    String learner = "learner-" + java.util.UUID.randomUUID();
    String key = java.util.UUID.randomUUID().toString();
    Path seed =
        Files.writeString(
            dir.resolve("seed.json"),
            """
            {"companies":[{"id":"acme"}],
             "users":[{"id":"u1","company":"acme","email":"olivia@acme.test"},
                      {"id":"u2","company":"acme","email":"lea@acme.test"}],
             "webhooks":[{"id":"w1","company":"acme","name":"KnowBe4","key":"%s",
                          "mapping":{"email":"user.email"}}],
             "admins":[{"company":"acme","user":"u1","role":"owner","token":"%s"},
                       {"company":"acme","user":"u2","role":"learner","token":"%s"}]}
            """
                .formatted(key, owner, learner));
    Path stderr = dir.resolve("stderr.log");
    Path stdout = dir.resolve("stdout.log");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            JAR.toAbsolutePath().toString(),
            "serve");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectError(stderr.toFile())
            .redirectOutput(stdout.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("LEARNHOOK_"));
    builder
        .environment()
        .putAll(
            java.util.Map.of(
                "LEARNHOOK_PORT",
                "0",
                "LEARNHOOK_SEED",
                seed.toString(),
                "LEARNHOOK_DB",
                "jdbc:h2:file:" + dir.resolve("db/learnhook")));
    Process app = builder.start();
    try {
      String first = firstLine(stdout, app);
      assertThat(first).matches("listening on http://127\\.0\\.0\\.1:\\d+");
      String base = first.substring("listening on ".length());
      HttpClient http = HttpClient.newHttpClient();
      java.util.function.BiFunction<String, String, HttpResponse<String>> get =
          (path, authorization) -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
            if (authorization != null) {
              request.header("Authorization", authorization);
            }
            try {
              return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          };

      assertThat(get.apply("/health", null).statusCode()).isEqualTo(200);
      assertThat(get.apply("/health/live", null).statusCode()).isEqualTo(200);
      assertThat(get.apply("/admin/webhooks", "Bearer " + owner).statusCode()).isEqualTo(200);
      assertThat(get.apply("/admin/webhooks", "Bearer " + owner + "-").statusCode()).isEqualTo(401);
      assertThat(get.apply("/admin/webhooks", "Bearer " + learner).statusCode()).isEqualTo(403);
      HttpResponse<String> metrics = get.apply("/metrics", null);
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .contains("learnhook_webhook_requests_total")
          .doesNotContain(owner)
          .doesNotContain(key);
    } finally {
      app.destroy();
      assertThat(app.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
    String logged = Files.readString(stderr);
    assertThat(Files.readString(stdout)).contains("2 admins").doesNotContain(owner, learner, key);
    assertThat(logged).doesNotContain(owner).doesNotContain(learner).doesNotContain(key);
  }

  @Test
  void servesOnAFreePortAndRecordsTheCompletionOfThePrintedCurlLine() throws Exception {
    assertThat(JAR).exists();
    Process app = java("serve", "--port", "0");
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      assertThat(first).matches("listening on http://127\\.0\\.0\\.1:\\d+");
      StringBuilder printed = new StringBuilder(first);
      Pattern curlLine =
          Pattern.compile(
              "curl -i -H 'Authorization: (Bearer [0-9a-f-]{36})' -d '(.*)' (http://\\S+)");
      Matcher curl = null;
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        printed.append('\n').append(line);
        Matcher candidate = curlLine.matcher(line);
        if (candidate.find()) {
          curl = candidate;
          break;
        }
      }
      assertThat(curl).as("a curl line in:\n%s", printed).isNotNull();

      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(curl.group(3)))
                      .header("Authorization", curl.group(1))
                      .POST(HttpRequest.BodyPublishers.ofString(curl.group(2)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(201);
      assertThat(Files.isDirectory(dir.resolve("learnhook-data"))).isTrue();
    } finally {
      app.destroy();
      assertThat(app.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void logsAGivenUpReportAsOneWarnLineShowingItsIdsAndNoSecret() throws Exception {
    String key = java.util.UUID.randomUUID().toString();
    com.sun.net.httpserver.HttpServer receiver =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    receiver.start();
    Path stderr = dir.resolve("stderr.log");
    Path stdout = dir.resolve("stdout.log");
    Process app = null;
    try {
      Path seed =
          Files.writeString(
              dir.resolve("seed.json"),
              """
              {"companies":[{"id":"acme"}],
               "users":[{"id":"u1","company":"acme","email":"ann@acme.test"}],
               "items":[{"id":"i1","company":"acme","title":"Phishing 101","source_id":"1000",
                         "type":"web_link","completion_controlled_externally":true}],
               "webhooks":[{"id":"w1","company":"acme","name":"KnowBe4","key":"%s",
                            "mapping":{"email":"user.email","source_id":"lesson.id"}}],
               "report_subscriptions":[
                 {"id":"s-failing","company":"acme","callback_url":"http://127.0.0.1:%d/hook",
                  "authorization":"Token s3cr3t-authorization","allow_private_network":true,
                  "retry":{"max_retries":0,"interval_seconds":60},
                  "signing_secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}]}
              """
                  .formatted(key, receiver.getAddress().getPort()));
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  JAR.toAbsolutePath().toString(),
                  "serve",
                  "--port",
                  "0",
                  "--seed",
                  seed.toString(),
                  "--db",
                  "jdbc:h2:file:" + dir.resolve("db/learnhook"))
              .directory(dir.toFile())
              .redirectError(stderr.toFile())
              .redirectOutput(stdout.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("LEARNHOOK_"));
      app = builder.start();
      String base = firstLine(stdout, app).substring("listening on ".length());

      HttpResponse<String> call =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(base + "/webhooks/item_completions"))
                      .header("Authorization", "Bearer " + key)
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"}}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(call.statusCode()).as(call.body()).isEqualTo(201);

      List<String> warnings = List.of();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (warnings.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
        warnings = Files.readString(stderr).lines().filter(l -> l.contains(" WARN ")).toList();
      }
      Thread.sleep(500);
      warnings = Files.readString(stderr).lines().filter(l -> l.contains(" WARN ")).toList();

      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0))
          .contains("Gave up delivery", "HTTP 500")
          .containsPattern("\\[.*delivery_id=msg_[0-9a-f]+")
          .contains("subscription_id=s-failing", "company_id=acme");
    } finally {
      if (app != null) {
        app.destroy();
        assertThat(app.waitFor(20, TimeUnit.SECONDS)).isTrue();
      }
      receiver.stop(0);
    }
    assertThat(Files.readString(stderr))
        .doesNotContain(key)
        .doesNotContain("s3cr3t-authorization")
        .doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  }

  /** The first line the app wrote to {@code file}, waiting up to 60 s for it. */
  private static String firstLine(Path file, Process app) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String text = Files.readString(file);
      int end = text.indexOf('\n');
      if (end >= 0) {
        return text.substring(0, end);
      }
      assertThat(app.isAlive()).as("serve still runs; its errors: %s", text).isTrue();
      Thread.sleep(50);
    }
    throw new AssertionError("serve printed no line in 60 s");
  }

  @Test
  void mapExitsWithTheDocumentedCodes() throws Exception {
    Path mapping =
        Files.writeString(
            dir.resolve("m.json"), "{\"email\":\"user.email\",\"source_id\":\"lesson.id\"}");
    Path good =
        Files.writeString(
            dir.resolve("good.json"), "{\"user\":{\"email\":\"a@x.test\"},\"lesson\":{\"id\":7}}");
    Path missing = Files.writeString(dir.resolve("missing.json"), "{\"lesson\":{\"id\":7}}");
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"user\":");

    Process ok = java("map", "--mapping", mapping.toString(), "--payload", good.toString());
    assertThat(ok.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(ok.exitValue()).isZero();
    assertThat(new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
        .isEqualTo("{\"email\":\"a@x.test\",\"source_id\":\"7\"}");

    Process lacks = java("map", "--mapping", mapping.toString(), "--payload", missing.toString());
    assertThat(lacks.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(lacks.exitValue()).isEqualTo(1);

    Process invalid = java("map", "--mapping", mapping.toString(), "--payload", broken.toString());
    assertThat(invalid.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(invalid.exitValue()).isEqualTo(2);
    assertThat(new String(invalid.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("not valid JSON");
  }
}
