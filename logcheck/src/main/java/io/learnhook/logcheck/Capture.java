package io.learnhook.logcheck;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where captured log events go: one file per test JVM under {@code learnhook.logcheck.dir} (default
 * {@code target/logcheck}), so that the check reads everything the run logged, and a developer can
 * read it too. One event per record, records separated by {@link #SEPARATOR}.
 */
public final class Capture {
  /** Ends every record (ASCII record separator), so that multi-line messages stay one record. */
  static final char SEPARATOR = '\u001e';

  /** Between MDC entries (ASCII unit separator), and between an entry's key and value. */
  private static final char ENTRY = '\u001f';

  private static final char KEY_VALUE = '\u001d';

  private static final Capture INSTANCE = new Capture(defaultFile());

  private final Path file;
  private BufferedWriter out;

  Capture(Path file) {
    this.file = file;
  }

  /** The capture of this JVM. */
  public static Capture get() {
    return INSTANCE;
  }

  private static Path defaultFile() {
    String dir = System.getProperty("learnhook.logcheck.dir", "target/logcheck");
    return Path.of(dir).resolve("captured-" + ProcessHandle.current().pid() + ".log");
  }

  /** The file this capture writes. */
  public Path file() {
    return file;
  }

  /** Records one event logged with an empty MDC. */
  public void record(String level, String logger, String message, Throwable thrown) {
    record(level, logger, Map.of(), message, thrown);
  }

  /** Records one event with the logging thread's MDC. */
  public synchronized void record(
      String level, String logger, Map<String, String> mdc, String message, Throwable thrown) {
    try {
      if (out == null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      }
      out.write(level);
      out.write('\t');
      out.write(logger);
      out.write('\t');
      boolean first = true;
      for (Map.Entry<String, String> entry : mdc.entrySet()) {
        if (!first) {
          out.write(ENTRY);
        }
        first = false;
        out.write(entry.getKey());
        out.write(KEY_VALUE);
        out.write(String.valueOf(entry.getValue()));
      }
      out.write('\t');
      out.write(message == null ? "null" : message);
      if (thrown != null) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        out.write('\n');
        out.write(trace.toString());
      }
      out.write(SEPARATOR);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the log capture " + file, e);
    }
  }

  /** Writes out what is buffered. */
  public synchronized void flush() {
    if (out != null) {
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("could not write the log capture " + file, e);
      }
    }
  }

  /** Everything captured so far. */
  public synchronized List<CapturedLine> lines() {
    flush();
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the log capture " + file, e);
    }
  }

  static List<CapturedLine> parse(String content) {
    List<CapturedLine> lines = new ArrayList<>();
    int start = 0;
    while (start < content.length()) {
      int end = content.indexOf(SEPARATOR, start);
      if (end < 0) {
        end = content.length();
      }
      String record = content.substring(start, end);
      start = end + 1;
      if (start < content.length() && content.charAt(start) == '\n') {
        start++;
      }
      if (record.isEmpty()) {
        continue;
      }
      String[] parts = record.split("\t", 4);
      lines.add(
          parts.length == 4
              ? new CapturedLine(parts[0], parts[1], parts[3], mdc(parts[2]))
              : new CapturedLine("?", "?", record));
    }
    return lines;
  }

  private static Map<String, String> mdc(String encoded) {
    Map<String, String> mdc = new LinkedHashMap<>();
    if (encoded.isEmpty()) {
      return mdc;
    }
    for (String entry : encoded.split(String.valueOf(ENTRY))) {
      int at = entry.indexOf(KEY_VALUE);
      if (at > 0) {
        mdc.put(entry.substring(0, at), entry.substring(at + 1));
      }
    }
    return mdc;
  }
}
