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
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(dir.toFile()).start();
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
