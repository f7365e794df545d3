package io.learnhook.benchmarks;

import io.learnhook.LearnHook;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.http.ingest.EndpointResponse;
import io.learnhook.http.ingest.IncomingRequest;
import io.learnhook.ingest.IngestLimits;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.ratelimit.RateLimits;
import io.learnhook.spi.WebhookRepository;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the ingest benchmarks share: the payloads (with a counter written into their completion time
 * and event id, so that every call records a new completion), and an in-memory store holding the
 * company, users, items and webhooks they need.
 */
final class IngestFixture {
  static final CompanyId ACME = CompanyId.of("acme");
  static final WebhookKey KEY = WebhookKey.of("3c2b1a09-8f7e-4d6c-9b5a-493827161504");
  static final String AUTHORIZATION = "Bearer " + KEY.reveal();
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  /**
   * How many completions a benchmark records into one in-memory store before it takes a fresh one:
   * enough that making the store costs a few ns per call, few enough that the garbage collector is
   * not kept busy copying what the store holds.
   */
  static final int CALLS_PER_STORE = 4096;

  /**
   * A payload as a sender posts it, and where its varying parts sit.
   *
   * @param name the JMH parameter value
   * @param bytes the body (a copy per benchmark thread: {@link #next} writes into it)
   * @param mapping the webhook's mapping
   * @param timestampAt offset of the {@code YYYY-MM-DDTHH:MM:SS} completion time
   * @param eventIdAt offset of 12 characters of the event id that the counter replaces, or -1
   */
  record Payload(String name, byte[] bytes, String mapping, int timestampAt, int eventIdAt) {
    /**
     * Writes the counter's completion time (one year after the original) and event id into the
     * bytes.
     */
    byte[] next(long counter) {
      long c = counter % (12L * 28 * 86_400);
      int second = (int) (c % 60);
      int minute = (int) (c / 60 % 60);
      int hour = (int) (c / 3600 % 24);
      int day = (int) (c / 86_400 % 28) + 1;
      int month = (int) (c / (28L * 86_400)) + 1;
      int at = timestampAt;
      // YYYY-MM-DDTHH:MM:SS, the year left as the template has it (already a year later).
      digits(bytes, at + 5, month, 2);
      digits(bytes, at + 8, day, 2);
      digits(bytes, at + 11, hour, 2);
      digits(bytes, at + 14, minute, 2);
      digits(bytes, at + 17, second, 2);
      if (eventIdAt >= 0) {
        digits(bytes, eventIdAt, counter, 12);
      }
      return bytes;
    }

    Payload copy() {
      return new Payload(name, bytes.clone(), mapping, timestampAt, eventIdAt);
    }
  }

  private IngestFixture() {}

  /** The seed's Lessonly report, an xAPI statement, and a ~2.5 KB LMS event. */
  static Payload payload(String name) {
    return switch (name) {
      case "lessonly" -> load("lessonly", "completed_at", null);
      case "xapi" -> load("xapi", "timestamp", "3f2b8c1e-5d4a-4e8b-9c7f-2a1d6e0b9c44");
      case "lms-event" -> load("lms-event", "completed_at", "evt_000000000000");
      default -> throw new IllegalArgumentException("no payload " + name);
    };
  }

  /**
   * The LMS event grown to about {@code size} bytes with activity records before the fields the
   * mapping reads, so that every byte of it is parsed before the completion time is found.
   */
  static Payload lmsEventOfSize(int size) {
    Payload base = payload("lms-event");
    String text = new String(base.bytes(), StandardCharsets.UTF_8);
    String filler =
        "{\"at\":\"2025-09-01T10:12:03Z\",\"kind\":\"page_viewed\",\"module\":\"mod_1\","
            + "\"page\":\"https://acme-academy.lms.example.com/courses/crs_5521/pages/42\"},";
    int fillers = Math.max(0, (size - base.bytes().length) / filler.length());
    StringBuilder grown = new StringBuilder(size + filler.length());
    int history = text.indexOf("\"data\"");
    grown.append(text, 0, history).append("\"history\":[");
    for (int i = 0; i < fillers; i++) {
      grown.append(filler);
    }
    grown.append("null],").append(text.substring(history));
    return locate(
        "lms-event", grown.toString(), base.mapping(), "completed_at", "evt_000000000000");
  }

  private static Payload load(String name, String timestampKey, String eventId) {
    String text = resource(name + ".json");
    String mapping = resource(name + ".mapping.json");
    // The completion time moves a year on, so that it stays after any start time in the payload.
    int at = text.indexOf('"', text.indexOf(':', text.indexOf("\"" + timestampKey + "\"")) + 1) + 1;
    int year = Integer.parseInt(text.substring(at, at + 4));
    text = text.substring(0, at) + (year + 1) + text.substring(at + 4);
    return locate(name, text, mapping, timestampKey, eventId);
  }

