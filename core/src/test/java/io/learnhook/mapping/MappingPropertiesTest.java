package io.learnhook.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.arbitrary.RandomJson;
import io.learnhook.ingest.IngestLimits;
import io.learnhook.ingest.internal.JsonBodies;
import io.learnhook.mapping.FieldMapping.Payloads;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The mapping engine on random payloads and random mappings: parsing a mapping gives a mapping or a
 * {@link MappingException}; mapping a payload gives {@link MappedFields} that keep every promise of
 * the mapping language, or a {@link PayloadException}; never any other exception. And reading only
 * what a mapping reaches ({@link FieldMapping#readBody}) maps exactly like reading the whole body.
 */
class MappingPropertiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonBodies BODIES = jsonBodies(IngestLimits.defaults());

  @Provide
  Arbitrary<String> mappings() {
    return RandomJson.mappings();
  }

  @Provide
  Arbitrary<JsonNode> bodies() {
    return RandomJson.bodies();
  }

  @Property(tries = 2000)
  void mapsEveryPayloadToFieldsOrATypedErrorAndNothingElse(
      @ForAll("mappings") String mappingText, @ForAll("bodies") JsonNode body) {
    FieldMapping mapping;
    try {
      mapping = FieldMapping.parse(mappingText);
    } catch (MappingException refused) {
      assertThat(refused.problems()).isNotEmpty();
      Statistics.label("mapping").collect("refused when saved");
      return;
    }
    Statistics.label("mapping").collect("valid");

    List<String> outcomes = outcomes(mapping, body);

    outcomes.forEach(o -> Statistics.label("payload").collect(o.substring(0, o.indexOf(':'))));
  }

  @Property(tries = 1000)
  void readingOnlyWhatTheMappingReachesMapsLikeReadingTheWholeBody(
      @ForAll("mappings") String mappingText, @ForAll("bodies") JsonNode body) {
    FieldMapping mapping;
    try {
      mapping = FieldMapping.parse(mappingText);
    } catch (MappingException refused) {
      return;
    }
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException unwritable) {
      return;
    }
    JsonNode whole;
    JsonNode pruned;
    try {
      whole = BODIES.parse(bytes);
    } catch (JsonBodies.InvalidBodyException e) {
      // Both readers check the body alike: the pruned one refuses it too.
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> BODIES.parse(bytes, mapping))
          .isInstanceOf(JsonBodies.InvalidBodyException.class);
      Statistics.label("body").collect("refused by both readers");
      return;
    }
    try {
      pruned = BODIES.parse(bytes, mapping);
    } catch (JsonBodies.InvalidBodyException e) {
      throw new AssertionError(
          "the pruned reader refused a body the whole reader read: " + e.getMessage());
    }
    Statistics.label("body").collect(mapping.prunesBodies() ? "pruned" : "read whole (JSONPath)");

    assertThat(outcomes(mapping, pruned)).isEqualTo(outcomes(mapping, whole));
  }

  /** What each payload of {@code body} maps to: "fields: …" or "refused: <message>". */
  private static List<String> outcomes(FieldMapping mapping, JsonNode body) {
    List<String> outcomes = new ArrayList<>();
    Payloads payloads;
    try {
      payloads = mapping.split(body);
    } catch (PayloadException e) {
      assertTyped(e);
      outcomes.add("refused: " + e.getMessage());
      return outcomes;
    }
    for (JsonNode payload : payloads.elements()) {
      try {
        MappedFields fields = mapping.apply(payload);
        assertKeepsItsPromises(fields);
        outcomes.add("fields: " + fields.toJson());
      } catch (PayloadException e) {
        assertTyped(e);
        outcomes.add("refused: " + e.getMessage());
      }
    }
    return outcomes;
  }

  private static void assertTyped(PayloadException e) {
    assertThat(e.kind()).isNotNull();
    assertThat(e.field()).isNotBlank();
    assertThat(e.getMessage()).isNotBlank();
    assertThat(e.path()).isNotNull();
  }

  /** The promises of FieldMapping's documentation ("Values"). */
  private static void assertKeepsItsPromises(MappedFields fields) {
    assertThat(fields.email()).isNotBlank().hasSizeLessThanOrEqualTo(320).doesNotContain("\u0000");
    assertThat(
            fields.itemId().isPresent()
                || fields.sourceId().isPresent()
                || fields.slug().isPresent())
        .isTrue();
    for (java.util.Optional<String> id :
        List.of(
            fields.itemId(), fields.sourceId(), fields.slug(), fields.eventId(), fields.result())) {
      id.ifPresent(
          v -> assertThat(v).isNotBlank().hasSizeLessThanOrEqualTo(255).doesNotContain("\u0000"));
    }
    fields.score().ifPresent(s -> assertThat(s).isBetween(BigDecimal.ZERO, new BigDecimal(100)));
    fields.totalTimeSeconds().ifPresent(t -> assertThat(t).isNotNegative());
  }

  private static JsonBodies jsonBodies(IngestLimits limits) {
    return new JsonBodies(
        limits.maxNestingDepth(), limits.maxStringLength(), limits.maxNumberLength());
  }
}
