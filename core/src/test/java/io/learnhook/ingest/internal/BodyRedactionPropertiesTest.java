package io.learnhook.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The request log's body redaction, done on the bytes in place, redacts exactly the runs the text
 * redaction of answers redacts, and JSON-escaped runs too.
 */
class BodyRedactionPropertiesTest {
  @Provide
  Arbitrary<String> texts() {
    // Hex digits and dashes in runs of every length, among letters, Unicode and control characters
    // (no supplementary characters: jqwik would pick their surrogates apart).
    return Arbitraries.strings()
        .withChars("0123456789abcdefABCDEF-0123456789-xyz é€\n\t\u0001\b")
        .ofMaxLength(80);
  }

  @Property(tries = 2000)
  void redactsOnTheBytesWhatTheTextRedactionRedacts(@ForAll("texts") String text) {
    assertThat(inPlace(text)).isEqualTo(KeyRedaction.redact(text));
  }

  @Example
  void redactsAKeyWrittenWithJsonEscapes() {
    String escaped =
        "{\"k\":\"\\u0030\\u0066\\u0033\\u0063\\u0032\\u0061\\u0031\\u0062\\u002d\\u0039\\u0064"
            + "\\u0034\\u0065\"}";

    assertThat(inPlace(escaped)).isEqualTo("{\"k\":\"[redacted]\"}");
  }

  @Example
  void leavesEscapesOfOtherCharactersAlone() {
    String text = "{\"name\":\"Jos\\u00e9 \\u00e9\\u00e9\\u00e9\"}";

    assertThat(inPlace(text)).isEqualTo(text);
  }

  @Example
  void redactsARunShorterInBytesThanTheMarkWhereverItSits() {
    // Three raw control characters count 12 (JSON writes each as six characters, four of them hex).
    assertThat(inPlace("\u0001\u0001\u0001")).isEqualTo("[redacted]");
    assertThat(inPlace("ab\u0001\u0001\u0001 😀 0f3c2a1b-9d4e 😀"))
        .isEqualTo("[redacted] 😀 [redacted] 😀");
  }

  private static String inPlace(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return KeyRedaction.redactBody(bytes, bytes.length);
  }
}
