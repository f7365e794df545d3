package io.learnhook.http.ingest;

import static io.learnhook.http.ingest.EndpointFixture.ACME_KEY;
import static io.learnhook.http.ingest.EndpointFixture.ACME_WEBHOOK;
import static io.learnhook.http.ingest.EndpointFixture.GLOBEX;
import static io.learnhook.http.ingest.EndpointFixture.GLOBEX_KEY;
import static io.learnhook.http.ingest.EndpointFixture.NOW;
import static io.learnhook.http.ingest.EndpointFixture.payload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.ratelimit.RateLimits;
import io.learnhook.ratelimit.RateLimits.RateLimit;
import io.learnhook.testkit.MutableClock;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The incoming endpoint limits each webhook's calls, right after the key is accepted. */
class RateLimitedEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UNKNOWN = "Bearer 99999999-9999-4999-8999-999999999999";

  private final MutableClock clock = MutableClock.at(NOW);
  private final EndpointFixture fixture =
      new EndpointFixture(RateLimits.of(RateLimit.perSecond(1, 2)), clock);

  @Test
  void answers429WithRetryAfterAndAJsonErrorOnceTheBurstIsSpent() throws Exception {
    assertThat(fixture.post(payload("ann@acme.test", "1000")).status()).isEqualTo(201);
    assertThat(fixture.post(payload("ann@acme.test", "1000")).status()).isEqualTo(200);

    EndpointResponse refused = fixture.post(payload("ann@acme.test", "1000"));

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.headers()).containsEntry("Retry-After", "1");
    assertThat(JSON.readTree(refused.bodyText()).get("error").asText())
        .isEqualTo(
            "Too many requests for this webhook: its rate limit is 1 per second with bursts of 2"
                + " (RateLimits). Retry after 1 second.");
  }

  @Test
  void letsTheWebhookCallAgainOnceItsBucketRefills() {
    spend(2);
    assertThat(fixture.post(payload("ann@acme.test", "1000")).status()).isEqualTo(429);

    clock.advance(Duration.ofSeconds(1));

    assertThat(fixture.post(payload("ann@acme.test", "1000")).status()).isEqualTo(201);
  }

  @Test
  void aBadKeyIsStill401AndNeverTakesFromAnyBucket() {
    for (int i = 0; i < 10; i++) {
      assertThat(fixture.post(UNKNOWN, "", payload("ann@acme.test", "1000")).status())
          .isEqualTo(401);
      assertThat(fixture.post(null, "", payload("ann@acme.test", "1000")).status()).isEqualTo(401);
    }

    assertThat(fixture.post(payload("ann@acme.test", "1000")).status()).isEqualTo(201);
    assertThat(fixture.post(payload("ann@acme.test", "1000")).status()).isEqualTo(200);
  }

  @Test
  void aKeyOfAnotherTenantIsStill401AndTakesNothingFromItsWebhooksBucket() {
    for (int i = 0; i < 10; i++) {
      EndpointResponse response =
          new IncomingWebhookEndpoint(fixture.learnHook.ingest())
              .handle(request(ACME_KEY.reveal()).forTenant(GLOBEX));
      assertThat(response.status()).isEqualTo(401);
    }

    assertThat(fixture.post(payload("ann@acme.test", "1000")).status()).isEqualTo(201);
  }

  @Test
  void anOverLimitWebhookLeavesOtherWebhooksAlone() {
    spend(2);
    assertThat(fixture.post(payload("ann@acme.test", "1000")).status()).isEqualTo(429);

    EndpointResponse globex =
        fixture.post("Bearer " + GLOBEX_KEY.reveal(), "", payload("gina@globex.test", "1000"));

    assertThat(globex.status()).isEqualTo(201);
  }

  @Test
  void checksTheRateBeforeTheIntegrationSwitchAndTheBody() {
    spend(2);

    EndpointResponse response = fixture.post("not json at all");

    assertThat(response.status()).isEqualTo(429);
    assertThat(fixture.learnHook.requestLog(ACME_WEBHOOK, 10))
        .as("a refused flood costs no write: only the two calls let through are logged")
        .hasSize(2);
  }

  @Test
  void dryRunsCountTowardsTheLimitToo() {
    assertThat(
            fixture
                .post(
                    "Bearer " + ACME_KEY.reveal(), "dry_run=true", payload("ann@acme.test", "1000"))
                .status())
        .isEqualTo(200);
    assertThat(
            fixture
                .post(
                    "Bearer " + ACME_KEY.reveal(), "dry_run=true", payload("ann@acme.test", "1000"))
                .status())
        .isEqualTo(200);

    assertThat(
            fixture
                .post(
                    "Bearer " + ACME_KEY.reveal(), "dry_run=true", payload("ann@acme.test", "1000"))
                .status())
        .isEqualTo(429);
  }

  @Test
  void isOnByDefaultAtFiftyASecondWithBurstsOfTwoHundred() {
    EndpointFixture defaults = new EndpointFixture(RateLimits.defaults(), clock);
    int passed = 0;
    for (int i = 0; i < 250; i++) {
      if (defaults.post(payload("ann@acme.test", "1000")).status() != 429) {
        passed++;
      }
    }
    assertThat(passed).isEqualTo(200);

    clock.advance(Duration.ofSeconds(1));
    passed = 0;
    for (int i = 0; i < 100; i++) {
      if (defaults.post(payload("ann@acme.test", "1000")).status() != 429) {
        passed++;
      }
    }
    assertThat(passed).isEqualTo(50);
  }

  private void spend(int calls) {
    for (int i = 0; i < calls; i++) {
      assertThat(fixture.post(payload("ann@acme.test", "1000")).status()).isLessThan(400);
    }
  }

  private static IncomingRequest request(String key) {
    byte[] body =
        payload("ann@acme.test", "1000").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return IncomingRequest.of(
        Optional.of("Bearer " + key),
        "",
        OptionalLong.of(body.length),
        new ByteArrayInputStream(body));
  }
}
