package io.learnhook.ingest;

import io.learnhook.LearnHook;
import io.learnhook.ingest.CompletionIngest.RequestBody;
import io.learnhook.webhook.WebhookKey;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Calls of {@link CompletionIngest} as a sender makes them, for tests of other packages. */
public final class Calls {
  private Calls() {}

  /** A call with {@code key} and a JSON {@code body}, for any company, not a dry run. */
  public static IngestOutcome post(LearnHook learnHook, WebhookKey key, String body) {
    return learnHook
        .ingest()
        .ingest(
            Optional.of(key),
            Optional.empty(),
            false,
            RequestBody.of(body.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * What the outcome is, as one word: {@code RECORDED}, {@code DUPLICATE}, {@code DRY_RUN}, {@code
   * BATCH}, or the reason of a refusal (such as {@code INVALID_KEY}).
   */
  public static String kind(IngestOutcome outcome) {
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
}
