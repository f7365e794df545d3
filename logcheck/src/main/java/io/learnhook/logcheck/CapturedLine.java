package io.learnhook.logcheck;

import java.util.Objects;

/**
 * One captured log event.
 *
 * @param level TRACE, DEBUG, INFO, WARN or ERROR
 * @param logger the logger's name
 * @param text the formatted message, followed by the stack trace of its throwable if it had one
 */
public record CapturedLine(String level, String logger, String text) {
  public CapturedLine {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(logger, "logger");
    Objects.requireNonNull(text, "text");
  }
}
