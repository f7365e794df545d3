package io.learnhook.http;

import static io.learnhook.http.Client.assertError;
import static io.learnhook.http.Client.bearer;
import static io.learnhook.http.Client.post;
import static io.learnhook.http.Client.withQuery;
import static io.learnhook.http.Lms.ACME_KEY;
import static io.learnhook.http.Lms.UNKNOWN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.http.internal.UnreadBody;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What the binding itself answers and how it treats the connection, beyond the engine's status
 * table.
 */
class HttpBindingTest extends ServedLmsTest {
  @Test
  void answers405WithAllowPostToAGet() {
    HttpResponse<String> response =
        Client.send(Client.request(server.uri(), "Authorization", bearer(ACME_KEY)).GET().build());

    assertError(response, 405, "Method not allowed; use POST");
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void answers405WithoutABodyToAHead() throws IOException {
    try (RawHttp connection = RawHttp.connect(server.port())) {
      connection.head("HEAD " + server.uri().getPath() + " HTTP/1.1", "Host: 127.0.0.1");

      RawHttp.Response response = connection.read(true);

      assertThat(response.status()).isEqualTo(405);
      assertThat(response.header("Allow")).isEqualTo("POST");
      // The connection stays usable: no stray body bytes precede the next answer.
      connection.head("GET " + server.uri().getPath() + " HTTP/1.1", "Host: 127.0.0.1");
      assertThat(connection.read().body())
          .isEqualTo("{\"error\":\"Method not allowed; use POST\"}");
    }
  }

  @Test
  void answers404ToAnotherPathUnderTheEndpoint() {
    for (String path :
        new String[] {"/webhooks/item_completions/extra", "/webhooks/item_completionsX"}) {
      HttpResponse<String> response =
          post(
              server.uri().resolve(path),
              Lms.annCompletedLesson1000(),
              "Authorization",
              bearer(ACME_KEY));

      assertError(response, 404, "Not found");
    }
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void acceptsTheEndpointPathWithATrailingSlash() {
    URI slash = URI.create(server.uri() + "/");

    HttpResponse<String> response =
        post(slash, Lms.annCompletedLesson1000(), "Authorization", bearer(ACME_KEY));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  @Test
  void passesTheRawQueryToTheEndpoint() {
    // Percent-encoded, as a sender's HTTP library may write it: the endpoint decodes it.
    String encodedKey = ACME_KEY.replace("-", "%2D");

    HttpResponse<String> response =
        post(
            withQuery(server.uri(), "dry%5Frun=true&key=" + encodedKey),
            Lms.annCompletedLesson1000());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(Client.json(response.body()).get("status").asText()).isEqualTo("dry_run");
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void answers400ToAMalformedContentLengthWithoutCallingTheEndpoint() throws IOException {
    byte[] body = Lms.annCompletedLesson1000().getBytes(StandardCharsets.UTF_8);
    try (RawHttp connection = RawHttp.connect(server.port())) {
      // Long.parseLong, and so the JDK server, takes "+63" for 63; HTTP does not.
      connection
          .head(
              "POST " + server.uri().getPath() + " HTTP/1.1",
              "Host: 127.0.0.1",
              "Authorization: Bearer " + ACME_KEY,
              "Content-Length: +" + body.length)
          .write(body);

      RawHttp.Response response = connection.read();

      assertThat(response.status()).isEqualTo(400);
      assertThat(response.header("Content-Type")).isEqualTo(Client.JSON_UTF8);
      assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
      assertThat(response.body())
          .isEqualTo("{\"error\":\"Content-Length must be a number of bytes\"}");
      assertThat(connection.closedByServerWithin(Duration.ofSeconds(2))).isTrue();
    }
    assertThat(lms.store.allCompletions()).isEmpty();
    assertThat(learnHook.requestLog(Lms.ACME_WEBHOOK, 10)).isEmpty();
  }

  @Test
  void closesTheConnectionWhenALargeBodyIsLeftUnreadAndServesTheNextConnection() throws Exception {
    // Longer than the binding throws away after an early answer (smaller ones are read to their end
    // and the connection serves on: EarlyAnswersContract).
    byte[] largeBody = new byte[(int) UnreadBody.LIMIT + 512 * 1024];
    Arrays.fill(largeBody, (byte) ' ');
    try (RawHttp connection = RawHttp.connect(server.port())) {
      connection.head(
          "POST " + server.uri().getPath() + " HTTP/1.1",
          "Host: 127.0.0.1",
          "Authorization: Bearer " + UNKNOWN_KEY,
          "Content-Length: " + largeBody.length);
      // Keep sending while the answer comes back; the server stops reading, so this write may fail.
      Thread sender =
          new Thread(
              () -> {
                try {
                  connection.write(largeBody);
                } catch (IOException expected) {
                  // the server closed the connection on the rest of the body
                }
              });
      sender.start();

      RawHttp.Response response = connection.read();

      assertThat(response.status()).isEqualTo(401);
      assertThat(response.body()).isEqualTo("{\"error\":\"Invalid webhook key\"}");
      assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
      assertThat(connection.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
      sender.join(5_000);
    }

    HttpResponse<String> next =
        post(server.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(ACME_KEY));

    assertThat(next.statusCode()).as(next.body()).isEqualTo(201);
  }

  @Test
  void neverReadsAnUnreadBodyAsTheNextRequest() throws IOException {
    // A body the endpoint refuses unread, which is itself a complete request.
    byte[] smuggled =
        ("POST "
                + server.uri().getPath()
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + ACME_KEY
                + "\r\nContent-Length: "
                + Lms.annCompletedLesson1000().length()
                + "\r\n\r\n"
                + Lms.annCompletedLesson1000())
            .getBytes(StandardCharsets.UTF_8);
    try (RawHttp connection = RawHttp.connect(server.port())) {
      connection
          .head(
              "POST " + server.uri().getPath() + " HTTP/1.1",
              "Host: 127.0.0.1",
              "Authorization: Bearer " + UNKNOWN_KEY,
              "Content-Length: " + smuggled.length)
          .write(smuggled);

      assertThat(connection.read().status()).isEqualTo(401);
      assertThat(connection.staysSilentFor(Duration.ofMillis(500))).isTrue();
    }
    assertThat(lms.store.allCompletions()).isEmpty();
  }

  @Test
  void servesTheNextRequestOnTheSameConnectionAfterASmallUnreadBody() throws IOException {
    byte[] payload = Lms.annCompletedLesson1000().getBytes(StandardCharsets.UTF_8);
    try (RawHttp connection = RawHttp.connect(server.port())) {
      connection
          .head(
              "POST " + server.uri().getPath() + " HTTP/1.1",
              "Host: 127.0.0.1",
              "Authorization: Bearer " + UNKNOWN_KEY,
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
      RawHttp.Response second = connection.read();

      assertThat(second.status()).as(second.body()).isEqualTo(201);
      assertThat(second.header("Content-Length"))
          .isEqualTo(Integer.toString(second.body().getBytes(StandardCharsets.UTF_8).length));
    }
  }

  @Test
  void answers500AndLogsNeitherTheKeyNorTheQueryWhenTheBindingFails() throws IOException {
    TenantResolver broken =
        host -> {
          throw new IllegalStateException("tenant directory is down");
        };
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try (LearnHookHttpServer failing =
        LearnHookHttpServer.builder().ingest(learnHook.ingest()).tenantResolver(broken).start()) {
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
  void copiesTheFirstAuthorizationHeaderOnly() throws IOException {
    byte[] payload = Lms.annCompletedLesson1000().getBytes(StandardCharsets.UTF_8);
    try (RawHttp connection = RawHttp.connect(server.port())) {
      connection
          .head(
              "POST " + server.uri().getPath() + " HTTP/1.1",
              "Host: 127.0.0.1",
              "Authorization: Bearer " + ACME_KEY,
              "Authorization: Bearer " + UNKNOWN_KEY,
              "Content-Length: " + payload.length)
          .write(payload);

      assertThat(connection.read().status()).isEqualTo(201);
    }
  }

  @Test
  void acceptsAChunkedBodyWithoutContentLength() throws IOException {
    String payload = Lms.annCompletedLesson1000();
    try (RawHttp connection = RawHttp.connect(server.port())) {
      connection
          .head(
              "POST " + server.uri().getPath() + " HTTP/1.1",
              "Host: 127.0.0.1",
              "Authorization: " + ACME_KEY,
              "Transfer-Encoding: chunked")
          .write(chunk(payload.substring(0, 10)))
          .write(chunk(payload.substring(10)))
          .write("0\r\n\r\n");

      RawHttp.Response response = connection.read();

      assertThat(response.status()).as(response.body()).isEqualTo(201);
    }
  }

  private static String chunk(String ascii) {
    return Integer.toHexString(ascii.length()) + "\r\n" + ascii + "\r\n";
  }
}
