package io.learnhook.logcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The parts of the check, and the check itself failing on a logged key. */
class CaptureAndKeysTest {
  @TempDir Path dir;

  @Test
  void capturesTraceOfLearnHookLoggersThoughTheConsoleShowsOnlyWarn() {
    Logger logger = LoggerFactory.getLogger("io.learnhook.logcheck.Probe");
    String marker = "trace-probe-" + UUID.randomUUID();

    logger.trace("seen at {}", marker);
    logger.atDebug().setMessage("fluent {}").addArgument(marker).log();

    assertThat(logger.isTraceEnabled()).isTrue();
    assertThat(Capture.get().lines())
        .filteredOn(line -> line.text().contains(marker))
        .extracting(CapturedLine::level, CapturedLine::logger)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("TRACE", "io.learnhook.logcheck.Probe"),
            org.assertj.core.groups.Tuple.tuple("DEBUG", "io.learnhook.logcheck.Probe"));
  }

  @Test
  void capturesOtherLibrariesAtTheConsolesLevel() {
    Logger logger = LoggerFactory.getLogger("org.example.Library");
    String marker = "library-probe-" + UUID.randomUUID();

    logger.debug("quiet {}", marker);
    logger.warn("loud {}", marker);

    assertThat(Capture.get().lines())
        .filteredOn(line -> line.text().contains(marker))
        .extracting(CapturedLine::level)
        .containsExactly("WARN");
  }

  @Test
  void keepsAThrowablesStackTraceAndMessageInTheSameRecord() {
    Capture capture = new Capture(dir.resolve("c.log"));

    capture.record("ERROR", "io.learnhook.X", "failed", new IllegalStateException("why\nand more"));
    capture.record("INFO", "io.learnhook.Y", "next", null);

    List<CapturedLine> lines = capture.lines();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).text())
        .contains("failed", "IllegalStateException: why", "and more", "\tat ");
    assertThat(lines.get(1)).isEqualTo(new CapturedLine("INFO", "io.learnhook.Y", "next"));
  }

  @Test
  void keepsTheMdcOfEachEvent() {
    Capture capture = new Capture(dir.resolve("mdc.log"));

    capture.record(
        "WARN",
        "io.learnhook.X",
        java.util.Map.of("webhook_id", "w-1", "company_id", "acme"),
        "tab\there",
        null);
    capture.record("INFO", "io.learnhook.Y", "none", null);

    List<CapturedLine> lines = capture.lines();
    assertThat(lines.get(0))
        .isEqualTo(
            new CapturedLine(
                "WARN",
                "io.learnhook.X",
                "tab\there",
                java.util.Map.of("webhook_id", "w-1", "company_id", "acme")));
    assertThat(lines.get(1).mdc()).isEmpty();
  }

  @Test
  void capturesTheLoggingThreadsMdc() {
    String marker = "mdc-" + UUID.randomUUID();
    org.slf4j.MDC.put("delivery_id", "d-42");
    try {
      org.slf4j.LoggerFactory.getLogger("io.learnhook.MdcProbe").debug(marker);
    } finally {
      org.slf4j.MDC.remove("delivery_id");
    }

    assertThat(Capture.get().lines())
        .filteredOn(line -> line.text().contains(marker))
        .singleElement()
        .satisfies(line -> assertThat(line.mdc()).containsEntry("delivery_id", "d-42"));
  }

  @Test
  void learnsEveryKeyHashedWithSha256AndNothingElse() throws Exception {
    KeyRecorder.install();
    String key = UUID.randomUUID().toString().toUpperCase();
    String notAKey = UUID.randomUUID().toString();

    byte[] hash =
        MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
    MessageDigest.getInstance("SHA-256")
        .digest(("x" + notAKey).getBytes(StandardCharsets.US_ASCII));

    assertThat(KeyRecorder.knownKeys()).contains(key.toLowerCase()).doesNotContain(notAKey);
    assertThat(HexFormat.of().formatHex(hash))
        .as("still the JDK's SHA-256")
        .isEqualTo(
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256", "SUN")
                        .digest(key.getBytes(StandardCharsets.US_ASCII))));
  }

  @Test
  void failsTheRunNamingLoggerAndLevelButNotTheKeyWhenAKeyWasLogged() {
    String key = UUID.randomUUID().toString();
    List<CapturedLine> lines =
        List.of(
            new CapturedLine("INFO", "io.learnhook.ingest.Fine", "Answered POST with 201"),
            new CapturedLine("TRACE", "io.learnhook.ingest.Leaky", "presented key=" + key));

    List<LeakScanner.Finding> findings = LeakScanner.scan(lines, Set.of(key));
    String report = NoSecretsInLogs.report(lines.size(), 1, findings);

    assertThat(findings).hasSize(1);
    assertThat(report)
        .contains("2 log events captured", "1 secrets found", "TRACE io.learnhook.ingest.Leaky")
        .doesNotContain(key);
  }

  @Test
  void theSessionCheckFailsTheRunWhenALoggerWroteAKeyEvenAtTrace() throws Exception {
    Capture capture = new Capture(dir.resolve("captured-test.log"));
    KeyRecorder.install();
    String key = UUID.randomUUID().toString();
    // The key becomes known the way LearnHook's keys do: it is hashed with SHA-256.
    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
    Logger leaky =
        new CapturingLogger(
            "io.learnhook.ingest.Leaky",
            LoggerFactory.getLogger("org.example.Console"),
            true,
            capture);
    NoSecretsInLogs check = new NoSecretsInLogs(capture, KeyRecorder::knownKeys);

    leaky.info("Answered POST with 201");
    check.launcherSessionClosed(null);
    leaky.trace("presented {}", key);

    assertThatThrownBy(() -> check.launcherSessionClosed(null))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("1 secrets found")
        .hasMessageContaining("TRACE io.learnhook.ingest.Leaky: a webhook key")
        .hasMessageNotContaining(key);
    assertThat(dir.resolve("report-test.txt")).content().contains("1 secrets found");
  }
}
