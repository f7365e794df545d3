package io.learnhook.internal;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * LearnHook's version, read once from {@code io/learnhook/learnhook.properties} (filtered by the
 * build). Here rather than in {@code io.learnhook.LearnHook} so that value packages (the report's
 * {@code User-Agent}) can use it without depending on the facade. Not API: call {@code
 * LearnHook.version()}.
 */
public final class Version {
  private static final String VALUE = read();

  private Version() {}

  /** The version, or {@code dev} when the build did not fill it in (run from an IDE). */
  public static String value() {
    return VALUE;
  }

  private static String read() {
    // A resource bundle, not a stream: core reads nothing through java.io (ArchitectureTest).
    try {
      String version =
          ResourceBundle.getBundle("io.learnhook.learnhook", Locale.ROOT).getString("version");
      // Unfiltered (run from an IDE without Maven's resource step): still a usable User-Agent.
      return version.isBlank() || version.startsWith("${") ? "dev" : version;
    } catch (MissingResourceException e) {
      return "dev";
    }
  }
}
