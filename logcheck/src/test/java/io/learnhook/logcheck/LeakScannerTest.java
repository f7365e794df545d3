package io.learnhook.logcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeakScannerTest {
  private static final String KEY = "acedbeef-5c4d-4b7a-9e10-2d6f8c9b7a41";
  private static final Set<String> KEYS = Set.of(KEY);

  private static List<LeakScanner.Finding> scan(String text) {
    return LeakScanner.scan(List.of(new CapturedLine("DEBUG", "io.learnhook.X", text)), KEYS);
  }

  @Test
  void findsAKnownKeyInAnyCaseAnywhereInALine() {
    assertThat(scan("Refused key " + KEY))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo("a webhook key");
              assertThat(f.toString()).contains("DEBUG io.learnhook.X").doesNotContain(KEY);
            });
    assertThat(scan("POST /webhooks/item_completions?key=" + KEY.toUpperCase())).hasSize(1);
    assertThat(scan("failed\njava.lang.IllegalStateException: " + KEY + "\n\tat X.y(X.java:1)"))
        .hasSize(1);
  }

  @Test
  void takesNoOtherUuidForAKey() {
    assertThat(scan("Recorded completion 3f1c2b4a-0d9e-4c7b-8a6f-1e2d3c4b5a69 of webhook w-acme"))
        .isEmpty();
  }

  @Test
  void findsAKeyHiddenInABasicCredentialsBase64() {
    String basic =
        Base64.getEncoder().encodeToString(("lrs:" + KEY).getBytes(StandardCharsets.UTF_8));

    assertThat(scan("header was " + basic))
        .extracting(LeakScanner.Finding::kind)
        .containsExactly("a webhook key in base64");
    assertThat(scan("Authorization: Basic " + basic))
        .extracting(LeakScanner.Finding::kind)
        .containsExactly("a Basic credential", "a webhook key in base64");
  }

  @Test
  void findsAuthorizationValuesByTheirShapeWhoeverTheyBelongTo() {
    assertThat(scan("sending with Authorization: Token abc123"))
        .extracting(LeakScanner.Finding::kind)
        .containsExactly("an Authorization value");
    assertThat(scan("{\"authorization\":\"Token abc123\"}")).hasSize(1);
    assertThat(scan("calling with bearer s3cr3t-t0ken"))
        .extracting(LeakScanner.Finding::kind)
        .containsExactly("a Bearer credential");
  }

  @Test
  void letsRedactedOrAbsentAuthorizationValuesAndTheWordsAlonePass() {
    assertThat(scan("Authorization: [redacted]")).isEmpty();
    assertThat(scan("authorization=absent")).isEmpty();
    assertThat(scan("Refused a call without a readable webhook key (Bearer, Basic or ?key=)"))
        .isEmpty();
    assertThat(scan("WWW-Authenticate: Bearer")).isEmpty();
  }
}
