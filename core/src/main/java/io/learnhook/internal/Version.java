package io.learnhook.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

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
    try (InputStream in = Version.class.getResourceAsStream("/io/learnhook/learnhook.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      String version = properties.getProperty("version", "");
      // Unfiltered (run from an IDE without Maven's resource step): still a usable User-Agent.
      return version.isBlank() || version.startsWith("${") ? "dev" : version;
    } catch (IOException e) {
      return "dev";
    }
  }
}
