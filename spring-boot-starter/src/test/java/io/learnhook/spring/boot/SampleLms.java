package io.learnhook.spring.boot;

import io.learnhook.LearnHook;
import io.learnhook.completion.NewCompletion;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.jdbc.JdbcStore;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An LMS on Spring Boot with the starter: its own table, a service, a seeded webhook. */
@SpringBootApplication
class SampleLms {
  static final CompanyId ACME = CompanyId.of("acme");
  static final WebhookKey KEY = WebhookKey.of("7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

  /** Seeds the directory and one webhook (an LMS has its own tables; see docs/SPRING.md). */
  @Bean
  Seeded seeded(JdbcStore store, JdbcTemplate jdbc) {
    store.directory().putCompany(new Company(ACME, true));
    store
        .directory()
        .putUser(
            new User(
                UserId.of("u1"), ACME, "ann@acme.test", "Ann", true, Optional.empty(), Map.of()));
    store
        .directory()
        .putItem(
            new Item(
                ItemId.of("i1"),
                ACME,
                "Phishing 101",
                ItemType.WEB_LINK,
                Optional.empty(),
                Optional.of("1000"),
                Optional.empty(),
                true));
    Instant now = Instant.parse("2026-11-25T10:00:00Z");
    store
        .webhooks()
        .save(
            new Webhook(
                WebhookId.of("w1"),
                ACME,
                "KnowBe4",
                KEY.hash(),
                FieldMapping.parse("{\"email\":\"user.email\",\"source_id\":\"lesson.id\"}"),
                Optional.empty(),
                now,
                now));
    jdbc.execute("CREATE TABLE IF NOT EXISTS lms_grades (user_id VARCHAR(64), grade INT)");
    return new Seeded();
  }

  /** Marks that the seed ran. */
  static final class Seeded {}

  /** The LMS's own service: grades a learner and records the completion, in one transaction. */
  @Service
  static class Grading {
    private final JdbcTemplate jdbc;
    private final LearnHook learnHook;

    Grading(JdbcTemplate jdbc, LearnHook learnHook) {
      this.jdbc = jdbc;
      this.learnHook = learnHook;
    }

    @Transactional
    public void gradeThenFail(Instant completedAt) {
      jdbc.update("INSERT INTO lms_grades (user_id, grade) VALUES ('u1', 90)");
      learnHook.record(NewCompletion.of(ACME, UserId.of("u1"), ItemId.of("i1"), completedAt));
      throw new IllegalStateException("grading failed after recording");
    }

    @Transactional
    public void grade(Instant completedAt) {
      jdbc.update("INSERT INTO lms_grades (user_id, grade) VALUES ('u1', 90)");
      learnHook.record(NewCompletion.of(ACME, UserId.of("u1"), ItemId.of("i1"), completedAt));
    }
  }
}
