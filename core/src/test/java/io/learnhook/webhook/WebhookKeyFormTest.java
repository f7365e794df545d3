package io.learnhook.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written checks of a key's and a key hash's form accept exactly what the regexes they
 * replaced accepted, on generated texts that are mostly near misses.
 */
class WebhookKeyFormTest {
  private static final Pattern UUID_FORM =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  // Hex digits, their neighbours in ASCII, and look-alikes outside ASCII that a Unicode-aware check
  // might take for digits or letters.
  private static final char[] ALPHABET =
      "0123456789abcdefABCDEFgGzZ-/:@`[{ _\t\u0660\u0669\uff10\uff21\uff41\u00e9\u212a"
          .toCharArray();
  private static final int CASES = 50_000;

  @Test
  void keyFormAcceptsExactlyWhatTheRegexAccepted() {
    Random random = new Random(7);
    int accepted = 0;
    for (int i = 0; i < CASES; i++) {
      String text = candidate(random, randomUuid(random), 36);
      boolean expected = UUID_FORM.matcher(text).matches();
      assertThat(WebhookKey.isUuidForm(text)).as("%s", text).isEqualTo(expected);
      String padded = (random.nextBoolean() ? " " : "") + text + (random.nextBoolean() ? "\n" : "");
      String stripped = padded.strip();
      assertThat(WebhookKey.parse(padded).map(WebhookKey::reveal))
          .as("%s", text)
          .isEqualTo(
              UUID_FORM.matcher(stripped).matches()
                  ? Optional.of(stripped.toLowerCase(Locale.ROOT))
                  : Optional.empty());
      accepted += expected ? 1 : 0;
    }
    assertThat(accepted)
        .as("the generator also makes valid keys")
        .isBetween(CASES / 10, CASES * 9 / 10);
  }

  @Test
  void hashFormAcceptsExactlyWhatTheRegexAccepted() {
    Random random = new Random(11);
    int accepted = 0;
    for (int i = 0; i < CASES; i++) {
      String valid = KeyHash.of(WebhookKey.of(randomUuid(random))).hex();
      String text = candidate(random, valid, 64);
      boolean expected = SHA256_HEX.matcher(text).matches();
      assertThat(KeyHash.isSha256Hex(text)).as("%s", text).isEqualTo(expected);
      if (expected) {
        assertThat(new KeyHash(text).hex()).isEqualTo(text);
      } else if (!text.isBlank()) {
        assertThatThrownBy(() -> new KeyHash(text)).isInstanceOf(IllegalArgumentException.class);
      }
      accepted += expected ? 1 : 0;
    }
    assertThat(accepted)
        .as("the generator also makes valid hashes")
        .isBetween(CASES / 10, CASES * 9 / 10);
  }

  @Test
  void hashIsStillTheSha256OfTheKeyOnEveryThread() throws Exception {
    String key = UUID.randomUUID().toString();
    String expected =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    String[] seen = new String[4];
    Thread[] threads = new Thread[seen.length];
    for (int t = 0; t < threads.length; t++) {
      int slot = t;
      threads[t] =
          new Thread(
              () -> {
                String last = null;
                for (int i = 0; i < 1_000; i++) {
                  KeyHash.of(WebhookKey.of(UUID.randomUUID().toString()));
                  last = KeyHash.of(WebhookKey.of(key)).hex();
                  if (!last.equals(expected)) {
                    break;
                  }
                }
                seen[slot] = last;
              });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(seen).containsOnly(expected);
  }

  /** {@code valid} as is, or bent: a character replaced, dropped, added, or the length changed. */
  private static String candidate(Random random, String valid, int length) {
    StringBuilder text = new StringBuilder(valid);
    int edits = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(2);
    for (int e = 0; e < edits; e++) {
      int kind = random.nextInt(10);
      int at = text.length() == 0 ? 0 : random.nextInt(text.length());
      char c = ALPHABET[random.nextInt(ALPHABET.length)];
      if (kind < 6 && text.length() > 0) {
        text.setCharAt(at, c);
      } else if (kind < 8 && text.length() > 0) {
        text.deleteCharAt(at);
      } else {
        text.insert(at, c);
      }
    }
    if (random.nextInt(50) == 0) {
      StringBuilder any = new StringBuilder();
      for (int i = 0; i < length; i++) {
        any.append(ALPHABET[random.nextInt(ALPHABET.length)]);
      }
      return any.toString();
    }
    return text.toString();
  }

  private static String randomUuid(Random random) {
    String text = new UUID(random.nextLong(), random.nextLong()).toString();
    StringBuilder mixed = new StringBuilder(text);
    for (int i = 0; i < mixed.length(); i++) {
      if (random.nextInt(4) == 0) {
        mixed.setCharAt(i, Character.toUpperCase(mixed.charAt(i)));
      }
    }
    return mixed.toString();
  }
}
