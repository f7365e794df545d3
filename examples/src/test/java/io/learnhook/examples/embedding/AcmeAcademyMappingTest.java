package io.learnhook.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.mapping.MappedFields;
import io.learnhook.mapping.PayloadException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What an integrator writes before giving a mapping to an LMS: a unit test of the mapping config
 * ({@code mappings/acme-academy.json}) against a payload the sender really sends, no server needed.
 */
class AcmeAcademyMappingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FieldMapping mapping = FieldMapping.parse(resource("/mappings/acme-academy.json"));

  @Test
  void mapsTheSendersCompletionToLearnHooksFields() {
    MappedFields fields = mapping.apply(resource("/mappings/acme-academy-payload.json"));

    assertThat(fields.email()).isEqualTo("ann@acme.test");
    assertThat(fields.sourceId()).contains("1000");
    assertThat(fields.slug()).contains("phishing-101");
    assertThat(fields.result()).contains("PASS");
    assertThat(fields.score())
        .hasValueSatisfying(s -> assertThat(s).isEqualByComparingTo(new BigDecimal("92.5")));
    assertThat(fields.totalTimeSeconds()).contains(754L);
    assertThat(fields.completedAt()).contains(Instant.parse("2026-02-03T08:15:00Z"));
    assertThat(fields.eventId()).contains("dlv-7781");
  }

  @Test
  void scoresZeroWhenTheSenderLeavesTheScoreOut() throws IOException {
    JsonNode payload = resource("/mappings/acme-academy-payload.json").deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) payload.get("outcome")).remove("score");

    assertThat(mapping.apply(payload).score())
        .hasValueSatisfying(s -> assertThat(s).isEqualByComparingTo(BigDecimal.ZERO));
  }

  @Test
  void namesTheFieldAndPathWhenTheEmailIsMissing() {
    JsonNode payload = resource("/mappings/acme-academy-payload.json").deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) payload.get("learner")).remove("contact");

    assertThatThrownBy(() -> mapping.apply(payload))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("email")
        .hasMessageContaining("learner.contact.email");
  }

  private static JsonNode resource(String path) {
    try (InputStream in = AcmeAcademyMappingTest.class.getResourceAsStream(path)) {
      return JSON.readTree(in);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("cannot read " + path, e);
    }
  }
}
