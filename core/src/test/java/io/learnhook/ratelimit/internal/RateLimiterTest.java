package io.learnhook.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.MovableClock;
import io.learnhook.directory.CompanyId;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.ratelimit.RateLimits;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.Webhook.RateLimit;
import io.learnhook.webhook.Webhook.RateLimitSetting;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
  private final MovableClock clock = new MovableClock(START);

  @Test
  void letsABurstThroughAtOnceThenRefusesSayingWhenToRetry() {
    RateLimiter limiter = new RateLimiter(RateLimits.of(RateLimit.perSecond(1, 3)), clock);
    Webhook acme = webhook("w-acme");

    assertThat(limiter.tryAcquire(acme)).isEmpty();
    assertThat(limiter.tryAcquire(acme)).isEmpty();
    assertThat(limiter.tryAcquire(acme)).isEmpty();
    Optional<RateLimiter.Refusal> fourth = limiter.tryAcquire(acme);

    assertThat(fourth).isPresent();
    assertThat(fourth.get().retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(fourth.get().limit()).isEqualTo(RateLimit.perSecond(1, 3));
  }

  @Test
  void refillsAtTheSustainedRate() {
    RateLimiter limiter = new RateLimiter(RateLimits.of(RateLimit.perSecond(2, 2)), clock);
    Webhook acme = webhook("w-acme");
    drain(limiter, acme, 2);

    clock.advance(Duration.ofMillis(499));
    assertThat(limiter.tryAcquire(acme)).as("half a token short").isPresent();
    clock.advance(Duration.ofMillis(1));
    assertThat(limiter.tryAcquire(acme)).as("one token after 500 ms at 2/s").isEmpty();
    assertThat(limiter.tryAcquire(acme)).isPresent();

    clock.advance(Duration.ofHours(1));
    assertThat(drain(limiter, acme, 3)).as("never more than the burst").isEqualTo(2);
  }

  @Test
  void retryAfterIsTheWaitForOneTokenRoundedUpToWholeSeconds() {
    RateLimiter limiter = new RateLimiter(RateLimits.of(RateLimit.perMinute(15, 1)), clock);
    Webhook acme = webhook("w-acme");
    limiter.tryAcquire(acme);

    assertThat(limiter.tryAcquire(acme).get().retryAfterSeconds()).isEqualTo(4);
    clock.advance(Duration.ofMillis(1500));
    assertThat(limiter.tryAcquire(acme).get().retryAfterSeconds()).isEqualTo(3);
    clock.advance(Duration.ofMillis(2499));
    assertThat(limiter.tryAcquire(acme).get().retryAfterSeconds())
        .as("never 0: a sender told 0 would retry at once")
        .isEqualTo(1);
  }

  @Test
  void limitsEachWebhookOnItsOwn() {
    RateLimiter limiter = new RateLimiter(RateLimits.of(RateLimit.perSecond(1, 1)), clock);

    assertThat(limiter.tryAcquire(webhook("w-acme"))).isEmpty();
    assertThat(limiter.tryAcquire(webhook("w-acme"))).isPresent();
    assertThat(limiter.tryAcquire(webhook("w-globex"))).isEmpty();
  }

  @Test
  void appliesOverridesByWebhookIdAndCanLeaveOneUnlimited() {
    RateLimits limits =
        RateLimits.of(RateLimit.perSecond(1, 1))
            .withLimit(WebhookId.of("w-bulk"), RateLimit.perSecond(1, 5))
            .withoutLimit(WebhookId.of("w-internal"));
    RateLimiter limiter = new RateLimiter(limits, clock);

    assertThat(drain(limiter, webhook("w-acme"), 10)).isEqualTo(1);
    assertThat(drain(limiter, webhook("w-bulk"), 10)).isEqualTo(5);
    assertThat(drain(limiter, webhook("w-internal"), 1000)).isEqualTo(1000);
  }

  @Test
  void asksAFunctionOfTheWebhookOnEveryCall() {
    RateLimits byCompany =
        RateLimits.perWebhook(
            w ->
                w.company().equals(CompanyId.of("big"))
                    ? Optional.of(RateLimit.perSecond(1, 4))
                    : Optional.empty());
    RateLimiter limiter = new RateLimiter(byCompany, clock);

    assertThat(drain(limiter, webhook("w-1", "big"), 10)).isEqualTo(4);
    assertThat(drain(limiter, webhook("w-2", "small"), 50)).isEqualTo(50);
  }

  @Test
  void aLimitChangedForAWebhookAppliesToItsNextCallKeepingWhatItUsed() {
    RateLimit[] current = {RateLimit.perSecond(1, 10)};
    RateLimiter limiter =
        new RateLimiter(RateLimits.perWebhook(w -> Optional.of(current[0])), clock);
    Webhook acme = webhook("w-acme");
    drain(limiter, acme, 8);

    current[0] = RateLimit.perSecond(1, 3);

    assertThat(drain(limiter, acme, 10))
        .as("2 tokens were left of 10; the new burst is 3")
        .isEqualTo(2);
  }

  @Test
  void appliesTheWebhooksOwnLimitBeforeTheDefaultAndTheFunctionButAfterAnOverride() {
    Webhook own = webhook("w-own").withRateLimit(Optional.of(setting(RateLimit.perSecond(1, 3))));
    Webhook ownOff = webhook("w-off").withRateLimit(Optional.of(RateLimitSetting.off()));
    Webhook overridden =
        webhook("w-overridden").withRateLimit(Optional.of(setting(RateLimit.perSecond(1, 3))));
    RateLimits limits =
        RateLimits.of(RateLimit.perSecond(1, 1))
            .withLimit(WebhookId.of("w-overridden"), RateLimit.perSecond(1, 7));
    RateLimiter limiter = new RateLimiter(limits, clock);

    assertThat(drain(limiter, own, 10)).isEqualTo(3);
    assertThat(drain(limiter, ownOff, 1000)).isEqualTo(1000);
    assertThat(drain(limiter, overridden, 10)).as("the operator's override wins").isEqualTo(7);
    assertThat(drain(limiter, webhook("w-plain"), 10)).isEqualTo(1);
    assertThat(
            new RateLimiter(RateLimits.perWebhook(w -> Optional.empty()), clock)
                .tryAcquire(own.withRateLimit(Optional.of(setting(RateLimit.perMinute(1, 1))))))
        .as("before the function")
        .isEmpty();
  }

  @Test
  void aLimitDividedAmongNodesGivesEachNodeItsShareRoundingTheBurstUp() {
    Webhook own =
        webhook("w-own").withRateLimit(Optional.of(setting(RateLimit.perSecond(30, 100))));
    RateLimiter oneOfThree =
        new RateLimiter(RateLimits.of(RateLimit.perSecond(9, 10)).dividedAmong(3), clock);

    assertThat(drain(oneOfThree, own, 100)).as("ceil(100 / 3)").isEqualTo(34);
    assertThat(drain(oneOfThree, webhook("w-default"), 100)).as("ceil(10 / 3)").isEqualTo(4);
    clock.advance(Duration.ofSeconds(1));
    assertThat(drain(oneOfThree, own, 100)).as("30 / 3 a second").isEqualTo(10);
    assertThat(RateLimit.perSecond(1, 1).dividedAmong(4)).isEqualTo(RateLimit.perSecond(0.25, 1));
    assertThatThrownBy(() -> RateLimits.defaults().dividedAmong(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void offLetsEveryCallThrough() {
    RateLimiter limiter = new RateLimiter(RateLimits.off(), clock);

    assertThat(drain(limiter, webhook("w-acme"), 10_000)).isEqualTo(10_000);
    assertThat(limiter.size()).isZero();
  }

  @Test
  void saysWhichRefusalIsTheFirstOfARunSoThatOnlyItIsLogged() {
    RateLimiter limiter = new RateLimiter(RateLimits.of(RateLimit.perSecond(1, 1)), clock);
    Webhook acme = webhook("w-acme");
    limiter.tryAcquire(acme);

    assertThat(limiter.tryAcquire(acme).get().firstInARow()).isTrue();
    assertThat(limiter.tryAcquire(acme).get().firstInARow()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.tryAcquire(acme)).isEmpty();
    assertThat(limiter.tryAcquire(acme).get().firstInARow()).isTrue();
  }

  @Test
  void aClockThatGoesBackGrantsNothing() {
    RateLimiter limiter = new RateLimiter(RateLimits.of(RateLimit.perSecond(1, 1)), clock);
    Webhook acme = webhook("w-acme");
    clock.advance(Duration.ofSeconds(10));
    limiter.tryAcquire(acme);

    clock.set(START);
    assertThat(limiter.tryAcquire(acme)).isPresent();
    clock.set(START.plusSeconds(10));
    assertThat(limiter.tryAcquire(acme)).as("the clock is back where it was").isPresent();
    clock.set(START.plusSeconds(11));
    assertThat(limiter.tryAcquire(acme)).isEmpty();
  }

  @Test
  void forgetsTheBucketsOfWebhooksIdleLongEnoughToRefill() {
    RateLimiter limiter = new RateLimiter(RateLimits.of(RateLimit.perSecond(50, 200)), clock);
    for (int i = 0; i < 1000; i++) {
      limiter.tryAcquire(webhook("w-" + i));
    }
    assertThat(limiter.size()).isEqualTo(1000);

    clock.advance(Duration.ofMillis(19));
    limiter.sweep();
    assertThat(limiter.size()).as("each still misses a token for 1 ms").isEqualTo(1000);
    clock.advance(Duration.ofMillis(1));
    limiter.sweep();
    assertThat(limiter.size()).isZero();
  }

  @Test
  void sweepsByItselfSoThatMemoryStaysBoundedWithManyWebhooks() {
    RateLimiter limiter = new RateLimiter(RateLimits.of(RateLimit.perSecond(50, 200)), clock);
    for (int round = 0; round < 20; round++) {
      for (int i = 0; i < 1000; i++) {
        // Deleted webhooks are never heard of again: new ids every round.
        limiter.tryAcquire(webhook("w-" + round + "-" + i));
      }
      clock.advance(Duration.ofSeconds(5));
    }

    assertThat(limiter.size())
        .as("20,000 webhooks heard of, buckets held")
        .isLessThanOrEqualTo(2 * 1024);
  }

  @Test
  void neverLetsMoreThanTheBurstThroughFromManyThreadsAtOnce() throws Exception {
    RateLimiter limiter = new RateLimiter(RateLimits.of(RateLimit.perSecond(50, 200)), clock);
    Webhook acme = webhook("w-acme");
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        tasks.add(() -> drain(limiter, acme, 500));
      }
      int passed = 0;
      for (Future<Integer> result : threads.invokeAll(tasks)) {
        passed += result.get();
      }
      assertThat(passed).isEqualTo(200);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void refusesRatesThatCannotWork() {
    assertThatThrownBy(() -> RateLimit.perSecond(0, 1)).hasMessageContaining("positive");
    assertThatThrownBy(() -> RateLimit.perSecond(Double.NaN, 1)).hasMessageContaining("positive");
    assertThatThrownBy(() -> RateLimit.perSecond(1, 0)).hasMessageContaining("at least 1");
  }

  @Test
  void defaultsAreFiftyASecondWithBurstsOfTwoHundred() {
    assertThat(RateLimits.defaults().limitFor(webhook("w-acme")))
        .contains(RateLimit.perSecond(50, 200));
    assertThat(RateLimit.perSecond(50, 200)).hasToString("50 per second with bursts of 200");
    assertThat(RateLimit.perMinute(1, 1)).hasToString("1 per minute with bursts of 1");
    assertThat(RateLimit.perSecond(2.5, 10)).hasToString("2.5 per second with bursts of 10");
  }

  private static RateLimitSetting setting(RateLimit limit) {
    return RateLimitSetting.of(limit);
  }

  /** Calls up to {@code times} times; how many were let through. */
  private static int drain(RateLimiter limiter, Webhook webhook, int times) {
    int passed = 0;
    for (int i = 0; i < times; i++) {
      if (limiter.tryAcquire(webhook).isEmpty()) {
        passed++;
      }
    }
    return passed;
  }

  private static Webhook webhook(String id) {
    return webhook(id, "acme");
  }

  private static Webhook webhook(String id, String company) {
    return new Webhook(
        WebhookId.of(id),
        CompanyId.of(company),
        id,
        WebhookKey.generate().hash(),
        FieldMapping.parse("{\"email\":\"user.email\"}"),
        Optional.empty(),
        START,
        START);
  }
}
