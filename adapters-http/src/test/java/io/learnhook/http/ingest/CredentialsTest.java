package io.learnhook.http.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.webhook.WebhookKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialsTest {
  private static final String KEY = "3f2b8c1e-9d4a-4e6f-8a7b-1c2d3e4f5a6b";
  private static final WebhookKey EXPECTED = WebhookKey.of(KEY);

  @Test
  void readsTheKeyVerbatimFromAuthorization() {
    assertThat(Credentials.from(Optional.of(KEY), Optional.empty())).contains(EXPECTED);
  }

  @Test
  void readsABearerKeyWhateverTheSchemesCase() {
    assertThat(Credentials.from(Optional.of("Bearer " + KEY), Optional.empty())).contains(EXPECTED);
    assertThat(Credentials.from(Optional.of("bearer  " + KEY + " "), Optional.empty()))
        .contains(EXPECTED);
  }

  @Test
  void readsTheKeyAsTheBasicPasswordAsXapiClientsSendIt() {
    String basic =
        Base64.getEncoder().encodeToString(("lrs-user:" + KEY).getBytes(StandardCharsets.UTF_8));
    assertThat(Credentials.from(Optional.of("Basic " + basic), Optional.empty()))
        .contains(EXPECTED);
  }

  @Test
  void readsTheKeyFromTheQuery() {
    assertThat(Credentials.from(Optional.empty(), Optional.of(KEY))).contains(EXPECTED);
  }

  @Test
  void acceptsUpperCaseKeys() {
    assertThat(Credentials.from(Optional.of(KEY.toUpperCase()), Optional.empty()))
        .contains(EXPECTED);
  }

  @Test
  void fallsBackToTheQueryWhenTheHeaderHoldsSomethingElse() {
    assertThat(Credentials.from(Optional.of("Token proxy-secret"), Optional.of(KEY)))
        .contains(EXPECTED);
  }

  @Test
  void findsNoKeyInMalformedCredentials() {
    assertThat(Credentials.from(Optional.of("Basic !!!notbase64"), Optional.empty())).isEmpty();
    assertThat(Credentials.from(Optional.of("Bearer not-a-uuid"), Optional.empty())).isEmpty();
    assertThat(Credentials.from(Optional.of(KEY + "x"), Optional.empty())).isEmpty();
    assertThat(Credentials.from(Optional.of("Digest " + KEY), Optional.empty())).isEmpty();
    assertThat(Credentials.from(Optional.empty(), Optional.empty())).isEmpty();
  }

  @Test
  void keysNeverShowInTheirStringForm() {
    assertThat(EXPECTED.toString()).doesNotContain(KEY).isEqualTo("WebhookKey[redacted]");
  }
}
