package io.learnhook.http.ingest;

import io.learnhook.LearnHook;
import io.learnhook.completion.Completion;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.ingest.IngestLimits;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.ratelimit.RateLimits;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An engine on an in-memory store with two companies, users, items and webhooks, on a fixed clock.
 */
final class EndpointFixture {
  static final CompanyId ACME = CompanyId.of("acme");
  static final CompanyId GLOBEX = CompanyId.of("globex");
  static final CompanyId INITECH = CompanyId.of("initech");
  static final WebhookKey ACME_KEY = WebhookKey.of("11111111-1111-4111-8111-111111111111");
  static final WebhookKey GLOBEX_KEY = WebhookKey.of("22222222-2222-4222-8222-222222222222");
  static final WebhookKey INITECH_KEY = WebhookKey.of("33333333-3333-4333-8333-333333333333");
  static final WebhookId ACME_WEBHOOK = WebhookId.of("wh-acme");
  static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  final InMemoryStore store = new InMemoryStore();
  final List<Completion> announced = new ArrayList<>();
  final LearnHook learnHook;

  EndpointFixture() {
    this(IngestLimits.defaults());
  }

  EndpointFixture(IngestLimits limits) {
    this(limits, RateLimits.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  EndpointFixture(RateLimits rateLimits, Clock clock) {
    this(IngestLimits.defaults(), rateLimits, clock);
  }

  EndpointFixture(IngestLimits limits, RateLimits rateLimits, Clock clock) {
    store.putCompany(new Company(ACME, true));
    store.putCompany(new Company(GLOBEX, true));
    store.putCompany(new Company(INITECH, false));
    store.putUser(user(ACME, "u-ann", "Ann@Acme.test", true));
    store.putUser(user(ACME, "u-bob", "bob@acme.test", false));
    store.putUser(user(GLOBEX, "u-gina", "gina@globex.test", true));
    store.putUser(user(INITECH, "u-ivy", "ivy@initech.test", true));
    store.putItem(
        item(ACME, "i-phish", ItemType.WEB_LINK, "phishing-101", "1000", "knowbe4", true));
    store.putItem(
        item(ACME, "i-other", ItemType.WEB_LINK, "other-provider", "1000", "linkedin", true));
    store.putItem(item(ACME, "i-course", ItemType.COURSE, "intro", "2000", "knowbe4", false));
    store.putItem(item(GLOBEX, "i-globex", ItemType.VIDEO, "globex-video", "1000", null, true));
    store.putItem(item(INITECH, "i-initech", ItemType.AUDIO, "initech-audio", "1000", null, true));
    String mapping =
        "{\"email\":\"user.email\",\"source_id\":\"lesson.id\",\"event_id\":\"delivery_id\"}";
    webhook(ACME_WEBHOOK, ACME, ACME_KEY, mapping, "knowbe4");
    webhook(WebhookId.of("wh-globex"), GLOBEX, GLOBEX_KEY, mapping, null);
    webhook(WebhookId.of("wh-initech"), INITECH, INITECH_KEY, mapping, null);
    learnHook =
        LearnHook.builder()
            .store(store)
            .clock(clock)
            .limits(limits)
            .rateLimits(rateLimits)
            .listener(announced::add)
            .build();
  }

  void webhook(WebhookId id, CompanyId company, WebhookKey key, String mapping, String sourceType) {
    store
        .webhooks()
        .save(
            new Webhook(
                id,
                company,
                id.value(),
                key.hash(),
                FieldMapping.parse(mapping),
                Optional.ofNullable(sourceType),
                NOW,
                NOW));
  }

  EndpointResponse post(String authorization, String query, String body) {
    return post(authorization, query, body.getBytes(StandardCharsets.UTF_8));
  }

  EndpointResponse post(String authorization, String query, byte[] bytes) {
    return new IncomingWebhookEndpoint(learnHook.ingest())
        .handle(
            IncomingRequest.of(
                Optional.ofNullable(authorization),
                query,
                OptionalLong.of(bytes.length),
                new ByteArrayInputStream(bytes)));
  }

  EndpointResponse post(String body) {
    return post("Bearer " + ACME_KEY.reveal(), "", body);
  }

  static String payload(String email, String lessonId) {
    return "{\"user\":{\"email\":\"" + email + "\"},\"lesson\":{\"id\":\"" + lessonId + "\"}}";
  }

  private static User user(CompanyId company, String id, String email, boolean active) {
    return new User(UserId.of(id), company, email, id, active, Optional.empty(), Map.of());
  }

  private static Item item(
      CompanyId company,
      String id,
      ItemType type,
      String slug,
      String sourceId,
      String sourceType,
      boolean controlled) {
    return new Item(
        ItemId.of(id),
        company,
        id,
        type,
        Optional.of(slug),
        Optional.of(sourceId),
        Optional.ofNullable(sourceType),
        controlled);
  }
}
