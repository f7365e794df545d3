package io.learnhook.examples.embedding;

import io.learnhook.mapping.Field;
import io.learnhook.mapping.PayloadException;
import io.learnhook.testkit.MappingCheck;
import org.junit.jupiter.api.Test;

/**
 * An integrator's test of a mapping for a real sender: an xAPI statement as the ADL specification
 * shows it (actor.mbox as a mailto IRI, a scaled score, an ISO-8601 duration), checked with the
 * test kit.
 */
class XapiStatementMappingTest {
  private final MappingCheck xapi = MappingCheck.fromResource("mappings/xapi/mapping.json");

  @Test
  void mapsTheSpecificationsStatement() {
    xapi.onResource("mappings/xapi/payload.json")
        .mapsEmail("example.learner@example.com")
        .mapsSourceId("https://lms.example.com/xapi/activities/phishing-101")
        .mapsResult("true")
        .mapsScore(85)
        .mapsTotalTime(3723)
        .mapsCompletedAt("2024-05-14T14:02:11.500Z")
        .mapsEventId("3f2b8c1e-5d4a-4e8b-9c7f-2a1d6e0b9c44")
        .mapsNothingTo(Field.ITEM_ID);
  }

  @Test
  void refusesAStatementWhoseActorHasNoMbox() {
    xapi.on("{\"actor\":{\"account\":{\"name\":\"u1\"}},\"object\":{\"id\":\"http://x.test/a\"}}")
        .isRefused(PayloadException.Kind.MISSING, "email");
  }
}
