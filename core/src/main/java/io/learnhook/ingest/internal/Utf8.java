package io.learnhook.ingest.internal;

/**
 * Strict UTF-8 (RFC 3629), which Jackson does not enforce: it decodes overlong forms ({@code C0 AF}
 * for {@code /}), encoded surrogates and code points past U+10FFFF into characters. A body that
 * holds them is not JSON text (RFC 8259 §8.1), and a filter that looked at its bytes would see
 * something else than the mapping reads, so it is refused as a whole.
 */
final class Utf8 {
  private Utf8() {}

  /**
   * Whether Jackson would read {@code body} as UTF-8: it reads UTF-16 and UTF-32 when a byte-order
   * mark or zero bytes among the first four say so, and those are checked by its own decoder.
   */
  static boolean readAsUtf8(byte[] body) {
    if (body.length >= 2
        && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
            || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE))) {
      return false;
    }
    for (int i = 0; i < Math.min(4, body.length); i++) {
      if (body[i] == 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The offset of the first byte that does not start a well-formed UTF-8 sequence; -1 when none.
   */
  static int firstMalformed(byte[] body) {
    int i = 0;
    int n = body.length;
    while (i < n) {
      int c = body[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int more;
      if (c >= 0xC2 && c <= 0xDF) {
        more = 1;
      } else if (c >= 0xE0 && c <= 0xEF) {
        more = 2;
      } else if (c >= 0xF0 && c <= 0xF4) {
        more = 3;
      } else {
        return i; // a continuation byte, C0/C1 (always overlong) or F5-FF (past U+10FFFF)
      }
      if (i + more >= n) {
        return i;
      }
      int second = body[i + 1] & 0xFF;
      if ((c == 0xE0 && second < 0xA0) // overlong three-byte form
          || (c == 0xED && second > 0x9F) // a surrogate, U+D800-U+DFFF
          || (c == 0xF0 && second < 0x90) // overlong four-byte form
          || (c == 0xF4 && second > 0x8F)) { // past U+10FFFF
        return i;
      }
      for (int k = 1; k <= more; k++) {
        if ((body[i + k] & 0xC0) != 0x80) {
          return i;
        }
      }
      i += more + 1;
    }
    return -1;
  }
}
