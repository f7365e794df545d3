package io.learnhook.examples.app;

import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.webhook.WebhookId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code serve} loads when no seed file is given: one company with a few users and items and a
 * webhook shaped like a security-awareness platform's, so a newcomer can try the endpoint with
 * curl.
 */
final class DemoData {
  static final CompanyId COMPANY = CompanyId.of("demo");
  static final WebhookId WEBHOOK = WebhookId.of("demo-knowbe4");

  /** The demo company's Owner, whom the printed admin token stands for. */
  static final UserId OWNER = UserId.of("u-olivia");

  static final String MAPPING =
      "{\"email\":\"user.email\",\"source_id\":\"lesson.id\","
          + "\"score\":{\"path\":\"score\",\"transform\":\"percent_from_fraction\"}}";

  /**
   * A payload the demo webhook records: paste it with the printed curl line. Its {@code event_id}
   * (read by its own name, the mapping does not need it) makes the line record one completion: run
   * again, it answers 200 duplicate, as a sender's retry would be answered.
   */
  static final String SAMPLE_PAYLOAD =
      "{\"user\":{\"email\":\"ann@demo.test\"},\"lesson\":{\"id\":\"1000\"},\"score\":0.95,"
          + "\"event_id\":\"demo-1\"}";

  private DemoData() {}

  static Seed seed() {
    return new Seed(
        List.of(new Company(COMPANY, true)),
        List.of(
            new User(
                UserId.of("u-ann"),
                COMPANY,
                "ann@demo.test",
                "Ann Example",
                true,
                Optional.of("E-1001"),
                Map.of("Team", "Blue")),
            new User(
                UserId.of("u-bob"),
                COMPANY,
                "bob@demo.test",
                "Bob Example",
                false,
                Optional.empty(),
                Map.of())),
        List.of(
            new Item(
                ItemId.of("i-phishing-101"),
                COMPANY,
                "Phishing 101",
                ItemType.WEB_LINK,
                Optional.of("phishing-101"),
                Optional.of("1000"),
                Optional.of("knowbe4"),
                true),
            new Item(
                ItemId.of("i-password-hygiene"),
                COMPANY,
                "Password hygiene",
                ItemType.YOUTUBE,
                Optional.of("password-hygiene"),
                Optional.of("1001"),
                Optional.of("knowbe4"),
                true),
            new Item(
                ItemId.of("i-security-course"),
                COMPANY,
                "Security basics",
                ItemType.COURSE,
                Optional.of("security-basics"),
                Optional.of("2000"),
                Optional.empty(),
                false)),
        List.of(),
        List.of(),
        List.of());
  }

  static FieldMapping mapping() {
    return FieldMapping.parse(MAPPING);
  }
}