  private static Payload locate(
      String name, String text, String mapping, String timestampKey, String eventId) {
    int at = text.indexOf('"', text.indexOf(':', text.indexOf("\"" + timestampKey + "\"")) + 1) + 1;
    int eventAt = eventId == null ? -1 : text.indexOf(eventId) + eventId.length() - 12;
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length != text.length()) {
      throw new IllegalStateException("payloads are ASCII, so that offsets are byte offsets");
    }
    return new Payload(name, bytes, mapping, at, eventAt);
  }

  /**
   * A store with company acme, the users and items the payloads name among {@code extra} others,
   * and the webhooks.
   */
  static InMemoryStore store(Payload payload, List<Webhook> otherWebhooks, int extra) {
    InMemoryStore store = new InMemoryStore();
    store.putCompany(new Company(ACME, true));
    for (String email :
        List.of("sample.sampleson@example.com", "example.learner@example.com", "ann@acme.test")) {
      store.putUser(user(email));
    }
    store.putItem(item("i-lesson", "1000", "a-sample-lesson"));
    store.putItem(
        item(
            "i-phishing",
            "https://lms.example.com/xapi/activities/phishing-101",
            "phishing-101-xapi"));
    store.putItem(item("i-lms", "phishing-101", "phishing-awareness-essentials"));
    for (int i = 0; i < extra; i++) {
      store.putUser(user("user" + i + "@acme.test"));
      store.putItem(item("i-" + i, "src-" + i, "slug-" + i));
    }
    for (Webhook other : otherWebhooks) {
      store.webhooks().save(other);
    }
    store.webhooks().save(webhook("bench", KEY, payload.mapping()));
    return store;
  }

  /** {@code count} webhooks of other companies' senders, each with its own key. */
  static List<Webhook> otherWebhooks(int count, String mapping) {
    List<Webhook> webhooks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      WebhookKey key = WebhookKey.of(String.format("00000000-0000-4000-8000-%012d", i));
      webhooks.add(webhook("other-" + i, key, mapping));
    }
    return webhooks;
  }

  static LearnHook learnHook(InMemoryStore store) {
    return LearnHook.builder()
        .store(store)
        .limits(IngestLimits.defaults().withMaxBodyBytes(4L * 1024 * 1024))
        // Measured here is the cost of a call, not the default limit of 50 calls a second.
        .rateLimits(RateLimits.off())
        .build();
  }

  /** {@link #learnHook}, with the webhooks from another store. */
  static LearnHook learnHookWith(InMemoryStore store, WebhookRepository webhooks) {
    return LearnHook.builder()
        .store(store)
        .webhooks(webhooks)
        .limits(IngestLimits.defaults().withMaxBodyBytes(4L * 1024 * 1024))
        .rateLimits(RateLimits.off())
        .build();
  }

  static IncomingRequest request(byte[] body) {
    return IncomingRequest.of(
        Optional.of(AUTHORIZATION),
        "",
        OptionalLong.of(body.length),
        new ByteArrayInputStream(body));
  }

  /**
   * Fails the benchmark loudly when a call was not recorded as new: a refusal costs less and would
   * flatter us.
   */
  static EndpointResponse expectRecorded(EndpointResponse response) {
    if (response.status() != 201) {
      throw new IllegalStateException(
          "expected 201, got " + response.status() + ": " + response.bodyText());
    }
    return response;
  }

  private static Webhook webhook(String id, WebhookKey key, String mapping) {
    return new Webhook(
        WebhookId.of(id),
        ACME,
        id,
        key.hash(),
        FieldMapping.parse(mapping),
        Optional.empty(),
        NOW,
        NOW);
  }

  private static User user(String email) {
    String id = "u-" + email.substring(0, email.indexOf('@')).replace('.', '-');
    return new User(UserId.of(id), ACME, email, id, true, Optional.empty(), Map.of());
  }

  private static Item item(String id, String sourceId, String slug) {
    return new Item(
        ItemId.of(id),
        ACME,
        id,
        ItemType.WEB_LINK,
        Optional.of(slug),
        Optional.of(sourceId),
        Optional.empty(),
        true);
  }

  private static void digits(byte[] into, int at, long value, int width) {
    for (int i = width - 1; i >= 0; i--) {
      into[at + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }

  private static String resource(String name) {
    try (InputStream in = IngestFixture.class.getResourceAsStream("ingest/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource ingest/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
