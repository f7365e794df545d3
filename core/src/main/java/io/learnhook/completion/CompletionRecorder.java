package io.learnhook.completion;

import io.learnhook.spi.CompletionRepository;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records completions exactly once and tells the listeners of each new one. The one path every
 * completion takes, whether it arrived through a webhook or was recorded by the LMS.
 */
public final class CompletionRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(CompletionRecorder.class);

  private final CompletionRepository completions;
  private final List<CompletionListener> listeners;
  private final Clock clock;

  public CompletionRecorder(
      CompletionRepository completions, List<CompletionListener> listeners, Clock clock) {
    this.completions = Objects.requireNonNull(completions, "completions");
    this.listeners = List.copyOf(listeners);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Records the completion, or finds the same one recorded before.
   *
   * @throws io.learnhook.spi.StorageUnavailableException when storage cannot be reached; nothing was
   *     recorded and the call may be repeated
   */
  public RecordResult record(NewCompletion completion) {
    Completion candidate = completion.toCompletion(CompletionId.random(), clock.instant());
    RecordResult result = completions.recordIfAbsent(candidate);
    if (result.created()) {
      announce(result.completion());
    }
    return result;
  }

  private void announce(Completion completion) {
    for (CompletionListener listener : listeners) {
      try {
        listener.onRecorded(completion);
      } catch (RuntimeException e) {
        // A listener's failure is the LMS's to fix; the completion stays recorded.
        LOG.error("Completion listener {} failed for completion {}", listener, completion.id(), e);
      }
    }
  }
}
