package io.learnhook.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.mapping.Field;
import io.learnhook.mapping.PayloadException;
import io.learnhook.testkit.MappingCheck;
import org.junit.jupiter.api.Test;

/**
 * What an integrator writes before giving a mapping to an LMS: a unit test of the mapping config
 * ({@code mappings/acme-academy.json}) against a payload the sender really sends, no server needed,
 * with the test kit's {@link MappingCheck}. A failing check says which path was read and what was
 * found there.
 */
class AcmeAcademyMappingTest {
  private final MappingCheck acme = MappingCheck.fromResource("mappings/acme-academy.json");

  @Test
  void mapsTheSendersCompletionToLearnHooksFields() {
    acme.onResource("mappings/acme-academy-payload.json")
        .mapsEmail("ann@acme.test")
        .mapsSourceId("1000")
        .mapsSlug("phishing-101")
        .mapsResult("PASS")
        .mapsScore(92.5)
        .mapsTotalTime(754)
        .mapsCompletedAt("2026-02-03T08:15:00Z")
        .mapsEventId("dlv-7781")
        .mapsNothingTo(Field.ITEM_ID);
  }

  @Test
  void scoresZeroWhenTheSenderLeavesTheScoreOut() {
    String withoutScore =
        "{\"learner\":{\"contact\":{\"email\":\"ann@acme.test\"}},\"course\":{\"external_id\":1000}}";

    acme.on(withoutScore).mapsScore(0);
  }

  @Test
  void namesTheFieldAndPathWhenTheEmailIsMissing() {
    PayloadException refused =
        acme.on("{\"course\":{\"external_id\":1000}}")
            .isRefused(PayloadException.Kind.MISSING, "email");

    assertThat(refused.path()).isEqualTo("learner.contact.email");
  }
}
