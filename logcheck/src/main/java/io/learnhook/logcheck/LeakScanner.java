package io.learnhook.logcheck;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets in captured log text: known webhook keys (any case, anywhere, also inside base64
 * such as a {@code Basic} credential), and Authorization values by their shape ({@code Bearer x},
 * {@code Basic x}, {@code Authorization: x} or {@code authorization=x}), whoever's they are.
 */
public final class LeakScanner {
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern BEARER = Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{6,}");
  private static final Pattern BASIC = Pattern.compile("(?i)\\bbasic\\s+[A-Za-z0-9+/]{6,}={0,2}");
  private static final Pattern AUTHORIZATION_VALUE =
      Pattern.compile("(?i)\\bauthorization\\b[\"']?\\s*[:=]\\s*[\"']?([^\\s\"',;}]+)");
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{48,}={0,2}");

  /** What an Authorization value may be shown as in a log: its absence or its redaction. */
  private static final Set<String> HARMLESS =
      Set.of("redacted", "***", "null", "none", "absent", "present", "");

  private LeakScanner() {}

  /**
   * A secret in a log line.
   *
   * @param line where: level and logger
   * @param kind what was found, e.g. "a webhook key"
   * @param excerpt the text around it, the secret itself replaced by {@code [SECRET]}
   */
  public record Finding(CapturedLine line, String kind, String excerpt) {
    @Override
    public String toString() {
      return line.level() + " " + line.logger() + ": " + kind + " in \"" + excerpt + "\"";
    }
  }

  /** Every secret in {@code lines}, given the run's keys in lower case. */
  public static List<Finding> scan(List<CapturedLine> lines, Set<String> keys) {
    List<Finding> findings = new ArrayList<>();
    for (CapturedLine line : lines) {
      scan(line, keys, findings);
    }
    return findings;
  }

  private static void scan(CapturedLine line, Set<String> keys, List<Finding> findings) {
    // The MDC is scanned too: an id put there by mistake could be a key.
    String text = line.mdc().isEmpty() ? line.text() : line.text() + " " + line.mdc();
    Matcher uuid = UUID.matcher(text);
    while (uuid.find()) {
      if (keys.contains(uuid.group().toLowerCase(Locale.ROOT))) {
        findings.add(new Finding(line, "a webhook key", excerpt(text, uuid.start(), uuid.end())));
      }
    }
    Matcher bearer = BEARER.matcher(text);
    while (bearer.find()) {
      findings.add(
          new Finding(line, "a Bearer credential", excerpt(text, bearer.start(), bearer.end())));
    }
    Matcher basic = BASIC.matcher(text);
    while (basic.find()) {
      findings.add(
          new Finding(line, "a Basic credential", excerpt(text, basic.start(), basic.end())));
    }
    Matcher authorization = AUTHORIZATION_VALUE.matcher(text);
    while (authorization.find()) {
      // A scheme word alone ("Authorization: Bearer …") is left to the Bearer and Basic checks.
      String value = authorization.group(1).replaceAll("^[\\[<(]+|[\\]>)]+$", "");
      if (!HARMLESS.contains(value.toLowerCase(Locale.ROOT))
          && !value.toLowerCase(Locale.ROOT).equals("bearer")
          && !value.toLowerCase(Locale.ROOT).equals("basic")) {
        findings.add(
            new Finding(
                line,
                "an Authorization value",
                excerpt(text, authorization.start(1), authorization.end(1))));
      }
    }
    Matcher base64 = BASE64.matcher(text);
    while (base64.find()) {
      String decoded = decode(base64.group());
      Matcher inside = UUID.matcher(decoded);
      while (inside.find()) {
        if (keys.contains(inside.group().toLowerCase(Locale.ROOT))) {
          findings.add(
              new Finding(
                  line, "a webhook key in base64", excerpt(text, base64.start(), base64.end())));
        }
      }
    }
  }

  private static String decode(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.ISO_8859_1);
    } catch (IllegalArgumentException notBase64) {
      return "";
    }
  }

  /** Up to 60 characters either side, the secret replaced, on one line. */
  private static String excerpt(String text, int start, int end) {
    String before = text.substring(Math.max(0, start - 60), start);
    String after = text.substring(end, Math.min(text.length(), end + 60));
    return (before + "[SECRET]" + after).replace('\n', ' ').replace('\r', ' ');
  }
}
