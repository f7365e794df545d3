package io.learnhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final Optional<Duration> NO_RETRY_AFTER = Optional.empty();

  @Test
  void byDefaultRetriesThreeTimesFiveMinutesApartThenGivesUp() {
    RetryPolicy policy = RetryPolicy.defaults();

    assertThat(policy.delayAfterFailure(1, NO_RETRY_AFTER, 0.7)).contains(Duration.ofMinutes(5));
    assertThat(policy.delayAfterFailure(2, NO_RETRY_AFTER, 0.7)).contains(Duration.ofMinutes(5));
    assertThat(policy.delayAfterFailure(3, NO_RETRY_AFTER, 0.7)).contains(Duration.ofMinutes(5));
    assertThat(policy.delayAfterFailure(4, NO_RETRY_AFTER, 0.7)).isEmpty();
  }

  @Test
  void exponentialBackoffDoublesUpToItsMaximum() {
    RetryPolicy policy =
        RetryPolicy.exponential(6, Duration.ofSeconds(10), Duration.ofSeconds(60)).withJitter(0);

    assertThat(policy.delayAfterFailure(1, NO_RETRY_AFTER, 0.5)).contains(Duration.ofSeconds(10));
    assertThat(policy.delayAfterFailure(2, NO_RETRY_AFTER, 0.5)).contains(Duration.ofSeconds(20));
    assertThat(policy.delayAfterFailure(3, NO_RETRY_AFTER, 0.5)).contains(Duration.ofSeconds(40));
    assertThat(policy.delayAfterFailure(4, NO_RETRY_AFTER, 0.5)).contains(Duration.ofSeconds(60));
    assertThat(policy.delayAfterFailure(6, NO_RETRY_AFTER, 0.5)).contains(Duration.ofSeconds(60));
    assertThat(policy.delayAfterFailure(7, NO_RETRY_AFTER, 0.5)).isEmpty();
  }

  @Test
  void jitterOnlyShortensTheWaitByUpToItsFraction() {
    RetryPolicy policy =
        RetryPolicy.exponential(3, Duration.ofSeconds(100), Duration.ofSeconds(100))
            .withJitter(0.2);

    assertThat(policy.delayAfterFailure(1, NO_RETRY_AFTER, 0)).contains(Duration.ofSeconds(100));
    assertThat(policy.delayAfterFailure(1, NO_RETRY_AFTER, 0.5)).contains(Duration.ofSeconds(90));
    assertThat(policy.delayAfterFailure(1, NO_RETRY_AFTER, 0.999999))
        .contains(Duration.ofSeconds(80));
  }

  @Test
  void honoursRetryAfterWhenItAsksForLongerButNeverBeyondTheCap() {
    RetryPolicy policy =
        RetryPolicy.fixed(3, Duration.ofMinutes(5)).withRetryAfterCap(Duration.ofMinutes(30));

    assertThat(policy.delayAfterFailure(1, Optional.of(Duration.ofMinutes(12)), 0))
        .contains(Duration.ofMinutes(12));
    assertThat(policy.delayAfterFailure(1, Optional.of(Duration.ofSeconds(5)), 0))
        .contains(Duration.ofMinutes(5));
    assertThat(policy.delayAfterFailure(1, Optional.of(Duration.ofDays(3)), 0))
        .contains(Duration.ofMinutes(30));
    assertThat(policy.delayAfterFailure(4, Optional.of(Duration.ofMinutes(1)), 0))
        .as("Retry-After does not add retries")
        .isEmpty();
  }

  @Test
  void noRetriesMeansOneAttempt() {
    assertThat(RetryPolicy.fixed(0, Duration.ofMinutes(5)).delayAfterFailure(1, NO_RETRY_AFTER, 0))
        .isEmpty();
  }

  @Test
  void readsTheSeedFilesRetryObject() {
    assertThat(RetryPolicy.fromJson("{\"max_retries\":3,\"interval_seconds\":300}"))
        .isEqualTo(RetryPolicy.defaults());
    assertThat(RetryPolicy.fromJson("{}")).isEqualTo(RetryPolicy.defaults());
    assertThat(RetryPolicy.fromJson("{\"max_retries\":2,\"interval_seconds\":0.25}"))
        .isEqualTo(RetryPolicy.fixed(2, Duration.ofMillis(250)));
  }

  @Test
  void writesJsonThatReadsBackAsTheSamePolicy() {
    for (RetryPolicy policy :
        new RetryPolicy[] {
          RetryPolicy.defaults(),
          RetryPolicy.fixed(0, Duration.ZERO),
          RetryPolicy.fixed(5, Duration.ofMillis(1500)).withRetryAfterCap(Duration.ofHours(6)),
          RetryPolicy.exponential(10, Duration.ofSeconds(30), Duration.ofHours(2)).withJitter(0.35),
          RetryPolicy.exponential(1, Duration.ofMillis(1), Duration.ofMillis(1)).withJitter(1)
        }) {
      assertThat(RetryPolicy.fromJson(policy.toJson())).as(policy.toJson()).isEqualTo(policy);
    }
  }

  @Test
  void namesEveryBadKeyOfAJsonPolicy() {
    assertThatThrownBy(
            () ->
                RetryPolicy.fromJson(
                    "{\"backoff\":\"linear\",\"max_retries\":1.5,\"interval_seconds\":-1,\"jitter\":\"x\",\"tries\":3}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backoff")
        .hasMessageContaining("max_retries")
        .hasMessageContaining("interval_seconds")
        .hasMessageContaining("jitter")
        .hasMessageContaining("tries: unknown key");
  }

  @Test
  void refusesImpossiblePolicies() {
    assertThatThrownBy(() -> RetryPolicy.fixed(101, Duration.ofMinutes(1)))
        .hasMessageContaining("max_retries");
    assertThatThrownBy(() -> RetryPolicy.fixed(3, Duration.ofMinutes(-1)))
        .hasMessageContaining("interval");
    assertThatThrownBy(
            () -> RetryPolicy.exponential(3, Duration.ofMinutes(5), Duration.ofMinutes(1)))
        .hasMessageContaining("max_interval");
    assertThatThrownBy(() -> RetryPolicy.defaults().withJitter(1.5)).hasMessageContaining("jitter");
  }
}
