package io.learnhook.http;

import static io.learnhook.http.Client.assertError;
import static io.learnhook.http.Client.bearer;
import static io.learnhook.http.Client.post;
import static io.learnhook.http.Client.withQuery;
import static io.learnhook.http.Lms.ACME_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the servlet binding itself answers, beyond the engine's status table. */
class ServletBindingTest extends ServedLmsTest {
  @Override
  Binding binding() {
    return Binding.SERVLET;
  }

  @Test
  void answers405WithAllowPostToAGet() {
    HttpResponse<String> response =
        Client.send(Client.request(server.uri(), "Authorization", bearer(ACME_KEY)).GET().build());

    assertError(response, 405, "Method not allowed; use POST");
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void answers404WithJsonToAnotherPathUnderTheEndpoint() {
    HttpResponse<String> response =
        post(
            URI.create(server.uri() + "/extra"),
            Lms.annCompletedLesson1000(),
            "Authorization",
            bearer(ACME_KEY));

    assertError(response, 404, "Not found");
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void acceptsTheEndpointPathWithATrailingSlash() {
    HttpResponse<String> response =
        post(
            URI.create(server.uri() + "/"),
            Lms.annCompletedLesson1000(),
            "Authorization",
            bearer(ACME_KEY));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  @Test
  void leavesAFormEncodedBodyToTheEngineAndReadsTheKeyFromTheRawQuery() {
    // A container parses a form body into parameters when asked; the servlet never asks.
    HttpResponse<String> response =
        Client.send(
            Client.request(withQuery(server.uri(), "key=" + ACME_KEY.replace("-", "%2D")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Lms.annCompletedLesson1000()))
                .build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(lms.store.allCompletions()).hasSize(1);
  }

  @Test
  void answers500AndLogsNeitherTheKeyNorTheQueryWhenTheBindingFails() {
    TenantResolver broken =
        host -> {
          throw new IllegalStateException("tenant directory is down");
        };
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try (Binding.Served failing = binding().serve(learnHook.ingest(), broken, null, null)) {
      HttpResponse<String> response =
          post(
              withQuery(failing.uri(), "key=" + ACME_KEY + "&note=secret-query"),
              Lms.annCompletedLesson1000(),
              "Authorization",
              bearer(ACME_KEY));

      assertError(response, 500, "Internal error");
    } finally {
      System.setErr(original);
    }
    String logged = log.toString(StandardCharsets.UTF_8);
    assertThat(logged).contains("Unexpected failure").contains("tenant directory is down");
    assertThat(logged).doesNotContain(ACME_KEY).doesNotContain("secret-query");
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void endsTheConnectionWhenItRefusesUnreadABodyOverOneMebibyte() throws IOException {
    try (RawHttp connection = RawHttp.connect(server.port())) {
      connection
          .head(
              "POST " + server.uri().getPath() + " HTTP/1.1",
              "Host: 127.0.0.1",
              "Authorization: Bearer " + Lms.UNKNOWN_KEY,
              "Content-Length: " + (50L * 1024 * 1024))
          .write("{\"user\":");

      RawHttp.Response response = connection.read();

      assertThat(response.status()).isEqualTo(401);
      assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
    }
  }

  @Test
  void servesTheNextRequestOnTheSameConnectionAfterASmallBodyRefusedUnread() throws IOException {
    byte[] payload = Lms.annCompletedLesson1000().getBytes(StandardCharsets.UTF_8);
    try (RawHttp connection = RawHttp.connect(server.port())) {
      connection
          .head(
              "POST " + server.uri().getPath() + " HTTP/1.1",
              "Host: 127.0.0.1",
              "Authorization: Bearer " + Lms.UNKNOWN_KEY,
              "Content-Length: " + payload.length)
          .write(payload);
      assertThat(connection.read().status()).isEqualTo(401);

      connection
          .head(
              "POST " + server.uri().getPath() + " HTTP/1.1",
              "Host: 127.0.0.1",
              "Authorization: Bearer " + ACME_KEY,
              "Content-Length: " + payload.length)
          .write(payload);

      assertThat(connection.read().status()).isEqualTo(201);
    }
  }
}
