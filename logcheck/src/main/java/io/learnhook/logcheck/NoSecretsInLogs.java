package io.learnhook.logcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Fails a module's test run when its logs hold a secret: when the JUnit Platform launcher session
 * opens it installs the {@link KeyRecorder}; when it closes it scans everything the run {@linkplain
 * Capture captured} with {@link LeakScanner}, writes {@code report-<pid>.txt} beside the capture
 * and throws, naming each finding's logger and level (never the secret), so that surefire fails the
 * build. Registered through {@code META-INF/services}; there is nothing to call.
 *
 * <p>Set {@code -Dlearnhook.logcheck.skip=true} to turn the check off (the capture still happens).
 */
public final class NoSecretsInLogs implements LauncherSessionListener {
  private final Capture capture;
  private final Supplier<Set<String>> keys;

  /** The check of this JVM's capture and keys, as the JUnit Platform loads it. */
  public NoSecretsInLogs() {
    this(Capture.get(), KeyRecorder::knownKeys);
  }

  NoSecretsInLogs(Capture capture, Supplier<Set<String>> keys) {
    this.capture = capture;
    this.keys = keys;
  }

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    KeyRecorder.install();
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (Boolean.getBoolean("learnhook.logcheck.skip")) {
      return;
    }
    List<CapturedLine> lines = capture.lines();
    Set<String> known = keys.get();
    List<LeakScanner.Finding> findings = LeakScanner.scan(lines, known);
    String report = report(lines.size(), known.size(), findings);
    write(reportFile(capture.file()), report);
    if (!findings.isEmpty()) {
      throw new AssertionError(report);
    }
  }

  /**
   * {@code report-<pid>.txt} beside {@code captured-<pid>.log}: surefire and failsafe runs each
   * have one.
   */
  static Path reportFile(Path capture) {
    String name =
        capture.getFileName().toString().replace("captured-", "report-").replace(".log", ".txt");
    return capture.resolveSibling(name);
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
