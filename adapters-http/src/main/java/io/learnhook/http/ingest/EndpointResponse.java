package io.learnhook.http.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The endpoint's answer: a status, headers beyond {@code Content-Type} (such as {@code
 * Retry-After}), and a JSON body.
 */
public final class EndpointResponse {
  /** The content type of every answer. */
  public static final String CONTENT_TYPE = "application/json; charset=utf-8";

  private final int status;
  private final Map<String, String> headers;
  private final byte[] body;

  EndpointResponse(int status, Map<String, String> headers, byte[] body) {
    this.status = status;
    this.headers = Map.copyOf(new LinkedHashMap<>(headers));
    this.body = Objects.requireNonNull(body, "body").clone();
  }

  /**
   * An answer: {@code body} is JSON, or empty for a status without content (204). For the other
   * other endpoints of learnhook-http, such as {@link io.learnhook.http.admin.AdminEndpoint}.
   */
  public static EndpointResponse of(int status, Map<String, String> headers, byte[] body) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("not an HTTP status: " + status);
    }
    return new EndpointResponse(status, headers, body);
  }

  /** The same answer with one more header. */
  EndpointResponse withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new EndpointResponse(status, more, body);
  }

  public int status() {
    return status;
  }

  /** Headers to send besides {@code Content-Type: application/json}. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The UTF-8 JSON body. */
  public byte[] body() {
    return body.clone();
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EndpointResponse other
        && status == other.status
        && headers.equals(other.headers)
        && Arrays.equals(body, other.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, headers, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return status + " " + bodyText();
  }
}
