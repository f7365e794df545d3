package io.learnhook.webhook;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

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
