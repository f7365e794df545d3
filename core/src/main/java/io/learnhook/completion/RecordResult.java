package io.learnhook.completion;

import java.util.Objects;

/**
 * What recording a completion did.
 *
 * @param completion the stored completion: the new one, or the first one when this was a duplicate
 * @param created true when this call stored it, false when the same completion was already there
 */
public record RecordResult(Completion completion, boolean created) {
  public RecordResult {
    Objects.requireNonNull(completion, "completion");
  }

  public static RecordResult created(Completion completion) {
    return new RecordResult(completion, true);
  }

  public static RecordResult duplicateOf(Completion first) {
    return new RecordResult(first, false);
  }

  public boolean duplicate() {
    return !created;
  }
}
