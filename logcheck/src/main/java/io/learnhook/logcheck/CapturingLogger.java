package io.learnhook.logcheck;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A logger that records every call it is enabled for and passes it on to the console's logger when
 * that one is enabled for its level. Enabled for every level when {@code everyLevel}, so that code
 * guarded by {@code isDebugEnabled()} still runs and is captured.
 */
final class CapturingLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  private final transient Logger console;
  private final boolean everyLevel;
  private final transient Capture capture;

  CapturingLogger(String name, Logger console, boolean everyLevel, Capture capture) {
    this.name = name;
    this.console = console;
    this.everyLevel = everyLevel;
    this.capture = capture;
  }

  @Override
  public boolean isTraceEnabled() {
    return everyLevel || console.isTraceEnabled();
  }

  @Override
  public boolean isDebugEnabled() {
    return everyLevel || console.isDebugEnabled();
  }

  @Override
  public boolean isInfoEnabled() {
    return everyLevel || console.isInfoEnabled();
  }

  @Override
  public boolean isWarnEnabled() {
    return everyLevel || console.isWarnEnabled();
  }

  @Override
  public boolean isErrorEnabled() {
    return everyLevel || console.isErrorEnabled();
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable thrown) {
    String message = MessageFormatter.basicArrayFormat(pattern, arguments);
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    capture.record(level.name(), name, mdc == null ? Map.of() : mdc, message, thrown);
    // Formatted already: a message with a throwable and no arguments is not formatted again.
    switch (level) {
      case TRACE -> {
        if (console.isTraceEnabled()) console.trace(message, thrown);
      }
      case DEBUG -> {
        if (console.isDebugEnabled()) console.debug(message, thrown);
      }
      case INFO -> {
        if (console.isInfoEnabled()) console.info(message, thrown);
      }
      case WARN -> {
        if (console.isWarnEnabled()) console.warn(message, thrown);
      }
      case ERROR -> {
        if (console.isErrorEnabled()) console.error(message, thrown);
      }
    }
  }
}
