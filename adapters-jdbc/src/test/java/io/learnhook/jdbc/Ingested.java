package io.learnhook.jdbc;

import io.learnhook.LearnHook;
import io.learnhook.ingest.CompletionIngest.RequestBody;
import io.learnhook.ingest.IngestOutcome;
import io.learnhook.webhook.WebhookKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A webhook call ingested in-process ({@link io.learnhook.ingest.CompletionIngest}) and what came
 * of it, read the way these tests ask: as one word, and the ids or error it carries. (The HTTP
 * answers of the same outcomes are learnhook-http's to test: it is built after this module.)
 */
record Ingested(IngestOutcome outcome) {
  static Ingested post(LearnHook learnHook, WebhookKey key, String body) {
    return new Ingested(
        learnHook
            .ingest()
            .ingest(
                Optional.of(key),
                Optional.empty(),
                false,
                RequestBody.of(body.getBytes(StandardCharsets.UTF_8))));
  }

  /**
   * {@code RECORDED}, {@code DUPLICATE}, {@code DRY_RUN}, {@code BATCH}, or the reason of a
   * refusal, such as {@code USER_NOT_FOUND}.
   */
  String kind() {
    if (outcome instanceof IngestOutcome.Refused refused) {
      return refused.reason().name();
    }
    if (outcome instanceof IngestOutcome.Recorded) {
      return "RECORDED";
    }
    if (outcome instanceof IngestOutcome.Duplicate) {
      return "DUPLICATE";
    }
    return outcome instanceof IngestOutcome.DryRun ? "DRY_RUN" : "BATCH";
  }

  /** The recorded (or first) completion's id; empty text for any other outcome. */
  String completionId() {
    if (outcome instanceof IngestOutcome.Recorded recorded) {
      return recorded.completion().id().value();
    }
    return outcome instanceof IngestOutcome.Duplicate duplicate
        ? duplicate.first().id().value()
        : "";
  }

  String userId() {
    return outcome instanceof IngestOutcome.Recorded recorded
        ? recorded.completion().user().value()
        : "";
  }

  String itemId() {
    return outcome instanceof IngestOutcome.Recorded recorded
        ? recorded.completion().item().value()
        : "";
  }

  /** The refusal's message; empty text when the call was not refused. */
  String error() {
    return outcome instanceof IngestOutcome.Refused refused ? refused.message() : "";
  }

  /** How long the sender is told to wait before sending again; empty when it is not told. */
  Optional<Duration> retryAfter() {
    return outcome instanceof IngestOutcome.Refused refused
        ? refused.retryAfter()
        : Optional.empty();
  }

  @Override
  public String toString() {
    return outcome.toString();
  }
}
