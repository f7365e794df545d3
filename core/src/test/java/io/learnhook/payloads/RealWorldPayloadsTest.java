package io.learnhook.payloads;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.LearnHook;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.ingest.CompletionIngest.RequestBody;
import io.learnhook.ingest.IngestOutcome;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.mapping.FieldMapping.Payloads;
import io.learnhook.mapping.MappedFields;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Payloads shaped as real senders document them (see {@code
 * src/test/resources/payloads/README.md}), each with the mapping an integrator would write: mapped
 * to exactly the expected fields, and recorded end to end.
 */
class RealWorldPayloadsTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final CompanyId COMPANY = CompanyId.of("acme");

  /** The fixture folders under {@code src/test/resources/payloads}, one per documented sender. */
  static Stream<String> senders() {
    return Stream.of(
        "lessonly-reporting",
        "xapi-statement",
        "xapi-statement-result",
        "h5p-xapi-completed",
        "canvas-course-completed",
        "thinkific-enrollment-completed",
        "knowbe4-training-enrollments",
        "flat-custom-tool");
  }

  private static final WebhookKey KEY = WebhookKey.of("0b7c6a52-3d1e-4f0a-9a7e-5c3b2d1e0f9a");

  @ParameterizedTest
  @MethodSource("senders")
  void mapsTheDocumentedPayloadToTheExpectedFields(String sender) throws IOException {
    FieldMapping mapping = FieldMapping.parse(read(sender, "mapping.json"));
    JsonNode expected = read(sender, "expected.json");

    List<JsonNode> mapped = new ArrayList<>();
    Payloads payloads = mapping.split(read(sender, "payload.json"));
    for (JsonNode element : payloads.elements()) {
      mapped.add(mapping.apply(element).toJson());
    }

    List<JsonNode> wanted = new ArrayList<>();
    if (expected.isArray()) {
      expected.forEach(wanted::add);
    } else {
      wanted.add(expected);
    }
    assertThat(payloads.batch()).isEqualTo(expected.isArray());
    assertThat(mapped).hasSameSizeAs(wanted);
    for (int i = 0; i < wanted.size(); i++) {
      assertThat(normalise(mapped.get(i))).as("element %d", i).isEqualTo(normalise(wanted.get(i)));
    }
  }

  @ParameterizedTest
  @MethodSource("senders")
  void recordsTheDocumentedPayloadEndToEnd(String sender) throws IOException {
    FieldMapping mapping = FieldMapping.parse(read(sender, "mapping.json"));
    InMemoryStore store = new InMemoryStore().putCompany(new Company(COMPANY, true));
    JsonNode payload = read(sender, "payload.json");
    List<MappedFields> expected = new ArrayList<>();
    for (JsonNode element : mapping.split(payload).elements()) {
      expected.add(mapping.apply(element));
    }
    // The LMS side: a user for every email and an item for every identifier the sender names.
    Map<String, UserId> users = new java.util.HashMap<>();
    for (int i = 0; i < expected.size(); i++) {
      MappedFields fields = expected.get(i);
      if (!users.containsKey(fields.email().toLowerCase(java.util.Locale.ROOT))) {
        UserId id = UserId.of("u" + i);
        users.put(fields.email().toLowerCase(java.util.Locale.ROOT), id);
        store.putUser(
            new User(id, COMPANY, fields.email(), "User " + i, true, Optional.empty(), Map.of()));
      }
      store.putItem(
          new Item(
              ItemId.of(fields.itemId().orElse("item-" + i)),
              COMPANY,
              "Item " + i,
              ItemType.WEB_LINK,
              fields.slug(),
              fields.sourceId(),
              Optional.empty(),
              true));
    }
    Instant now = Instant.parse("2026-11-25T10:00:00Z");
    store
        .webhooks()
        .save(
            new Webhook(
                WebhookId.of("wh"),
                COMPANY,
                sender,
                KEY.hash(),
                mapping,
                Optional.empty(),
                now,
                now));
    LearnHook learnHook = LearnHook.builder().store(store).build();
    byte[] body = JSON.writeValueAsBytes(payload);

    IngestOutcome outcome =
        learnHook.ingest().ingest(Optional.of(KEY), Optional.empty(), false, RequestBody.of(body));

    if (expected.size() == 1 && !(outcome instanceof IngestOutcome.Batch)) {
      assertThat(outcome).as(outcome.toString()).isInstanceOf(IngestOutcome.Recorded.class);
    } else {
      assertThat(outcome).isInstanceOf(IngestOutcome.Batch.class);
      assertThat(((IngestOutcome.Batch) outcome).elements())
          .hasSize(expected.size())
          .allSatisfy(
              e -> assertThat(e).as(e.toString()).isInstanceOf(IngestOutcome.Recorded.class));
    }
    assertThat(store.allCompletions()).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      MappedFields fields = expected.get(i);
      var completion = store.allCompletions().get(i);
      assertThat(completion.user())
          .isEqualTo(users.get(fields.email().toLowerCase(java.util.Locale.ROOT)));
      fields.completedAt().ifPresent(at -> assertThat(completion.completedAt()).isEqualTo(at));
      assertThat(completion.score()).isEqualTo(fields.score());
      assertThat(completion.totalTimeSeconds()).isEqualTo(fields.totalTimeSeconds());
      assertThat(completion.result()).isEqualTo(fields.result());
      assertThat(completion.eventId()).isEqualTo(fields.eventId());
    }
  }

  /** Numbers compared by value: 100 and 100.0 are the same score. */
  private static Map<String, Object> normalise(JsonNode node) {
    Map<String, Object> values = new java.util.TreeMap<>();
    node.fields()
        .forEachRemaining(
            e ->
                values.put(
                    e.getKey(),
                    e.getValue().isNumber()
                        ? e.getValue().decimalValue().stripTrailingZeros()
                        : e.getValue().asText()));
    return values;
  }

  private static JsonNode read(String sender, String file) throws IOException {
    try (InputStream in =
        RealWorldPayloadsTest.class.getResourceAsStream("/payloads/" + sender + "/" + file)) {
      assertThat(in).as("fixture %s/%s", sender, file).isNotNull();
      return JSON.readTree(in);
    }
  }
}
