package io.learnhook.completion;

/**
 * Hears of every newly recorded completion, whether it came through an incoming webhook or was
 * recorded by the LMS itself; duplicates are not announced. The LMS uses it to update channel or
 * pathway progress, reporting and notifications.
 *
 * <p>Called after the completion is stored, on the recording thread. An exception thrown here is
 * logged and does not undo the recording or change the webhook's answer.
 */
@FunctionalInterface
public interface CompletionListener {
  void onRecorded(Completion completion);
}
