package io.learnhook.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written strict UTF-8 check answers as the JDK's own strict decoder does. */
class Utf8Test {

  @Property(tries = 5000)
  void findsMalformedUtf8ExactlyWhenTheJdksStrictDecoderRefusesTheBytes(
      @ForAll("nearlyUtf8") byte[] bytes) {
    assertThat(Utf8.firstMalformed(bytes) < 0).isEqualTo(jdkDecodes(bytes));
  }

  /**
   * Sequences of a lead byte and up to three continuation bytes, each picked around the boundaries
   * that matter (overlong forms, surrogates, past U+10FFFF, truncation), so most tries are close
   * calls.
   */
  @Provide
  Arbitrary<byte[]> nearlyUtf8() {
    Arbitrary<Integer> lead =
        Arbitraries.of(
            0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF,
            0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF);
    Arbitrary<Integer> continuation =
        Arbitraries.of(0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0);
    Arbitrary<byte[]> piece =
        Combinators.combine(lead, continuation.list().ofMaxSize(3))
            .as(
                (first, rest) -> {
                  byte[] bytes = new byte[1 + rest.size()];
                  bytes[0] = first.byteValue();
                  for (int i = 0; i < rest.size(); i++) {
                    bytes[i + 1] = rest.get(i).byteValue();
                  }
                  return bytes;
                });
    return piece
        .list()
        .ofMinSize(1)
        .ofMaxSize(3)
        .map(
            pieces -> {
              ByteArrayOutputStream out = new ByteArrayOutputStream();
              pieces.forEach(out::writeBytes);
              return out.toByteArray();
            });
  }

  private static boolean jdkDecodes(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
