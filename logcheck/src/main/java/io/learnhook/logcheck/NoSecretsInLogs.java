package io.learnhook.logcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Fails a module's test run when its logs hold a secret: when the JUnit Platform launcher session
 * opens it installs the {@link KeyRecorder}; when it closes it scans everything the run {@linkplain
 * Capture captured} with {@link LeakScanner}, writes {@code logcheck-report.txt} beside the capture
 * and throws, naming each finding's logger and level (never the secret), so that surefire fails the
 * build. Registered through {@code META-INF/services}; there is nothing to call.
 *
 * <p>Set {@code -Dlearnhook.logcheck.skip=true} to turn the check off (the capture still happens).
 */
public final class NoSecretsInLogs implements LauncherSessionListener {
  @Override
  public void launcherSessionOpened(LauncherSession session) {
    KeyRecorder.install();
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (Boolean.getBoolean("learnhook.logcheck.skip")) {
      return;
    }
    Capture capture = Capture.get();
    List<CapturedLine> lines = capture.lines();
    Set<String> keys = KeyRecorder.knownKeys();
    List<LeakScanner.Finding> findings = LeakScanner.scan(lines, keys);
    String report = report(lines.size(), keys.size(), findings);
    write(capture.file().resolveSibling("logcheck-report.txt"), report);
    if (!findings.isEmpty()) {
      throw new AssertionError(report);
    }
  }

  static String report(int lines, int keys, List<LeakScanner.Finding> findings) {
    String head =
        "Log check: "
            + lines
            + " log events captured (io.learnhook at every level), "
            + keys
            + " webhook keys known, "
            + findings.size()
            + " secrets found";
    if (findings.isEmpty()) {
      return head + "\n";
    }
    return head
        + ":\n"
        + findings.stream().map(f -> "  " + f).collect(Collectors.joining("\n"))
        + "\n";
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
