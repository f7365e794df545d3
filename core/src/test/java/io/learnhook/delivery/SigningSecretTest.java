package io.learnhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SigningSecretTest {
  /**
   * The example of the Standard Webhooks specification and its reference libraries' tests
   * (standard-webhooks/standard-webhooks, "sign function works"): this secret, id, timestamp and
   * body sign to this value.
   */
  @Test
  void signsTheStandardWebhooksPublishedExample() {
    SigningSecret secret = SigningSecret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    String signature =
        secret.sign(
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330L,
            "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

    assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void signsTheBodysExactBytesSoAnyChangeChangesTheSignature() {
    SigningSecret secret = SigningSecret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    String id = "msg_p5jXN8AQM9LWM0D4loKWxJek";

    String spaced =
        secret.sign(id, 1614265330L, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
    String compact =
        secret.sign(id, 1614265330L, "{\"test\":2432232314}".getBytes(StandardCharsets.UTF_8));
    String later =
        secret.sign(id, 1614265331L, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

    assertThat(compact).isNotEqualTo(spaced);
    assertThat(later).isNotEqualTo(spaced);
  }

  @Test
  void readsBackWhatItReveals() {
    SigningSecret generated = SigningSecret.generate();

    assertThat(SigningSecret.of(generated.reveal())).isEqualTo(generated);
    assertThat(generated.reveal()).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(generated.reveal().substring(6))).hasSize(32);
  }

  @Test
  void neverShowsTheSecretInToString() {
    SigningSecret secret = SigningSecret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    assertThat(secret.toString())
        .doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        .contains("redacted");
  }

  @Test
  void refusesSecretsNotOfTheStandardForm() {
    String tooShort = "whsec_" + Base64.getEncoder().encodeToString(new byte[23]);
    String tooLong = "whsec_" + Base64.getEncoder().encodeToString(new byte[65]);
    for (String bad :
        new String[] {
          "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_not base64!", tooShort, tooLong, ""
        }) {
      assertThat(SigningSecret.parse(bad)).as(bad).isEmpty();
    }
    assertThatThrownBy(() -> SigningSecret.of("whsec_secret-value-here"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret-value-here");
  }
}
