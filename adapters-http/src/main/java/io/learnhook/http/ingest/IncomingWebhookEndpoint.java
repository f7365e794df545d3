package io.learnhook.http.ingest;

import io.learnhook.ingest.CompletionIngest;
import io.learnhook.ingest.IngestOutcome;
import io.learnhook.webhook.WebhookKey;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /webhooks/item_completions} at the HTTP level, shared by every binding: reads the key
 * from the Authorization header or {@code ?key=}, the {@code dry_run} flag from the query, hands
 * the call with its body (bounded while it streams in) to {@link CompletionIngest}, and answers its
 * {@link IngestOutcome} with the status, headers and JSON body of the public contract ({@code
 * docs/openapi.yaml}). Never throws: every failure becomes an answer.
 *
 * <p>The JDK and servlet bindings ({@code io.learnhook.http}, {@code io.learnhook.http.servlet})
 * only move bytes between their server and this class, so every binding answers alike. Use it
 * directly to serve the endpoint from a server of another kind, or to call it in-process.
 * Thread-safe.
 */
public final class IncomingWebhookEndpoint {
  /** Where the bindings mount the endpoint. */
  public static final String PATH = "/webhooks/item_completions";

  private final CompletionIngest ingest;

  /** The endpoint answering with {@code ingest}: {@code learnHook.ingest()}. */
  public IncomingWebhookEndpoint(CompletionIngest ingest) {
    this.ingest = Objects.requireNonNull(ingest, "ingest");
  }

  /** Answers one call. */
  public EndpointResponse handle(IncomingRequest request) {
    QueryString query = QueryString.parse(request.query());
    Optional<WebhookKey> key = Credentials.from(request.authorization(), query.get("key"));
    IngestOutcome outcome =
        ingest.ingest(
            key,
            request.tenant(),
            query.flag("dry_run"),
            new StreamedBody(request.body(), request.contentLength()));
    return Answers.of(outcome);
  }
}
