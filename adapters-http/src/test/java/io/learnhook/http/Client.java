package io.learnhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.ingest.CompletionIngest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Calls the endpoint the way real senders do, over a real socket with the JDK's HttpClient. */
final class Client {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String JSON_UTF8 = "application/json; charset=utf-8";

  /**
   * Whether a Content-Type is JSON in UTF-8. Compared as media types: a servlet container writes
   * the header in its own spelling ({@code application/json;charset=utf-8}), which means the same.
   */
  static boolean isJsonUtf8(String contentType) {
    return contentType != null
        && contentType
            .replace(" ", "")
            .toLowerCase(java.util.Locale.ROOT)
            .equals("application/json;charset=utf-8");
  }

  static void assertJsonUtf8(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(
            type -> assertThat(isJsonUtf8(type)).as("Content-Type %s", type).isTrue());
  }

  private Client() {}

  /**
   * POSTs {@code body} as JSON with the given header pairs ({@code "Authorization", "Bearer …"}).
   */
  static HttpResponse<String> post(URI uri, String body, String... headers) {
    return send(
        request(uri, headers)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpRequest.Builder request(URI uri, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    return headers.length == 0 ? request : request.headers(headers);
  }

  /** Starts a server for {@code endpoint} on a free port. */
  static LearnHookHttpServer serve(CompletionIngest endpoint) {
    try {
      return LearnHookHttpServer.builder().ingest(endpoint).threads(4).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asserts an error answer of the contract: the status, JSON, and exactly {@code
   * {"error":message}}.
   */
  static void assertError(HttpResponse<String> response, int status, String message) {
    assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
    assertJsonUtf8(response);
    assertThat(response.body()).isEqualTo("{\"error\":" + JSON.valueToTree(message) + "}");
  }

  /**
   * Asserts an error answer whose message is built from the payload, and returns the message for
   * further checks.
   */
  static String errorOf(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
    assertJsonUtf8(response);
    JsonNode body = json(response.body());
    assertThat(body.fieldNames()).toIterable().containsExactly("error");
    assertThat(body.get("error").isTextual()).isTrue();
    return body.get("error").asText();
  }

  static URI withQuery(URI uri, String query) {
    return URI.create(uri + "?" + query);
  }

  static String bearer(String key) {
    return "Bearer " + key;
  }

  static String basic(String user, String key) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + key).getBytes(StandardCharsets.UTF_8));
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
