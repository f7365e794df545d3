package io.learnhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.directory.CompanyId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportSubscriptionTest {
  private static final CompanyId ACME = CompanyId.of("acme");

  private static ReportSubscription at(String url) {
    return ReportSubscription.of(SubscriptionId.of("s1"), ACME, URI.create(url));
  }

  @Test
  void aRotatedOutSecretSignsUntilItsGraceEndsExclusive() {
    Instant now = Instant.parse("2026-03-01T09:00:00Z");
    SigningSecret old = SigningSecret.generate();
    SigningSecret next = SigningSecret.generate();

    ReportSubscription rotated =
        at("https://x.test/h")
            .withSigningSecret(old)
            .withRotatedSigningSecret(next, now, Duration.ofMinutes(10));

    assertThat(rotated.signingSecretsAt(now)).containsExactly(next, old);
    assertThat(rotated.signingSecretsAt(now.plusSeconds(599))).containsExactly(next, old);
    assertThat(rotated.signingSecretsAt(now.plusSeconds(600))).containsExactly(next);
    assertThat(rotated.withoutSigningSecret().signingSecretsAt(now)).isEmpty();
    assertThat(rotated.toString()).doesNotContain(old.reveal(), next.reveal());
  }

  @Test
  void rotatingAgainDropsTheOlderSecretAndZeroGraceDropsTheOldOne() {
    Instant now = Instant.parse("2026-03-01T09:00:00Z");
    SigningSecret first = SigningSecret.generate();
    SigningSecret second = SigningSecret.generate();
    SigningSecret third = SigningSecret.generate();
    ReportSubscription twice =
        at("https://x.test/h")
            .withSigningSecret(first)
            .withRotatedSigningSecret(second, now, Duration.ofHours(1))
            .withRotatedSigningSecret(third, now, Duration.ofHours(1));

    assertThat(twice.signingSecretsAt(now)).containsExactly(third, second);
    assertThat(
            at("https://x.test/h")
                .withSigningSecret(first)
                .withRotatedSigningSecret(second, now, Duration.ZERO)
                .signingSecretsAt(now))
        .containsExactly(second);
    assertThatThrownBy(
            () -> at("https://x.test/h").withRotatedSigningSecret(second, now, Duration.ZERO))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anEnabledSubscriptionHasNoDisabledReason() {
    ReportSubscription gone = at("https://x.test/h").disabledBecause("answered 410 Gone at x");

    assertThat(gone.enabled()).isFalse();
    assertThat(gone.disabledReason()).contains("answered 410 Gone at x");
    assertThat(gone.withEnabled(true).disabledReason()).isEmpty();
    assertThat(gone.withEnabled(true).withEnabled(false).disabledReason()).isEmpty();
  }

  @Test
  void refusesAPreviousSecretWithoutACurrentOne() {
    ReportSubscription plain = at("https://x.test/h");
    assertThatThrownBy(
            () ->
                new ReportSubscription(
                    plain.id(),
                    plain.company(),
                    plain.callbackUrl(),
                    Optional.empty(),
                    true,
                    plain.retryPolicy(),
                    Optional.empty(),
                    false,
                    plain.createdAt(),
                    Optional.empty(),
                    Optional.of(
                        new ReportSubscription.PreviousSecret(
                            SigningSecret.generate(), plain.createdAt()))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void leavesTheAuthorizationOutWhenItIsBlank() {
    assertThat(at("https://x.test/h").withAuthorization("   ").authorization()).isEmpty();
    assertThat(at("https://x.test/h").withAuthorization("").authorization()).isEmpty();
  }

  @Test
  void keepsTheAuthorizationExactlyAsWritten() {
    assertThat(at("https://x.test/h").withAuthorization(" Token  abc ").authorization())
        .contains(" Token  abc ");
  }

  @Test
  void refusesAnAuthorizationThatWouldAddHeaders() {
    assertThatThrownBy(() -> at("https://x.test/h").withAuthorization("Token a\r\nX-Evil: 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("Token a");
  }

  @Test
  void acceptsOnlyAbsoluteHttpAndHttpsUrls() {
    assertThat(at("http://x.test:8080/h?a=1").callbackUrl().getPort()).isEqualTo(8080);
    for (String bad :
        new String[] {"ftp://x.test/h", "/relative", "file:///etc/passwd", "https:///nohost"}) {
      assertThatThrownBy(() -> at(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void refusesCredentialsInTheUrlSinceTheyWouldReachTheLogs() {
    assertThatThrownBy(() -> at("https://user:pass@x.test/h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Authorization")
        .hasMessageNotContaining("pass");
  }

  @Test
  void neverShowsTheAuthorizationTheSecretOrTheUrlsPathInToString() {
    ReportSubscription subscription =
        at("https://hooks.x.test/in?token=t0ps3cret")
            .withAuthorization("Token abc123")
            .withSigningSecret(SigningSecret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));

    assertThat(subscription.toString())
        .doesNotContain("abc123")
        .doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        .doesNotContain("t0ps3cret")
        .contains("https://hooks.x.test");
  }

  @Test
  void isEnabledWithTheDefaultRetriesAndPublicAddressesOnlyByDefault() {
    ReportSubscription subscription = at("https://x.test/h");

    assertThat(subscription.enabled()).isTrue();
    assertThat(subscription.retryPolicy()).isEqualTo(RetryPolicy.defaults());
    assertThat(subscription.allowPrivateNetwork()).isFalse();
    assertThat(subscription.signingSecret()).isEmpty();
  }
}
