package io.learnhook.requestlog;

/** How an authenticated call ended. */
public enum Outcome {
  /** A completion was recorded. */
  RECORDED,
  /** The completion was already recorded; nothing new was written. */
  DUPLICATE,
  /** A dry run: mapped and resolved, nothing written. */
  DRY_RUN,
  /** A batch: see the entry's details for each element. */
  BATCH,
  /** The call was refused (4xx) or failed (5xx); see the entry's error. */
  REJECTED
}
