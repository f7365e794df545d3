package io.learnhook.webhook;

import io.learnhook.internal.Preconditions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The stored form of a {@link WebhookKey}: the lowercase hex SHA-256 of the key.
 *
 * <p>A plain (unsalted, fast) hash is enough here because keys are 122-bit random UUIDs, not
 * passwords: nobody can guess one from its hash, and a deterministic hash lets storage find the
 * webhook through an index instead of comparing every stored key.
 */
public record KeyHash(String hex) {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public KeyHash {
    Preconditions.requireText(hex, "key hash");
    if (!SHA256_HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("a key hash is 64 lowercase hex digits");
    }
  }

  /** Hashes a key. */
  public static KeyHash of(WebhookKey key) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha256.digest(key.reveal().getBytes(StandardCharsets.US_ASCII));
      return new KeyHash(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Whether {@code key} hashes to this, compared in time that does not depend on where they differ. */
  public boolean matches(WebhookKey key) {
    return constantTimeEquals(hex, of(key).hex);
  }

  /** Whether {@code other} is the same hash, compared in time that does not depend on where they differ. */
  public boolean sameAs(KeyHash other) {
    return constantTimeEquals(hex, other.hex);
  }

  static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }
}
