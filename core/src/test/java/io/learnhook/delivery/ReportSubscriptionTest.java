package io.learnhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.directory.CompanyId;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ReportSubscriptionTest {
  private static final CompanyId ACME = CompanyId.of("acme");

  private static ReportSubscription at(String url) {
    return ReportSubscription.of(SubscriptionId.of("s1"), ACME, URI.create(url));
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
