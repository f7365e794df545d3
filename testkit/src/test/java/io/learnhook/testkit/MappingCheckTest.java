package io.learnhook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.mapping.Field;
import io.learnhook.mapping.MappingException;
import io.learnhook.mapping.PayloadException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class MappingCheckTest {
  private static final String MAPPING =
      "{\"email\":{\"path\":\"learner.email\",\"transform\":[\"trim\",\"lowercase\"]},"
          + "\"source_id\":\"course.id\","
          + "\"score\":{\"path\":\"outcome.scaled\",\"transform\":\"percent_from_fraction\"}}";
  private static final String PAYLOAD =
      "{\"learner\":{\"email\":\" Ann@Acme.test \"},\"course\":{\"id\":1000},\"outcome\":{\"scaled\":0.925},"
          + "\"completed_at\":\"2026-02-03T09:15:00+01:00\"}";

  @Test
  void passesWhenEveryCheckedFieldIsWhatTheMappingMakes() {
    MappedPayload mapped = MappingCheck.of(MAPPING).on(PAYLOAD);

    mapped
        .mapsEmail("ann@acme.test")
        .mapsSourceId("1000")
        .mapsScore(92.5)
        .mapsCompletedAt("2026-02-03T08:15:00Z")
        .mapsNothingTo(Field.ITEM_ID)
        .mapsNothingTo(Field.EVENT_ID);
    assertThat(mapped.fields().score())
        .hasValueSatisfying(s -> assertThat(s).isEqualByComparingTo("92.5"));
  }

  @Test
  void aFailedCheckSaysWhereTheFieldWasReadAndWhatEachTransformMade() {
    MappedPayload mapped = MappingCheck.of(MAPPING).on(PAYLOAD);

    assertThatThrownBy(() -> mapped.mapsScore(0.925))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("score: expected 0.925 but was 92.5")
        .hasMessageContaining("read from 'outcome.scaled'")
        .hasMessageContaining("found 0.925")
        .hasMessageContaining("percent_from_fraction → 92.5");
  }

  @Test
  void aMissingFieldSaysWhereItWasLookedFor() {
    MappedPayload mapped = MappingCheck.of(MAPPING).on(PAYLOAD);

    assertThatThrownBy(() -> mapped.mapsEventId("e-1"))
        .hasMessageContaining("event_id: expected e-1 but nothing was mapped")
        .hasMessageContaining(
            "read from 'event_id' (not in the mapping: the payload's key of the same name)")
        .hasMessageContaining("nothing at 'event_id'");
  }

  @Test
  void checksARefusalAndSaysWhenThePayloadMapsAfterAll() {
    PayloadException refused =
        MappingCheck.of(MAPPING)
            .on("{\"course\":{\"id\":1}}")
            .isRefused(PayloadException.Kind.MISSING, "email");

    assertThat(refused.path()).isEqualTo("learner.email");
    assertThatThrownBy(
            () ->
                MappingCheck.of(MAPPING)
                    .on(PAYLOAD)
                    .isRefused(PayloadException.Kind.MISSING, "email"))
        .hasMessageContaining("expected the payload to be refused")
        .hasMessageContaining("\"email\":\"ann@acme.test\"");
  }

  @Test
  void readsPayloadsAsTheEndpointDoesAndRefusesWhatItRefuses() {
    assertThatThrownBy(() -> MappingCheck.of(MAPPING).on("{\"a\":1,\"a\":2}"))
        .hasMessageContaining("not what the endpoint accepts")
        .hasMessageContaining("Duplicate field 'a'");
  }

  @Test
  void mapsEveryElementOfABatch() {
    List<MappedPayload> batch =
        MappingCheck.of("{\"each\":\"rows\",\"email\":\"e\",\"slug\":\"s\"}")
            .onBatch("{\"rows\":[{\"e\":\"a@x.test\",\"s\":\"one\"},{\"s\":\"two\"}]}");

    assertThat(batch).hasSize(2);
    batch.get(0).mapsEmail("a@x.test").mapsSlug("one");
    batch.get(1).isRefused(PayloadException.Kind.MISSING, "email");
    assertThatThrownBy(() -> MappingCheck.of("{\"each\":\"rows\"}").on("{\"rows\":[]}"))
        .hasMessageContaining("use onBatch");
  }

  @Test
  void loadsMappingsFromResourcesAndRefusesAnInvalidOneListingEveryProblem() {
    MappingCheck.fromResource("payloads/lessonly-reporting/mapping.json")
        .onResource("payloads/lessonly-reporting/payload.json")
        .mapsSourceId("1000");
    assertThatThrownBy(
            () ->
                MappingCheck.of(
                    "{\"emial\":\"x\",\"score\":{\"path\":\"s\",\"transform\":\"pct\"}}"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("emial")
        .hasMessageContaining("score.transform");
  }

  @Test
  void aMutableClockMovesOnlyWhenToldAndItsZonedCopiesMoveWithIt() {
    MutableClock clock = MutableClock.at("2026-01-15T10:00:00Z");
    var paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.advance(Duration.ofMinutes(5));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-15T10:05:00Z"));
    assertThat(paris.instant()).isEqualTo(clock.instant());
    assertThat(clock.set(Instant.EPOCH).millis()).isZero();
  }
}
