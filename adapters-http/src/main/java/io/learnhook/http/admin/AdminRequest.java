package io.learnhook.http.admin;

import java.io.InputStream;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A call to the admin endpoints, as an HTTP binding hands it over.
 *
 * @param method the HTTP method, such as {@code GET}
 * @param path the path below where the admin endpoints are mounted, decoded, such as {@code
 *     /webhooks/w1}; empty or {@code /} for the mount point itself
 * @param query the raw (still percent-encoded) query string without {@code ?}; empty when none
 * @param headers the request's headers, for the {@link AdminAuthenticator}
 * @param contentLength the declared Content-Length, when the request has one
 * @param body the body, not yet read; read only after the caller is authenticated, and no further
 *     than {@link AdminEndpoint#MAX_BODY_BYTES}
 */
public record AdminRequest(
    String method,
    String path,
    String query,
    RequestHeaders headers,
    OptionalLong contentLength,
    InputStream body) {

  public AdminRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = query == null ? "" : query;
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(contentLength, "contentLength");
    Objects.requireNonNull(body, "body");
  }

  @Override
  public String toString() {
    // Never print the headers (credentials) or the query.
    return "AdminRequest[" + method + " " + path + "]";
  }
}
