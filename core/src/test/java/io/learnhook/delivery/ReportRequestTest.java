package io.learnhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.LearnHook;
import io.learnhook.completion.CompletionId;
import io.learnhook.directory.CompanyId;
import io.learnhook.spi.ReportTransport.ReportRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportRequestTest {
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final Instant NOW = Instant.parse("2021-02-26T00:22:10.999Z");
  private static final String BODY = "{\"test\": 2432232314}";

  private static final Delivery DELIVERY =
      Delivery.pending(
          DeliveryId.of("msg_p5jXN8AQM9LWM0D4loKWxJek"),
          SubscriptionId.of("s1"),
          ACME,
          CompletionId.of("c1"),
          BODY,
          NOW);

  private static ReportSubscription subscription() {
    return ReportSubscription.of(
        SubscriptionId.of("s1"), ACME, URI.create("https://x.test/in?t=1"));
  }

  @Test
  void sendsTheStandardWebhooksHeadersAndTheUserAgent() {
    ReportRequest request = ReportRequest.of(DELIVERY, subscription(), NOW);

    assertThat(request.headers())
        .containsEntry("Content-Type", "application/json")
        .containsEntry("User-Agent", "LearnHook/" + LearnHook.version())
        .containsEntry("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek")
        .containsEntry("webhook-timestamp", "1614298930")
        .doesNotContainKey("webhook-signature")
        .doesNotContainKey("Authorization");
    assertThat(LearnHook.version()).isNotBlank().doesNotContain("${");
    assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo(BODY);
    assertThat(request.callbackUrl()).isEqualTo(URI.create("https://x.test/in?t=1"));
  }

  @Test
  void signsWhenTheSubscriptionHasASecret() {
    ReportSubscription signed =
        subscription()
            .withSigningSecret(SigningSecret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));

    ReportRequest request = ReportRequest.of(DELIVERY, signed, Instant.ofEpochSecond(1614265330));

    assertThat(request.headers())
        .containsEntry("webhook-timestamp", "1614265330")
        .containsEntry("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void sendsTheAuthorizationExactlyAsWritten() {
    ReportRequest request =
        ReportRequest.of(DELIVERY, subscription().withAuthorization("Token  abc"), NOW);

    assertThat(request.headers()).containsEntry("Authorization", "Token  abc");
  }

  @Test
  void keepsTheSameWebhookIdOnEveryAttempt() {
    ReportRequest first = ReportRequest.of(DELIVERY, subscription(), NOW);
    ReportRequest retry = ReportRequest.of(DELIVERY, subscription(), NOW.plusSeconds(300));

    assertThat(retry.headers().get("webhook-id")).isEqualTo(first.headers().get("webhook-id"));
    assertThat(retry.headers().get("webhook-timestamp"))
        .isNotEqualTo(first.headers().get("webhook-timestamp"));
  }

  @Test
  void neverShowsTheAuthorizationOrSignatureInToString() {
    ReportRequest request =
        ReportRequest.of(
            DELIVERY,
            subscription()
                .withAuthorization("Token abc123")
                .withSigningSecret(SigningSecret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")),
            NOW);

    assertThat(request.toString())
        .doesNotContain("abc123")
        .doesNotContain(request.headers().get("webhook-signature"))
        .doesNotContain("t=1")
        .contains("msg_p5jXN8AQM9LWM0D4loKWxJek");
  }
}
