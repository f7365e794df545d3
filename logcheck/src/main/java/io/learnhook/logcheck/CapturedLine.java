package io.learnhook.logcheck;

import java.util.Map;
import java.util.Objects;

/**
 * One captured log event.
 *
 * @param level TRACE, DEBUG, INFO, WARN or ERROR
 * @param logger the logger's name
 * @param text the formatted message, followed by the stack trace of its throwable if it had one
 * @param mdc the SLF4J MDC of the logging thread when the event was logged
 */
public record CapturedLine(String level, String logger, String text, Map<String, String> mdc) {
  public CapturedLine {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(logger, "logger");
    Objects.requireNonNull(text, "text");
    mdc = Map.copyOf(mdc);
  }

  /** An event logged with an empty MDC. */
  public CapturedLine(String level, String logger, String text) {
    this(level, logger, text, Map.of());
  }
}
