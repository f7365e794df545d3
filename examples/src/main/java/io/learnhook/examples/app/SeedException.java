package io.learnhook.examples.app;

import java.util.List;

/** A seed file is invalid; lists every problem with its place in the file. */
final class SeedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SeedException(List<String> problems) {
    super("Invalid seed file:\n  " + String.join("\n  ", problems));
  }
}
