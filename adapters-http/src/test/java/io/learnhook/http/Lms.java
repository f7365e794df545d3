package io.learnhook.http;

import io.learnhook.LearnHook;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The LMS every test talks to: three companies (acme and globex with the integration on, initech
 * with it off), their users, items and one KnowBe4 webhook each, in memory.
 */
final class Lms {
  static final CompanyId ACME = CompanyId.of("acme");
  static final CompanyId GLOBEX = CompanyId.of("globex");
  static final CompanyId INITECH = CompanyId.of("initech");

  static final UserId ANN = UserId.of("u-ann");
  static final UserId BOB = UserId.of("u-bob");
  static final UserId CAROL = UserId.of("u-carol");

  /** acme's KnowBe4 lesson: a web link whose completion is controlled externally. */
  static final ItemId PHISHING = ItemId.of("i-phishing");

  /** acme's course "intro": found by slug, but not completable from outside. */
  static final ItemId INTRO = ItemId.of("i-intro");

  /** globex's KnowBe4 lesson. */
  static final ItemId GLOBEX_LESSON = ItemId.of("g-lesson");

  static final WebhookId ACME_WEBHOOK = WebhookId.of("w-acme");
  static final WebhookId GLOBEX_WEBHOOK = WebhookId.of("w-globex");
  static final WebhookId INITECH_WEBHOOK = WebhookId.of("w-initech");

  /** Starts with letters, so that a parser echoing a bare token would echo part of it. */
  static final String ACME_KEY = "acedbeef-5c4d-4b7a-9e10-2d6f8c9b7a41";

  static final String GLOBEX_KEY = "c0ffee00-1234-4abc-8def-0123456789ab";
  static final String INITECH_KEY = "7b1d9c2e-0a4f-4e6b-b3c8-5d2e9f1a0c77";

  /** Well formed, but no webhook has it. */
  static final String UNKNOWN_KEY = "deadbeef-0000-4000-8000-00000000beef";

  static final String KNOWBE4_MAPPING = "{\"email\":\"user.email\",\"source_id\":\"lesson.id\"}";

  final InMemoryStore store = new InMemoryStore();

  Lms() {
    store
        .putCompany(new Company(ACME, true))
        .putCompany(new Company(GLOBEX, true))
        .putCompany(new Company(INITECH, false))
        .putUser(user(ANN, ACME, "ann@acme.test", true))
        .putUser(user(BOB, ACME, "bob@acme.test", false))
        .putUser(user(CAROL, GLOBEX, "carol@globex.test", true))
        .putItem(
            new Item(
                PHISHING,
                ACME,
                "Phishing 101",
                ItemType.WEB_LINK,
                Optional.of("phishing-101"),
                Optional.of("1000"),
                Optional.of("knowbe4"),
                true))
        .putItem(
            new Item(
                INTRO,
                ACME,
                "Introduction",
                ItemType.COURSE,
                Optional.of("intro"),
                Optional.empty(),
                Optional.empty(),
                false))
        .putItem(
            new Item(
                GLOBEX_LESSON,
                GLOBEX,
                "Phishing 101",
                ItemType.WEB_LINK,
                Optional.of("phishing-101"),
                Optional.of("2000"),
                Optional.of("knowbe4"),
                true));
    store.webhooks().save(webhook(ACME_WEBHOOK, ACME, ACME_KEY));
    store.webhooks().save(webhook(GLOBEX_WEBHOOK, GLOBEX, GLOBEX_KEY));
    store.webhooks().save(webhook(INITECH_WEBHOOK, INITECH, INITECH_KEY));
  }

  /** An engine over this LMS; tests may replace single ports or limits before building. */
  LearnHook.Builder learnHook() {
    return LearnHook.builder().store(store);
  }

  /** ann@acme.test completed acme's KnowBe4 lesson 1000. */
  static String annCompletedLesson1000() {
    return "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"}}";
  }

  /**
   * The same, with an explicit completion time, so that sending it again is the same completion.
   */
  static String annCompletedLesson1000At(String completedAt) {
    return "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},\"completed_at\":\""
        + completedAt
        + "\"}";
  }

  private static User user(UserId id, CompanyId company, String email, boolean active) {
    return new User(id, company, email, id.value(), active, Optional.empty(), Map.of());
  }

  private static Webhook webhook(WebhookId id, CompanyId company, String key) {
    Instant created = Instant.parse("2026-01-01T00:00:00Z");
    return new Webhook(
        id,
        company,
        "KnowBe4",
        WebhookKey.of(key).hash(),
        FieldMapping.parse(KNOWBE4_MAPPING),
        Optional.of("knowbe4"),
        created,
        created);
  }
}
