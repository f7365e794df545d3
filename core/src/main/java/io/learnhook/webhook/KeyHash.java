package io.learnhook.webhook;

import io.learnhook.internal.Preconditions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stored form of a {@link WebhookKey}: the lowercase hex SHA-256 of the key.
 *
 * <p>A plain (unsalted, fast) hash is enough here because keys are 122-bit random UUIDs, not
 * passwords: nobody can guess one from its hash, and a deterministic hash lets storage find the
 * webhook through an index instead of comparing every stored key.
 */
public record KeyHash(String hex) {
  /**
   * One SHA-256 per thread: {@code MessageDigest.getInstance} looks the algorithm up among the JCA
   * providers on every call, and a digest is not thread-safe. Still obtained through JCA, so a
   * provider installed before a thread first hashes (the test-only key recorder) is the one used.
   */
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(KeyHash::newSha256);

  private static final HexFormat HEX = HexFormat.of();

  public KeyHash {
    Preconditions.requireText(hex, "key hash");
    if (!isSha256Hex(hex)) {
      throw new IllegalArgumentException("a key hash is 64 lowercase hex digits");
    }
  }

  /** Hashes a key. */
  public static KeyHash of(WebhookKey key) {
    byte[] digest = SHA256.get().digest(key.reveal().getBytes(StandardCharsets.US_ASCII));
    return new KeyHash(HEX.formatHex(digest));
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Whether {@code text} is 64 lowercase ASCII hex digits; by hand, as the regex it replaced. */
  static boolean isSha256Hex(String text) {
    if (text.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code key} hashes to this, compared in time that does not depend on where they differ.
   */
  public boolean matches(WebhookKey key) {
    return constantTimeEquals(hex, of(key).hex);
  }

  /**
   * Whether {@code other} is the same hash, compared in time that does not depend on where they
   * differ.
   */
  public boolean sameAs(KeyHash other) {
    return constantTimeEquals(hex, other.hex);
  }

  static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }
}
