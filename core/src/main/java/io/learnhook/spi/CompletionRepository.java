package io.learnhook.spi;

import io.learnhook.completion.Completion;
import io.learnhook.completion.CompletionId;
import io.learnhook.completion.RecordResult;
import java.util.Optional;

/** Stores completions, each exactly once. */
public interface CompletionRepository {
  /**
   * Stores {@code candidate} unless the same completion is already stored: one with the same
   * webhook and event id, or the same company, user, item and completion time ({@link
   * Completion#sameAs}). Atomic: however many threads or app nodes record the same completion at
   * once, exactly one is stored and every caller gets that one back.
   */
  RecordResult recordIfAbsent(Completion candidate);

  /** The stored completion that {@code candidate} would duplicate, if any; writes nothing. */
  Optional<Completion> findSameAs(Completion candidate);

  Optional<Completion> findById(CompletionId id);
}
