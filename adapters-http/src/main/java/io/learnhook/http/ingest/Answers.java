package io.learnhook.http.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.learnhook.completion.Completion;
import io.learnhook.ingest.IngestOutcome;
import io.learnhook.ingest.IngestOutcome.Reason;
import io.learnhook.ingest.IngestOutcome.Refused;
import io.learnhook.ingest.internal.KeyRedaction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The status table of {@code POST /webhooks/item_completions}: each {@link IngestOutcome} as the
 * status, headers and JSON body of the public contract ({@code docs/openapi.yaml}).
 */
final class Answers {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Answers() {}

  /**
   * The answer to {@code outcome}. Its body holds no key of the company, nor any piece of one (a
   * sender that put a key in its body would otherwise see it quoted back in an error or a mapped
   * field): what it says of the payload (an error's text, a dry run's fields) goes through {@link
   * KeyRedaction}; the rest is ids the LMS gave.
   */
  static EndpointResponse of(IngestOutcome outcome) {
    return new EndpointResponse(
        status(outcome), headers(outcome), json(outcome).getBytes(StandardCharsets.UTF_8));
  }

  static int status(IngestOutcome outcome) {
    if (outcome instanceof Refused refused) {
      return status(refused.reason());
    }
    return outcome instanceof IngestOutcome.Recorded ? 201 : 200;
  }

  private static int status(Reason reason) {
    switch (reason) {
      case MALFORMED_BODY:
      case UNREADABLE_BODY:
        return 400;
      case INVALID_KEY:
        return 401;
      case INTEGRATION_DISABLED:
      case UNKNOWN_COMPANY: // the status table has no row of its own: a refusal, as 403
        return 403;
      case ITEM_NOT_FOUND:
      case USER_NOT_FOUND:
        return 404;
      case BODY_TOO_LARGE:
      case BATCH_TOO_LARGE:
        return 413;
      case UNPROCESSABLE:
      case NOT_EXTERNALLY_CONTROLLED:
        return 422;
      case RATE_LIMITED:
        return 429;
      case STORAGE_UNAVAILABLE:
        return 503;
      case INTERNAL_ERROR:
      default:
        return 500;
    }
  }

  private static Map<String, String> headers(IngestOutcome outcome) {
    if (outcome instanceof Refused refused) {
      if (refused.reason() == Reason.INVALID_KEY) {
        return Map.of("WWW-Authenticate", "Bearer");
      }
      return retryAfter(refused);
    }
    if (outcome instanceof IngestOutcome.Batch batch) {
      // Some elements were not recorded because storage went away: say when to send them again.
      for (IngestOutcome element : batch.elements()) {
        if (element instanceof Refused refused && refused.reason() == Reason.STORAGE_UNAVAILABLE) {
          return retryAfter(refused);
        }
      }
    }
    return Map.of();
  }

  private static Map<String, String> retryAfter(Refused refused) {
    return refused
        .retryAfter()
        .map(wait -> Map.of("Retry-After", Long.toString(wait.toSeconds())))
        .orElse(Map.of());
  }

  private static String json(IngestOutcome outcome) {
    if (outcome instanceof IngestOutcome.Recorded recorded) {
      return describe("recorded", recorded.completion());
    }
    if (outcome instanceof IngestOutcome.Duplicate duplicate) {
      return describe("duplicate", duplicate.first());
    }
    if (outcome instanceof IngestOutcome.DryRun dryRun) {
      ObjectNode body = NODES.objectNode();
      body.put("status", "dry_run");
      body.put("would", dryRun.duplicateOf().isPresent() ? "duplicate" : "record");
      dryRun.duplicateOf().ifPresent(id -> body.put("completion_id", id.value()));
      body.put("user_id", dryRun.user().value());
      body.put("item_id", dryRun.item().value());
      body.set("fields", KeyRedaction.redact(dryRun.fields().toJson()));
      body.put("completed_at", dryRun.completedAt().toString());
      return body.toString();
    }
    if (outcome instanceof IngestOutcome.Batch batch) {
      return batch(batch.elements());
    }
    ObjectNode body = NODES.objectNode();
    // Core redacts its refusals already; again here for one built by other code.
    body.put("error", KeyRedaction.redact(((Refused) outcome).message()));
    return body.toString();
  }

  private static String batch(List<IngestOutcome> elements) {
    ArrayNode results = NODES.arrayNode();
    for (int index = 0; index < elements.size(); index++) {
      IngestOutcome element = elements.get(index);
      ObjectNode entry = results.addObject();
      entry.put("index", index);
      entry.put("status", status(element));
      // The element's answer is already JSON text; embedded as written, not parsed back.
      entry.putRawValue("body", new RawValue(json(element)));
    }
    ObjectNode body = NODES.objectNode();
    body.set("results", results);
    return body.toString();
  }

  private static String describe(String status, Completion completion) {
    return AnswerJson.describe(
        status, completion.id().value(), completion.user().value(), completion.item().value());
  }
}
