package io.learnhook.internal.reporting;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.learnhook.completion.Completion;
import io.learnhook.directory.Company;
import io.learnhook.directory.Item;
import io.learnhook.directory.User;
import io.learnhook.spi.ReportDetails.CompletionDetails;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The report POSTed to subscribers when a completion is recorded, in the default format of
 * docs/CONTRACTS.md, section 5 (the reporting webhook's "Sample Webhook Payload"):
 *
 * <pre>{@code
 * {"user":{"ext_uid":"1234567890","id":"1","name":"Sample Sampleson","email":"…",
 *          "custom_fields":{"Custom Field Name":"Custom Field Value"}},
 *  "lesson":{"id":"1000","title":"A Sample Lesson","retake_score":85},
 *  "score":1,"score_percent":100.0,
 *  "started_at":"2015-04-28T14:36:22Z","completed_at":"2015-04-28T14:36:24Z",
 *  "assigned_at":"2015-04-28T14:36:18Z","report_card_url":"…"}
 * }</pre>
 *
 * <p>The rules, each from the seed's list of "What information we provide":
 *
 * <ul>
 *   <li>ids are strings; {@code custom_fields} is an object of the user's custom fields, in the
 *       LMS's order;
 *   <li>{@code ext_uid} is there only when the company uses external user ids ("if your company is
 *       using it"), and is {@code null} for a user who has none;
 *   <li>{@code retake_score} is an integer from 0 to 100; {@code score} a decimal from 0 to 1
 *       (deprecated, kept for receivers that read it); {@code score_percent} a decimal from 0 to
 *       100, always written with a decimal point ({@code 100.0});
 *   <li>timestamps are ISO-8601 at UTC ({@code 2015-04-28T14:36:22Z}), with a fraction only when
 *       the time has one;
 *   <li>every key is always present; a value LearnHook does not know (no score was reported; the
 *       LMS's {@link io.learnhook.spi.ReportDetails} did not say when the user started or was
 *       assigned the item, where the report card is, or the retake score) is {@code null}.
 * </ul>
 *
 * @param user who completed
 * @param lesson what was completed
 * @param scorePercent the score from 0 to 100, when one was reported
 * @param startedAt when the learner started
 * @param completedAt when the learner completed
 * @param assignedAt when the item was assigned
 * @param reportCardUrl the learner's report card
 */
public record Report(
    Learner user,
    Lesson lesson,
    Optional<BigDecimal> scorePercent,
    Optional<Instant> startedAt,
    Instant completedAt,
    Optional<Instant> assignedAt,
    Optional<String> reportCardUrl) {

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public Report {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(lesson, "lesson");
    Objects.requireNonNull(scorePercent, "scorePercent");
    scorePercent.ifPresent(
        score -> {
          if (score.signum() < 0 || score.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("score must be from 0 to 100, was " + score);
          }
        });
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(completedAt, "completedAt");
    Objects.requireNonNull(assignedAt, "assignedAt");
    Objects.requireNonNull(reportCardUrl, "reportCardUrl");
  }

  /**
   * The {@code user} object.
   *
   * @param reportsExternalUid whether {@code ext_uid} is written at all (the company uses it)
   * @param externalUid the user's external id, {@code null} in the report when absent
   * @param id the user's id
   * @param name display name
   * @param email email address
   * @param customFields custom profile fields, in order
   */
  public record Learner(
      boolean reportsExternalUid,
      Optional<String> externalUid,
      String id,
      String name,
      String email,
      Map<String, String> customFields) {
    public Learner {
      Objects.requireNonNull(externalUid, "externalUid");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(email, "email");
      customFields = Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
    }
  }

  /**
   * The {@code lesson} object.
   *
   * @param id the item's id
   * @param title its title
   * @param retakeScore the score needed to pass a retake, 0 to 100
   */
  public record Lesson(String id, String title, Optional<Integer> retakeScore) {
    public Lesson {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(retakeScore, "retakeScore");
      retakeScore.ifPresent(
          score -> {
            if (score < 0 || score > 100) {
              throw new IllegalArgumentException(
                  "retake score must be from 0 to 100, was " + score);
            }
          });
    }
  }

  /**
   * The report of {@code completion}: a pure function of what the LMS knows at the moment it is
   * recorded.
   *
   * @throws IllegalArgumentException when the user, item or company is not the completion's
   */
  public static Report of(
      Company company, User user, Item item, Completion completion, CompletionDetails details) {
    if (!company.id().equals(completion.company())
        || !user.company().equals(completion.company())
        || !user.id().equals(completion.user())
        || !item.company().equals(completion.company())
        || !item.id().equals(completion.item())) {
      throw new IllegalArgumentException(
          "the company, user and item of a report must be those of its completion "
              + completion.id());
    }
    return new Report(
        new Learner(
            company.usesExternalUserIds(),
            user.externalUid(),
            user.id().value(),
            user.name(),
            user.email(),
            user.customFields()),
        new Lesson(item.id().value(), item.title(), details.retakeScore()),
        completion.score(),
        details.startedAt(),
        completion.completedAt(),
        details.assignedAt(),
        details.reportCardUrl());
  }

  /**
   * {@code score}: the percentage as a fraction of 1, without trailing zeros ({@code 1}, {@code
   * 0.875}).
   */
  public Optional<BigDecimal> scoreFraction() {
    return scorePercent.map(p -> plain(p.movePointLeft(2).stripTrailingZeros()));
  }

  /** The JSON body, compact, keys in the order of the seed's sample. */
  public String toJson() {
    StringWriter out = new StringWriter(512);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeObjectFieldStart("user");
      if (user.reportsExternalUid()) {
        writeOptionalString(json, "ext_uid", user.externalUid());
      }
      json.writeStringField("id", user.id());
      json.writeStringField("name", user.name());
      json.writeStringField("email", user.email());
      json.writeObjectFieldStart("custom_fields");
      for (Map.Entry<String, String> field : user.customFields().entrySet()) {
        json.writeStringField(field.getKey(), field.getValue());
      }
      json.writeEndObject();
      json.writeEndObject();
      json.writeObjectFieldStart("lesson");
      json.writeStringField("id", lesson.id());
      json.writeStringField("title", lesson.title());
      json.writeFieldName("retake_score");
      if (lesson.retakeScore().isPresent()) {
        json.writeNumber(lesson.retakeScore().get());
      } else {
        json.writeNull();
      }
      json.writeEndObject();
      writeOptionalDecimal(json, "score", scoreFraction());
      writeOptionalDecimal(json, "score_percent", scorePercent.map(Report::withDecimalPoint));
      writeOptionalString(json, "started_at", startedAt.map(Instant::toString));
      json.writeStringField("completed_at", completedAt.toString());
      writeOptionalString(json, "assigned_at", assignedAt.map(Instant::toString));
      writeOptionalString(json, "report_card_url", reportCardUrl);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a StringWriter does not fail", e);
    }
    return out.toString();
  }

  private static void writeOptionalString(JsonGenerator json, String name, Optional<String> value)
      throws IOException {
    if (value.isPresent()) {
      json.writeStringField(name, value.get());
    } else {
      json.writeNullField(name);
    }
  }

  private static void writeOptionalDecimal(
      JsonGenerator json, String name, Optional<BigDecimal> value) throws IOException {
    json.writeFieldName(name);
    if (value.isPresent()) {
      json.writeNumber(value.get());
    } else {
      json.writeNull();
    }
  }

  /**
   * {@code 100} as {@code 100.0}, {@code 87.5000} as {@code 87.5}: a decimal, as the seed shows it.
   */
  private static BigDecimal withDecimalPoint(BigDecimal percent) {
    BigDecimal stripped = percent.stripTrailingZeros();
    return stripped.scale() < 1 ? stripped.setScale(1) : stripped;
  }

  private static BigDecimal plain(BigDecimal value) {
    return value.scale() < 0 ? value.setScale(0) : value;
  }
}
