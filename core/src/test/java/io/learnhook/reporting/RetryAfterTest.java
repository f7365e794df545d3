package io.learnhook.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

  @Test
  void readsSeconds() {
    assertThat(RetryAfter.parse(Optional.of("120"), NOW)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(Optional.of(" 0 "), NOW)).contains(Duration.ZERO);
  }

  @Test
  void readsAnHttpDate() {
    assertThat(RetryAfter.parse(Optional.of("Wed, 21 Oct 2015 07:30:00 GMT"), NOW))
        .contains(Duration.ofMinutes(2));
  }

  @Test
  void readsADateInThePastAsNow() {
    assertThat(RetryAfter.parse(Optional.of("Wed, 21 Oct 2015 07:00:00 GMT"), NOW))
        .contains(Duration.ZERO);
  }

  @Test
  void ignoresWhatItCannotRead() {
    assertThat(RetryAfter.parse(Optional.of("soon"), NOW)).isEmpty();
    assertThat(RetryAfter.parse(Optional.of("-5"), NOW)).isEmpty();
    assertThat(RetryAfter.parse(Optional.of(""), NOW)).isEmpty();
    assertThat(RetryAfter.parse(Optional.empty(), NOW)).isEmpty();
  }

  @Test
  void readsAnAbsurdlyLargeNumberAsVeryLongForTheCapToCut() {
    assertThat(RetryAfter.parse(Optional.of("99999999999999999999999"), NOW).orElseThrow())
        .isGreaterThan(Duration.ofDays(365));
  }
}
