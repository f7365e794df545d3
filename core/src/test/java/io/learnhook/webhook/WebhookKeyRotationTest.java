package io.learnhook.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.directory.CompanyId;
import io.learnhook.mapping.FieldMapping;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Webhook#acceptsKey}: the one rule of which keys authenticate a webhook, and when. */
class WebhookKeyRotationTest {
  private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
  private final WebhookKey oldKey = WebhookKey.generate();
  private final WebhookKey newKey = WebhookKey.generate();
  private final Webhook webhook =
      new Webhook(
          WebhookId.of("w1"),
          CompanyId.of("acme"),
          "KnowBe4",
          oldKey.hash(),
          FieldMapping.parse("{\"email\":\"user.email\",\"slug\":\"slug\"}"),
          Optional.empty(),
          T0,
          T0);

  @Test
  void acceptsItsCurrentKeyAlwaysAndNoOtherKey() {
    assertThat(webhook.acceptsKey(oldKey.hash(), T0.plus(Duration.ofDays(3650)))).isTrue();
    assertThat(webhook.acceptsKey(newKey.hash(), T0)).isFalse();
  }

  @Test
  void oldKeyStopsWorkingAtOnceWithoutAGracePeriod() {
    Webhook rotated = webhook.withRotatedKey(newKey.hash(), T0, Duration.ZERO);

    assertThat(rotated.acceptsKey(oldKey.hash(), T0)).isFalse();
    assertThat(rotated.acceptsKey(newKey.hash(), T0)).isTrue();
    assertThat(rotated.previousKey()).isEmpty();
    assertThat(rotated.keyRotatedAt()).isEqualTo(T0);
  }

  @Test
  void oldKeyWorksUntilTheGracePeriodEndsAndNotAtItsEnd() {
    Webhook rotated = webhook.withRotatedKey(newKey.hash(), T0, Duration.ofHours(1));

    assertThat(rotated.acceptsKey(oldKey.hash(), T0.plus(Duration.ofMinutes(59)))).isTrue();
    assertThat(rotated.acceptsKey(oldKey.hash(), T0.plus(Duration.ofHours(1)))).isFalse();
    assertThat(rotated.acceptsKey(newKey.hash(), T0.plus(Duration.ofHours(2)))).isTrue();
  }

  @Test
  void keepsOnlyOnePreviousKey() {
    WebhookKey third = WebhookKey.generate();

    Webhook twice =
        webhook
            .withRotatedKey(newKey.hash(), T0, Duration.ofHours(1))
            .withRotatedKey(third.hash(), T0.plusSeconds(60), Duration.ofHours(1));

    assertThat(twice.acceptsKey(oldKey.hash(), T0.plusSeconds(61))).isFalse();
    assertThat(twice.acceptsKey(newKey.hash(), T0.plusSeconds(61))).isTrue();
  }

  @Test
  void refusesANegativeGracePeriodAndAPreviousKeyEqualToTheCurrentOne() {
    assertThatThrownBy(() -> webhook.withRotatedKey(newKey.hash(), T0, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> webhook.withRotatedKey(oldKey.hash(), T0, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
