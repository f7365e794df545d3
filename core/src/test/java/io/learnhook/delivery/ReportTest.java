package io.learnhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnhook.completion.Completion;
import io.learnhook.completion.CompletionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.internal.reporting.Report;
import io.learnhook.spi.ReportDetails.CompletionDetails;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The report payload, held to the reporting webhook's sample (docs/CONTRACTS.md; see
 * resources/delivery/README.md).
 */
class ReportTest {
  private static final ObjectMapper EXACT =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final CompanyId LESSONLY = CompanyId.of("c1");

  /** The seed's curl line, copied verbatim. */
  private static final String SEED_CURL_BODY =
      "{\"user\":{\"ext_uid\":\"1234567890\",\"id\":\"1\",\"name\":\"Sample Sampleson\",\"email\":\"\","
          + "\"custom_fields\":{\"Custom Field\":\"Custom Field Value\"}},\"lesson\":{\"id\":\"1000\","
          + "\"title\":\"A Sample Lesson\", \"retake_score\":85},\"score\":1,\"score_percent\":100,"
          + "\"started_at\":\"2015-04-28T14:36:22Z\",\"completed_at\":\"2015-04-28T14:36:24Z\","
          + "\"assigned_at\":\"2015-04-28T14:36:18Z\",\"report_card_url\":\"\"}";

