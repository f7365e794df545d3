package io.learnhook.http.ingest;

import static io.learnhook.http.ingest.EndpointFixture.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.ingest.IngestLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every limit of a call is enforced with the status docs/CONTRACTS.md gives it, and the refusal
 * names the limit, so that an operator knows what to raise.
 */
class IngestLimitsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String error(EndpointResponse response) throws Exception {
    return JSON.readTree(response.bodyText()).get("error").asText();
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    IngestLimits limits = IngestLimits.defaults();

    assertThat(limits.maxBodyBytes()).isEqualTo(1_048_576);
    assertThat(limits.maxBatchSize()).isEqualTo(1000);
    assertThat(limits.maxNestingDepth()).isEqualTo(64);
    assertThat(limits.maxStringLength()).isEqualTo(262_144);
    assertThat(limits.maxNumberLength()).isEqualTo(100);
    assertThat(limits.retryAfter()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void refusesLimitsThatCannotWork() {
    IngestLimits defaults = IngestLimits.defaults();

    assertThatThrownBy(() -> defaults.withMaxStringLength(0))
        .hasMessage("maxStringLength must be at least 1");
    assertThatThrownBy(() -> defaults.withMaxNumberLength(0))
        .hasMessage("maxNumberLength must be at least 1");
  }

  @Test
  void answers413NamingTheBodyLimit() throws Exception {
    EndpointFixture small = new EndpointFixture(IngestLimits.defaults().withMaxBodyBytes(100));

    EndpointResponse response = small.post(payload("ann@acme.test", "1000") + " ".repeat(100));

    assertThat(response.status()).isEqualTo(413);
    assertThat(error(response))
        .isEqualTo("Body is larger than the limit of 100 bytes (IngestLimits.maxBodyBytes)");
    assertThat(small.store.allCompletions()).isEmpty();
  }

  @Test
  void answers413NamingTheBatchLimit() throws Exception {
    EndpointFixture small = new EndpointFixture(IngestLimits.defaults().withMaxBatchSize(2));
    String one = payload("ann@acme.test", "1000");

    EndpointResponse response = small.post("[" + one + "," + one + "," + one + "]");

    assertThat(response.status()).isEqualTo(413);
    assertThat(error(response))
        .isEqualTo(
            "Batch of 3 completions is larger than the limit of 2 (IngestLimits.maxBatchSize)");
    assertThat(small.store.allCompletions()).isEmpty();
  }

  @Test
  void answers422NamingTheStringLimitForAStringLongerThanIt() throws Exception {
    EndpointFixture small = new EndpointFixture(IngestLimits.defaults().withMaxStringLength(1000));

    EndpointResponse response = small.post(payload("x".repeat(1001) + "@acme.test", "1000"));

    assertThat(response.status()).isEqualTo(422);
    assertThat(error(response))
        .startsWith(
            "A string in the body is longer than the limit of 1000 characters"
                + " (IngestLimits.maxStringLength)");
    assertThat(small.store.allCompletions()).isEmpty();
  }

  @Test
  void answers422ForAStringOfTheDefaultLimitPlusOne() throws Exception {
    EndpointFixture fixture = new EndpointFixture();
    String longest = "x".repeat(IngestLimits.DEFAULT_MAX_STRING_LENGTH + 1);

    EndpointResponse response =
        fixture.post("{\"user\":{\"email\":\"" + longest + "\"},\"lesson\":{\"id\":\"1000\"}}");

    assertThat(response.status()).isEqualTo(422);
    assertThat(error(response)).contains("262144 characters (IngestLimits.maxStringLength)");
  }

  /**
   * The string limit applies to every string the engine builds. A part of the body the mapping can
   * never reach is checked for valid JSON and nesting but skipped without being built (FieldMapping
   * prunes it), so a long string there costs no memory and refuses nothing.
   */
  @Test
  void letsALongStringThroughWhereTheMappingNeverReadsIt() throws Exception {
    EndpointFixture fixture =
        new EndpointFixture(IngestLimits.defaults().withMaxStringLength(1000));
    String body =
        "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},\"note\":{\"x\":\""
            + "x".repeat(5000)
            + "\"}}";

    EndpointResponse response = fixture.post(body);

    assertThat(response.status()).as(response.bodyText()).isEqualTo(201);
  }

  @Test
  void answers422NamingTheNumberLimitForANumberLongerThanIt() throws Exception {
    EndpointFixture fixture = new EndpointFixture();
    String body =
        "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":" + "9".repeat(101) + "}}";

    EndpointResponse response = fixture.post(body);

    assertThat(response.status()).isEqualTo(422);
    assertThat(error(response))
        .startsWith(
            "A number in the body is longer than the limit of 100 characters"
                + " (IngestLimits.maxNumberLength)");
  }

  @Test
  void answers400NamingTheNestingLimitForABodyNestedDeeperThanIt() throws Exception {
    EndpointFixture fixture = new EndpointFixture();
    String deep = "{\"user\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

    EndpointResponse response = fixture.post(deep);

    assertThat(response.status()).isEqualTo(400);
    assertThat(error(response))
        .startsWith(
            "Body is not valid JSON: its nesting depth is over the limit of 64"
                + " (IngestLimits.maxNestingDepth)");
  }

  @Test
  void answers422NamingFieldPathAndLimitForAnEmailLongerThan320Characters() throws Exception {
    EndpointFixture fixture = new EndpointFixture();
    String email = "a".repeat(310) + "@acme.test0";

    EndpointResponse response = fixture.post(payload(email, "1000"));

    assertThat(response.status()).isEqualTo(422);
    assertThat(error(response))
        .startsWith("email must be at most 320 characters")
        .contains("(321 characters)")
        .endsWith("at 'user.email'");
  }

  @Test
  void acceptsAnEmailOfExactly320CharactersAsFarAsTheUserLookup() throws Exception {
    EndpointFixture fixture = new EndpointFixture();
    String email = "a".repeat(310) + "@acme.test";

    EndpointResponse response = fixture.post(payload(email, "1000"));

    assertThat(response.status()).isEqualTo(404);
    assertThat(error(response)).isEqualTo("User not found");
  }

  @Test
  void answers422NamingFieldPathAndLimitForAnIdentifierLongerThan255Characters() throws Exception {
    EndpointFixture fixture = new EndpointFixture();

    EndpointResponse response = fixture.post(payload("ann@acme.test", "1".repeat(256)));

    assertThat(response.status()).isEqualTo(422);
    assertThat(error(response))
        .startsWith("source_id must be at most 255 characters")
        .endsWith("at 'lesson.id'");
  }

  @Test
  void answers422ForAnEventIdLongerThan255Characters() throws Exception {
    EndpointFixture fixture = new EndpointFixture();
    String body =
        "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},\"delivery_id\":\""
            + "e".repeat(256)
            + "\"}";

    EndpointResponse response = fixture.post(body);

    assertThat(response.status()).isEqualTo(422);
    assertThat(error(response))
        .startsWith("event_id must be at most 255 characters")
        .endsWith("at 'delivery_id'");
  }
}
