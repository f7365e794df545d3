package io.learnhook.http.ingest;

import io.learnhook.directory.CompanyId;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A call to {@code POST /webhooks/item_completions}, as an HTTP binding hands it over.
 *
 * @param authorization the Authorization header, if sent
 * @param query the raw (still percent-encoded) query string without {@code ?}; empty when none
 * @param tenant the company the embedding app knows the request is for (say, from the host name); a
 *     key of another company is then refused
 * @param contentLength the declared Content-Length, when the request has one
 * @param body the body, not yet read: the endpoint reads it only after the key is accepted, and no
 *     further than the size limit
 */
public record IncomingRequest(
    Optional<String> authorization,
    String query,
    Optional<CompanyId> tenant,
    OptionalLong contentLength,
    InputStream body) {

  public IncomingRequest {
    Objects.requireNonNull(authorization, "authorization");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(contentLength, "contentLength");
    Objects.requireNonNull(body, "body");
  }

  /** A request from any company, as when the app serves all tenants on one host. */
  public static IncomingRequest of(
      Optional<String> authorization, String query, OptionalLong contentLength, InputStream body) {
    return new IncomingRequest(
        authorization, query == null ? "" : query, Optional.empty(), contentLength, body);
  }

  /** The same request, known to be for {@code company}. */
  public IncomingRequest forTenant(CompanyId company) {
    return new IncomingRequest(authorization, query, Optional.of(company), contentLength, body);
  }

  @Override
  public String toString() {
    // Never print the Authorization value or the query (it may hold ?key=).
    return "IncomingRequest[tenant=" + tenant + ", contentLength=" + contentLength + "]";
  }
}
