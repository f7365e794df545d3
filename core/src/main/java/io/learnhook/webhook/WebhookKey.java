package io.learnhook.webhook;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A webhook's plain secret key: a random UUID. It exists in plain form only when a webhook is
 * created or its key regenerated, and while a request is being authenticated; it is stored as a
 * {@link KeyHash}.
 *
 * <p>{@link #toString()} never shows the key, so a key logged by mistake stays secret.
 */
public final class WebhookKey {
  private final String value;

  private WebhookKey(String value) {
    this.value = value;
  }

  /** A new key from the JDK's cryptographically strong source ({@link UUID#randomUUID()}). */
  public static WebhookKey generate() {
    return new WebhookKey(UUID.randomUUID().toString());
  }

  /**
   * Reads a key written as a UUID ({@code 8-4-4-4-12} hex digits, any case).
   *
   * @return the key, or empty when {@code text} is not of that form
   */
  public static Optional<WebhookKey> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String trimmed = text.strip();
    if (!isUuidForm(trimmed)) {
      return Optional.empty();
    }
    return Optional.of(new WebhookKey(trimmed.toLowerCase(Locale.ROOT)));
  }

  /**
   * Whether {@code text} is {@code 8-4-4-4-12} ASCII hex digits of any case; by hand, as the regex
   * it replaced ({@code WebhookKeyFormTest} compares the two), since every request checks its key.
   */
  static boolean isUuidForm(String text) {
    if (text.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = text.charAt(i);
      boolean ok =
          (i == 8 || i == 13 || i == 18 || i == 23)
              ? c == '-'
              : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Like {@link #parse(String)}, for keys the application itself supplies (seed files, tests). */
  public static WebhookKey of(String text) {
    return parse(text)
        .orElseThrow(() -> new IllegalArgumentException("a webhook key must be a UUID"));
  }

  /** The key in plain text, to show once to the administrator who created it. */
  public String reveal() {
    return value;
  }

  /** The form in which the key is stored and looked up. */
  public KeyHash hash() {
    return KeyHash.of(this);
  }

  /**
   * {@code text} with this key, in any case, replaced by {@code [redacted]}; {@code text} itself
   * when it does not hold the key. For text bound for a sender or a log that may quote what the
   * sender sent, where a sender may have put its key.
   */
  public String redactIn(String text) {
    String key = reveal();
    if (!containsIgnoringCase(text, key)) {
      return text;
    }
    return Pattern.compile(Pattern.quote(key), Pattern.CASE_INSENSITIVE)
        .matcher(text)
        .replaceAll("[redacted]");
  }

  /**
   * {@code text.toLowerCase(Locale.ROOT).contains(key)} for a lowercase key of ASCII hex digits and
   * dashes (only ASCII letters lowercase to those), without a lowercased copy of every answer.
   */
  private static boolean containsIgnoringCase(String text, String key) {
    char first = key.charAt(0);
    char firstUpper = Character.toUpperCase(first);
    for (int at = 0, last = text.length() - key.length(); at <= last; at++) {
      char c = text.charAt(at);
      if ((c == first || c == firstUpper) && text.regionMatches(true, at, key, 0, key.length())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebhookKey other && KeyHash.constantTimeEquals(value, other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  @Override
  public String toString() {
    return "WebhookKey[redacted]";
  }
}