  private static String golden() throws IOException {
    try (InputStream in =
        ReportTest.class.getResourceAsStream("/delivery/seed-sample-report.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Report sample(String customFieldName) {
    return new Report(
        new Report.Learner(
            true,
            Optional.of("1234567890"),
            "1",
            "Sample Sampleson",
            "",
            Map.of(customFieldName, "Custom Field Value")),
        new Report.Lesson("1000", "A Sample Lesson", Optional.of(85)),
        Optional.of(new BigDecimal("100")),
        Optional.of(Instant.parse("2015-04-28T14:36:22Z")),
        Instant.parse("2015-04-28T14:36:24Z"),
        Optional.of(Instant.parse("2015-04-28T14:36:18Z")),
        Optional.of(""));
  }

  private static Company company(boolean usesExtUid) {
    return new Company(LESSONLY, true, usesExtUid);
  }

  private static User sampleson(Optional<String> extUid) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Custom Field Name", "Custom Field Value");
    return new User(
        UserId.of("1"),
        LESSONLY,
        "sample@sampleson.test",
        "Sample Sampleson",
        true,
        extUid,
        fields);
  }

  private static Item lesson() {
    return new Item(
        ItemId.of("1000"),
        LESSONLY,
        "A Sample Lesson",
        ItemType.WEB_LINK,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        true);
  }

  private static Completion completion(Optional<BigDecimal> score, Instant completedAt) {
    return new Completion(
        CompletionId.of("cmp-1"),
        LESSONLY,
        UserId.of("1"),
        ItemId.of("1000"),
        Optional.empty(),
        Optional.empty(),
        completedAt,
        completedAt,
        Optional.empty(),
        score,
        Optional.empty());
  }

  private static CompletionDetails sampleDetails() {
    return CompletionDetails.none()
        .withStartedAt(Instant.parse("2015-04-28T14:36:22Z"))
        .withAssignedAt(Instant.parse("2015-04-28T14:36:18Z"))
        .withReportCardUrl("")
        .withRetakeScore(85);
  }

  @Test
  void writesTheSeedsSamplePayloadByteForByte() throws IOException {
    assertThat(sample("Custom Field Name").toJson()).isEqualTo(golden());
  }

  @Test
  void readsAsTheSameJsonAsTheSeedsCurlLine() throws IOException {
    ObjectNode ours = (ObjectNode) EXACT.readTree(sample("Custom Field").toJson());
    ObjectNode seed = (ObjectNode) EXACT.readTree(SEED_CURL_BODY);

    assertThat(ours.remove("score_percent").decimalValue())
        .isEqualByComparingTo(seed.remove("score_percent").decimalValue());
    assertThat(ours).isEqualTo(seed);
  }

  @Test
  void buildsTheSeedsSampleFromTheLmsDomain() throws IOException {
    Report report =
        Report.of(
            company(true),
            sampleson(Optional.of("1234567890")),
            lesson(),
            completion(Optional.of(new BigDecimal("100")), Instant.parse("2015-04-28T14:36:24Z")),
            sampleDetails());

    JsonNode expected = EXACT.readTree(golden());
    ((ObjectNode) expected.get("user")).put("email", "sample@sampleson.test");
    assertThat(EXACT.readTree(report.toJson())).isEqualTo(expected);
    assertThat(report.toJson())
        .isEqualTo(golden().replace("\"email\":\"\"", "\"email\":\"sample@sampleson.test\""));
  }

  @Test
  void givesIdsAsStringsAndRetakeScoreAsAnInteger() throws IOException {
    JsonNode json = EXACT.readTree(sample("F").toJson());

    assertThat(json.get("user").get("id").isTextual()).isTrue();
    assertThat(json.get("user").get("ext_uid").isTextual()).isTrue();
    assertThat(json.get("lesson").get("id").isTextual()).isTrue();
    assertThat(json.get("lesson").get("retake_score").isInt()).isTrue();
    assertThat(json.get("user").get("custom_fields").isObject()).isTrue();
  }

  @Test
  void leavesOutExtUidWhenTheCompanyDoesNotUseIt() throws IOException {
    Report report =
        Report.of(
            company(false),
            sampleson(Optional.of("E-1")),
            lesson(),
            completion(Optional.empty(), Instant.parse("2024-05-01T10:00:00Z")),
            CompletionDetails.none());

    JsonNode user = EXACT.readTree(report.toJson()).get("user");

    assertThat(user.has("ext_uid")).isFalse();
    assertThat(report.toJson()).startsWith("{\"user\":{\"id\":\"1\",");
  }

  @Test
  void writesNullExtUidWhenTheCompanyUsesItButTheUserHasNone() throws IOException {
    Report report =
        Report.of(
            company(true),
            sampleson(Optional.empty()),
            lesson(),
            completion(Optional.empty(), Instant.parse("2024-05-01T10:00:00Z")),
            CompletionDetails.none());

    JsonNode user = EXACT.readTree(report.toJson()).get("user");

    assertThat(user.has("ext_uid")).isTrue();
    assertThat(user.get("ext_uid").isNull()).isTrue();
  }

  @Test
  void writesNullForEverythingTheLmsDidNotSay() throws IOException {
    Report report =
        Report.of(
            company(false),
            sampleson(Optional.empty()),
            lesson(),
            completion(Optional.empty(), Instant.parse("2024-05-01T10:00:00Z")),
            CompletionDetails.none());

    JsonNode json = EXACT.readTree(report.toJson());

    for (String key :
        new String[] {"score", "score_percent", "started_at", "assigned_at", "report_card_url"}) {
      assertThat(json.has(key)).as(key).isTrue();
      assertThat(json.get(key).isNull()).as(key).isTrue();
    }
    assertThat(json.get("lesson").get("retake_score").isNull()).isTrue();
    assertThat(json.get("completed_at").asText()).isEqualTo("2024-05-01T10:00:00Z");
  }

  @Test
  void givesTheScoreAsAFractionOfOneAndAPercentWithADecimalPoint() {
    assertThat(scores("87.5")).isEqualTo("\"score\":0.875,\"score_percent\":87.5");
    assertThat(scores("100")).isEqualTo("\"score\":1,\"score_percent\":100.0");
    assertThat(scores("0")).isEqualTo("\"score\":0,\"score_percent\":0.0");
    assertThat(scores("33.3333")).isEqualTo("\"score\":0.333333,\"score_percent\":33.3333");
    assertThat(scores("7.50")).isEqualTo("\"score\":0.075,\"score_percent\":7.5");
  }

  private static String scores(String percent) {
    String json =
        Report.of(
                company(false),
                sampleson(Optional.empty()),
                lesson(),
                completion(
                    Optional.of(new BigDecimal(percent)), Instant.parse("2024-05-01T10:00:00Z")),
                CompletionDetails.none())
            .toJson();
    int start = json.indexOf("\"score\"");
    return json.substring(start, json.indexOf(",\"started_at\""));
  }

  @Test
  void writesTimesAtUtcWithAFractionOnlyWhenThereIsOne() {
    String whole =
        Report.of(
                company(false),
                sampleson(Optional.empty()),
                lesson(),
                completion(Optional.empty(), Instant.parse("2024-05-01T10:00:00Z")),
                CompletionDetails.none().withStartedAt(Instant.parse("2024-05-01T09:59:58.120Z")))
            .toJson();

    assertThat(whole).contains("\"completed_at\":\"2024-05-01T10:00:00Z\"");
    assertThat(whole).contains("\"started_at\":\"2024-05-01T09:59:58.120Z\"");
  }

  @Test
  void keepsCustomFieldsInTheLmsOrderAndEscapesEveryCharacter() throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Zeta", "\"quoted\" \\ back");
    fields.put("Alpha", "Zoë 學習 🎓\n");
    User user =
        new User(UserId.of("1"), LESSONLY, "a@b.test", "A \"B\"", true, Optional.empty(), fields);

    String json =
        Report.of(
                company(false),
                user,
                lesson(),
                completion(Optional.empty(), Instant.EPOCH),
                CompletionDetails.none())
            .toJson();

    assertThat(json).contains("\"custom_fields\":{\"Zeta\":");
    JsonNode parsed = EXACT.readTree(json);
    assertThat(parsed.get("user").get("custom_fields").get("Alpha").asText())
        .isEqualTo("Zoë 學習 🎓\n");
    assertThat(parsed.get("user").get("name").asText()).isEqualTo("A \"B\"");
  }

  @Test
  void refusesToReportAUserOrItemThatIsNotTheCompletions() {
    User other =
        new User(UserId.of("2"), LESSONLY, "o@b.test", "O", true, Optional.empty(), Map.of());

    assertThatThrownBy(
            () ->
                Report.of(
                    company(false),
                    other,
                    lesson(),
                    completion(Optional.empty(), Instant.EPOCH),
                    CompletionDetails.none()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesARetakeScoreOutsideZeroToHundred() {
    assertThatThrownBy(() -> CompletionDetails.none().withRetakeScore(101))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Report.Lesson("1", "t", Optional.of(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
