package io.learnhook.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A subscription's signing secret, in the Standard Webhooks form: {@code whsec_} followed by the
 * base64 of 24 to 64 random bytes. With one, every report carries {@code webhook-signature:
 * v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">}, which any Standard
 * Webhooks library verifies (https://www.standardwebhooks.com/, "Signature scheme").
 *
 * <p>Its {@link #toString()} never shows the secret; {@link #reveal()} does, for storage and for
 * showing it once to the subscriber.
 */
public final class SigningSecret {
  /** The prefix Standard Webhooks puts before the base64 of the key. */
  public static final String PREFIX = "whsec_";

  static final int MIN_BYTES = 24;
  static final int MAX_BYTES = 64;
  private static final int GENERATED_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;

  private SigningSecret(byte[] key) {
    this.key = key;
  }

  /**
   * Reads a secret written as {@code whsec_<base64>}.
   *
   * @throws IllegalArgumentException saying what is wrong, never quoting the secret
   */
  public static SigningSecret of(String text) {
    return parse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "a signing secret is '"
                        + PREFIX
                        + "' followed by the base64 of "
                        + MIN_BYTES
                        + " to "
                        + MAX_BYTES
                        + " bytes"));
  }

  /**
   * The secret written in {@code text}, or empty when it is not of the form {@code whsec_<base64>}.
   */
  public static Optional<SigningSecret> parse(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      return Optional.empty();
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
      return Optional.empty();
    }
    return Optional.of(new SigningSecret(key));
  }

  /** A new random secret of 32 bytes. */
  public static SigningSecret generate() {
    byte[] key = new byte[GENERATED_BYTES];
    RANDOM.nextBytes(key);
    return new SigningSecret(key);
  }

  /** The secret as {@code whsec_<base64>}: store it, or show it once to the subscriber. */
  public String reveal() {
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /**
   * The {@code webhook-signature} value for a message: {@code v1,} and the base64 of HMAC-SHA256
   * over {@code id + "." + timestamp + "." + body}, with the body's exact bytes.
   *
   * @param id the {@code webhook-id}
   * @param timestampSeconds the {@code webhook-timestamp}, in seconds since the epoch
   * @param body the request body, byte for byte as sent
   */
  public String sign(String id, long timestampSeconds, byte[] body) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(body, "body");
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime provides HmacSHA256", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SigningSecret that && MessageDigest.isEqual(key, that.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return PREFIX + "[redacted]";
  }
}
