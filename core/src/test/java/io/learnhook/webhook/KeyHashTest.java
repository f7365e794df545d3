package io.learnhook.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Keys are stored as their SHA-256 and compared in constant time ({@code MessageDigest.isEqual},
 * which looks at every byte whatever the first difference). That the time is the same wherever two
 * hashes differ is measured, not asserted here: {@code KeyCompareBenchmark} in the benchmarks
 * module.
 */
class KeyHashTest {
  private static final WebhookKey KEY = WebhookKey.of("acedbeef-5c4d-4b7a-9e10-2d6f8c9b7a41");

  @Test
  void isTheLowercaseHexSha256OfTheKeysText() throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest(KEY.reveal().getBytes(StandardCharsets.US_ASCII));

    assertThat(KEY.hash().hex()).isEqualTo(HexFormat.of().formatHex(digest));
  }

  @Test
  void matchesTheKeyItWasMadeFromWhateverItsCaseAndNoOther() {
    KeyHash stored = KEY.hash();

    assertThat(stored.matches(WebhookKey.of(KEY.reveal().toUpperCase()))).isTrue();
    assertThat(stored.matches(WebhookKey.of("acedbeef-5c4d-4b7a-9e10-2d6f8c9b7a42"))).isFalse();
  }

  @Test
  void tellsHashesApartWhereverTheyDifferFirstCharacterOrLast() {
    KeyHash stored = KEY.hash();
    KeyHash first = new KeyHash(flip(stored.hex(), 0));
    KeyHash last = new KeyHash(flip(stored.hex(), 63));

    assertThat(stored.sameAs(new KeyHash(stored.hex()))).isTrue();
    assertThat(stored.sameAs(first)).isFalse();
    assertThat(stored.sameAs(last)).isFalse();
  }

  @Test
  void comparesKeysThemselvesInConstantTimeToo() {
    assertThat(KEY).isEqualTo(WebhookKey.of(KEY.reveal()));
    assertThat(KEY).isNotEqualTo(WebhookKey.of("acedbeef-5c4d-4b7a-9e10-2d6f8c9b7a42"));
    assertThat(KeyHash.constantTimeEquals("abc", "abd")).isFalse();
    assertThat(KeyHash.constantTimeEquals("abc", "abcd")).isFalse();
  }

  @Test
  void neverShowsTheKeyInItsTextForm() {
    assertThat(KEY.toString()).isEqualTo("WebhookKey[redacted]").doesNotContain(KEY.reveal());
  }

  private static String flip(String hex, int at) {
    char c = hex.charAt(at) == '0' ? '1' : '0';
    return hex.substring(0, at) + c + hex.substring(at + 1);
  }
}
