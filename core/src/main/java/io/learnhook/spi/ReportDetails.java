package io.learnhook.spi;

import io.learnhook.completion.Completion;
import io.learnhook.delivery.CompletionDetails;

/**
 * What the LMS knows about a completion beyond the completion itself, for its reports: when the
 * learner started and was assigned the item, the report card URL and the retake score (seed 004).
 * The LMS implements it; by default ({@link #none()}) these are reported as {@code null}.
 *
 * <p>Called when the completion is recorded, inside the transaction that writes it and its reports,
 * once per new completion that has at least one subscriber. A failure here is logged and the report
 * goes out without these details, rather than losing the completion.
 */
@FunctionalInterface
public interface ReportDetails {
  CompletionDetails detailsOf(Completion completion);

  /**
   * Knows nothing: {@code started_at}, {@code assigned_at}, {@code report_card_url} and {@code
   * retake_score} are {@code null}.
   */
  static ReportDetails none() {
    return completion -> CompletionDetails.none();
  }
}
