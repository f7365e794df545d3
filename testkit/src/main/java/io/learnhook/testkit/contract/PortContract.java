package io.learnhook.testkit.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.completion.Completion;
import io.learnhook.directory.CompanyId;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.webhook.KeyHash;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * What every port's contract kit shares: sample values that storage tends to get wrong (SQL
 * metacharacters, Unicode, identifiers of the longest allowed length) and helpers that compare
 * stored values by content.
 *
 * <p>A kit asks only for the port it checks (and the few others its contract involves), plus a way
 * to put the LMS's companies, users and items where the port reads them, since the ports only read
 * those. JUnit makes a new instance of the test class for every test, so a port made in a field
 * initializer is fresh for each test.
 */
public abstract class PortContract {
  /** The tenant most tests work in. */
  protected static final CompanyId ACME = CompanyId.of("acme");

  /** Another tenant, whose data must never leak into {@link #ACME}'s lookups. */
  protected static final CompanyId GLOBEX = CompanyId.of("globex");

  /** Text that breaks SQL built by concatenation. */
  protected static final String SQL_METACHARACTERS = "'; DROP TABLE x; --";

  /** Accents, a combining mark, CJK, right-to-left script and a character outside the BMP. */
  protected static final String UNICODE = "Zoë Ærøskøbing n\u0303 學習 مرحبا 🎓";

  /** An identifier of the longest allowed length (255 UTF-16 units), ending in an emoji. */
  protected static final String LONGEST_ID = "x".repeat(253) + "🎓";

  /** A time with microseconds, the precision every store must keep. */
  protected static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123456Z");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Only kits of this package extend it. */
  PortContract() {}

  /** A webhook of {@code company} with a fresh key and a simple mapping. */
  protected static Webhook webhook(CompanyId company, String id, String name) {
    return new Webhook(
        WebhookId.of(id),
        company,
        name,
        WebhookKey.generate().hash(),
        FieldMapping.parse("{\"email\":\"user.email\",\"source_id\":\"lesson.id\"}"),
        Optional.of("knowbe4"),
        T0,
        T0.plusSeconds(60));
  }

  /** {@code webhook} with another key hash. */
  protected static Webhook withKeyHash(Webhook webhook, KeyHash keyHash) {
    return new Webhook(
        webhook.id(),
        webhook.company(),
        webhook.name(),
        keyHash,
        webhook.mapping(),
        webhook.sourceType(),
        webhook.createdAt(),
        webhook.keyRotatedAt(),
        webhook.previousKey(),
        webhook.rateLimit());
  }

  /**
   * A webhook as a value that compares by content: {@link FieldMapping} need not implement equals,
   * so the mapping is compared as the JSON tree of its config.
   */
  protected static WebhookContent content(Webhook webhook) {
    return new WebhookContent(
        webhook.id().value(),
        webhook.company().value(),
        webhook.name(),
        webhook.keyHash().hex(),
        jsonTree(webhook.mapping().configJson()),
        webhook.sourceType(),
        webhook.createdAt(),
        webhook.keyRotatedAt(),
        webhook.previousKey().map(p -> p.hash().hex() + " until " + p.validUntil()),
        webhook.rateLimit());
  }

  /**
   * A completion as a value that compares by content: a score compares by number, not by scale
   * ({@code 87.5} equals {@code 87.5000}, which a DECIMAL column gives back).
   */
  protected static Completion content(Completion completion) {
    return new Completion(
        completion.id(),
        completion.company(),
        completion.user(),
        completion.item(),
        completion.webhook(),
        completion.eventId(),
        completion.completedAt(),
        completion.recordedAt(),
        completion.result(),
        completion.score().map(BigDecimal::stripTrailingZeros),
        completion.totalTimeSeconds());
  }

  private static JsonNode jsonTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("mapping config is not JSON: " + json, e);
    }
  }

  /** Every field of a webhook, comparable with equals. */
  protected record WebhookContent(
      String id,
      String company,
      String name,
      String keyHash,
      JsonNode mapping,
      Optional<String> sourceType,
      Instant createdAt,
      Instant keyRotatedAt,
      Optional<String> previousKey,
      Optional<Webhook.RateLimitSetting> rateLimit) {}
}
