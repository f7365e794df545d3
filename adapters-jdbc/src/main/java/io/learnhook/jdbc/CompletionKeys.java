package io.learnhook.jdbc;

import io.learnhook.completion.Completion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The digests in {@code completions.event_key} and {@code completions.facts_key}: SHA-256, in
 * lowercase hex, of the values that make two completions the same ({@link Completion#sameAs}).
 *
 * <p>Each value is written as its UTF-8 length then its bytes, so that no two different tuples
 * encode alike ({@code ("ab","c")} and {@code ("a","bc")} differ); a leading tag keeps the two
 * kinds of key apart. Digests rather than the columns themselves: one 64-byte unique index fits
 * every database (MySQL limits an index to 3072 bytes), and compares bytes, never a collation's
 * idea of equal.
 */
final class CompletionKeys {
  private static final HexFormat HEX = HexFormat.of();

  private CompletionKeys() {}

  /** The event key, when the completion came from a webhook with an event id. */
  static Optional<String> eventKey(Completion completion) {
    if (completion.webhook().isEmpty() || completion.eventId().isEmpty()) {
      return Optional.empty();
    }
    MessageDigest sha256 = sha256();
    update(sha256, "event");
    update(sha256, completion.webhook().get().value());
    update(sha256, completion.eventId().get());
    return Optional.of(HEX.formatHex(sha256.digest()));
  }

  /** The key of company, user, item and completion time. */
  static String factsKey(Completion completion) {
    return digest(
        "facts",
        completion.company().value(),
        completion.user().value(),
        completion.item().value(),
        completion.completedAt());
  }

  private static String digest(String tag, String company, String user, String item, Instant time) {
    MessageDigest sha256 = sha256();
    update(sha256, tag);
    update(sha256, company);
    update(sha256, user);
    update(sha256, item);
    Instant micros = time.truncatedTo(ChronoUnit.MICROS);
    sha256.update(
        ByteBuffer.allocate(Long.BYTES + Integer.BYTES)
            .putLong(micros.getEpochSecond())
            .putInt(micros.getNano())
            .array());
    return HEX.formatHex(sha256.digest());
  }

  private static void update(MessageDigest digest, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
    digest.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
