package io.learnhook.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The mapped fields' JSON text, as the request log keeps it, is exactly what the JSON tree prints.
 */
class MappedFieldsTextTest {

  @Test
  void writesExactlyWhatTheTreePrintsOverThousandsOfRandomFields() {
    Random random = new Random(20261205);
    for (int i = 0; i < 5_000; i++) {
      MappedFields fields =
          new MappedFields(
              text(random),
              Optional.of(text(random)),
              maybe(random, text(random)),
              maybe(random, text(random)),
              maybe(random, text(random)),
              maybe(random, random.nextLong() & Long.MAX_VALUE),
              maybe(random, decimal(random)),
              maybe(
                  random,
                  Instant.ofEpochSecond(
                      random.nextInt(2_000_000_000), random.nextInt(1_000_000_000))),
              maybe(random, text(random)));
      assertThat(fields.toJsonText()).isEqualTo(fields.toJson().toString());
    }
  }

  private static <T> Optional<T> maybe(Random random, T value) {
    return random.nextBoolean() ? Optional.of(value) : Optional.empty();
  }

  /** Text with quotes, backslashes, control characters, non-ASCII and surrogate pairs. */
  private static String text(Random random) {
    String[] parts = {
      "a", "Z", "9", "\"", "\\", "/", "\n", "\t", "\u0001", "\u001f", "\u007f", "é", "\u2028", "😀",
      " ", "<", "&"
    };
    StringBuilder text = new StringBuilder("x");
    int length = random.nextInt(12);
    for (int i = 0; i < length; i++) {
      text.append(parts[random.nextInt(parts.length)]);
    }
    return text.toString();
  }

  private static BigDecimal decimal(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> BigDecimal.ZERO;
      case 1 -> new BigDecimal("100.00");
      case 2 -> new BigDecimal(BigInteger.valueOf(random.nextInt(100_000)), random.nextInt(8) - 2);
      case 3 -> new BigDecimal("95.50");
      default -> BigDecimal.valueOf(random.nextInt(10_000), 2);
    };
  }
}
