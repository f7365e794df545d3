package io.learnhook.ingest;

import io.learnhook.ingest.IngestOutcome.Reason;

/**
 * The code the request log has always stored with each outcome ({@link
 * io.learnhook.requestlog.RequestLogEntry#status()}), so that stored entries and what the admin API
 * shows of them stay as they were before ingest became transport-neutral. These are data of the
 * request log, not an answer: each adapter answers in its own terms (learnhook-http's status table
 * happens to use the same numbers).
 */
final class RequestLogCodes {
  private RequestLogCodes() {}

  static int of(IngestOutcome outcome) {
    if (outcome instanceof IngestOutcome.Refused refused) {
      return of(refused.reason());
    }
    return outcome instanceof IngestOutcome.Recorded ? 201 : 200;
  }

  private static int of(Reason reason) {
    return switch (reason) {
      case INVALID_KEY -> 401;
      case INTEGRATION_DISABLED, UNKNOWN_COMPANY -> 403;
      case ITEM_NOT_FOUND, USER_NOT_FOUND -> 404;
      case BODY_TOO_LARGE, BATCH_TOO_LARGE -> 413;
      case UNREADABLE_BODY, MALFORMED_BODY -> 400;
      case UNPROCESSABLE, NOT_EXTERNALLY_CONTROLLED -> 422;
      case RATE_LIMITED -> 429;
      case INTERNAL_ERROR -> 500;
      case STORAGE_UNAVAILABLE -> 503;
    };
  }
}
