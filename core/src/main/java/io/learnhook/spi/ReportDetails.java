package io.learnhook.spi;

import io.learnhook.completion.Completion;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * What the LMS knows about a completion beyond the completion itself, for its reports: when the
 * learner started and was assigned the item, the report card URL and the retake score (fields of
 * the report, docs/CONTRACTS.md). The LMS implements it; by default ({@link #none()}) these are
 * reported as {@code null}.
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

  /**
   * What a report says beyond the completion itself, which only the LMS knows: when the learner
   * started and was assigned the item, the learner's report card, and the score needed to pass a
   * retake. The LMS supplies it through {@link io.learnhook.spi.ReportDetails}; whatever it does
   * not know is reported as {@code null}.
   *
   * @param startedAt when the learner started the item ({@code started_at})
   * @param assignedAt when the item was assigned to the learner ({@code assigned_at})
   * @param reportCardUrl where the learner's report card is ({@code report_card_url})
   * @param retakeScore the score, 0 to 100, needed to pass a retake ({@code lesson.retake_score})
   */
  public record CompletionDetails(
      Optional<Instant> startedAt,
      Optional<Instant> assignedAt,
      Optional<String> reportCardUrl,
      Optional<Integer> retakeScore) {

    private static final CompletionDetails NONE =
        new CompletionDetails(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public CompletionDetails {
      startedAt =
          Objects.requireNonNull(startedAt, "startedAt").map(t -> t.truncatedTo(ChronoUnit.MICROS));
      assignedAt =
          Objects.requireNonNull(assignedAt, "assignedAt")
              .map(t -> t.truncatedTo(ChronoUnit.MICROS));
      Objects.requireNonNull(reportCardUrl, "reportCardUrl");
      Objects.requireNonNull(retakeScore, "retakeScore");
      retakeScore.ifPresent(
          score -> {
            if (score < 0 || score > 100) {
              throw new IllegalArgumentException(
                  "retake score must be from 0 to 100, was " + score);
            }
          });
    }

    /** Nothing known: every one of these fields is reported as {@code null}. */
    public static CompletionDetails none() {
      return NONE;
    }

    public CompletionDetails withStartedAt(Instant value) {
      return new CompletionDetails(Optional.of(value), assignedAt, reportCardUrl, retakeScore);
    }

    public CompletionDetails withAssignedAt(Instant value) {
      return new CompletionDetails(startedAt, Optional.of(value), reportCardUrl, retakeScore);
    }

    public CompletionDetails withReportCardUrl(String value) {
      return new CompletionDetails(startedAt, assignedAt, Optional.of(value), retakeScore);
    }

    public CompletionDetails withRetakeScore(int value) {
      return new CompletionDetails(startedAt, assignedAt, reportCardUrl, Optional.of(value));
    }
  }
}
