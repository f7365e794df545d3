package io.learnhook.http.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.management.Actor;
import io.learnhook.management.Actor.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminAuthenticatorTest {
  private static final Actor OWNER = Actor.of("u-olivia", "acme", Role.OWNER);
  private static final Actor ADMIN = Actor.of("u-adam", "acme", Role.ADMIN);
  private final AdminAuthenticator tokens =
      AdminAuthenticator.bearerTokens(Map.of("token-of-olivia", OWNER, "token-of-adam", ADMIN));

  @Test
  void knowsTheActorOfEachBearerTokenWhateverTheSchemesCase() {
    assertThat(tokens.authenticate(headers("Bearer token-of-olivia"))).contains(OWNER);
    assertThat(tokens.authenticate(headers("bearer  token-of-adam "))).contains(ADMIN);
  }

  @Test
  void knowsNobodyForAnUnknownTokenAPrefixOfOneAnotherSchemeOrNoHeader() {
    assertThat(tokens.authenticate(headers("Bearer token-of-olivi"))).isEmpty();
    assertThat(tokens.authenticate(headers("Bearer token-of-olivia2"))).isEmpty();
    assertThat(tokens.authenticate(headers("token-of-olivia"))).isEmpty();
    assertThat(tokens.authenticate(headers("Basic dG9rZW4tb2Ytb2xpdmlh"))).isEmpty();
    assertThat(tokens.authenticate(headers("Bearer "))).isEmpty();
    assertThat(tokens.authenticate(RequestHeaders.none())).isEmpty();
  }

  @Test
  void refusesABlankToken() {
    assertThatThrownBy(() -> AdminAuthenticator.bearerTokens(Map.of(" ", OWNER)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void knowsTheActorOfATokenGivenOnlyByItsHash() {
    String hash = AdminAuthenticator.tokenHash("token-of-olivia");
    AdminAuthenticator hashed = AdminAuthenticator.bearerTokenHashes(Map.of(hash, OWNER));

    assertThat(hash).isEqualTo(sha256Hex("token-of-olivia"));
    assertThat(hashed.authenticate(headers("Bearer token-of-olivia"))).contains(OWNER);
    assertThat(hashed.authenticate(headers("Bearer " + hash))).isEmpty();
    assertThat(hashed.authenticate(headers("Bearer token-of-adam"))).isEmpty();
  }

  @Test
  void refusesAHashThatIsNotSixtyFourLowerCaseHexDigits() {
    String hash = AdminAuthenticator.tokenHash("token-of-olivia");
    for (String bad :
        new String[] {"token-of-olivia", hash.toUpperCase(), hash.substring(1) + "g"}) {
      assertThatThrownBy(() -> AdminAuthenticator.bearerTokenHashes(Map.of(bad, OWNER)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining(bad);
    }
  }

  /** Computed here, not by the authenticator, so that the two can disagree. */
  private static String sha256Hex(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aRequestDoesNotShowItsHeadersWhenPrinted() {
    AdminRequest request =
        new AdminRequest(
            "GET",
            "/webhooks",
            "token=x",
            headers("Bearer token-of-olivia"),
            java.util.OptionalLong.empty(),
            java.io.InputStream.nullInputStream());

    assertThat(request.toString()).isEqualTo("AdminRequest[GET /webhooks]");
  }

  private static RequestHeaders headers(String authorization) {
    return RequestHeaders.of(Map.of("authorization", authorization));
  }
}
