package io.learnhook.http;

import static io.learnhook.http.Client.bearer;
import static io.learnhook.http.Client.post;
import static io.learnhook.http.Client.withQuery;
import static io.learnhook.http.Lms.ACME_KEY;
import static io.learnhook.http.Lms.INITECH_KEY;
import static io.learnhook.http.Lms.UNKNOWN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.learnhook.LearnHook;
import io.learnhook.directory.CompanyId;
import io.learnhook.spi.StorageUnavailableException;
import io.learnhook.spi.WebhookRepository;
import io.learnhook.webhook.KeyHash;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.ingest.IngestLimits;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The real server answers as {@code docs/openapi.yaml} says: every status it answers is documented,
 * and every body matches the schema documented for that status, with the documented headers.
 */
class OpenApiContractTest extends ServedLmsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode SPEC = read();
  private static final JsonNode OPERATION = SPEC.at("/paths/~1webhooks~1item_completions/post");

  private static JsonNode read() {
    try {
      return new YAMLMapper().readTree(Path.of("..", "docs", "openapi.yaml").toFile());
    } catch (IOException e) {
      throw new IllegalStateException("docs/openapi.yaml is not readable YAML", e);
    }
  }

  @Test
  void everyAnswerOfTheStatusTableMatchesTheDescription() {
    String lesson = Lms.annCompletedLesson1000At("2026-01-15T10:00:00Z");
    List<HttpResponse<String>> answers = new ArrayList<>();
    answers.add(post(server.uri(), lesson, "Authorization", bearer(ACME_KEY)));
    answers.add(post(server.uri(), lesson, "Authorization", bearer(ACME_KEY)));
    answers.add(post(withQuery(server.uri(), "dry_run=true"), lesson, "Authorization", bearer(ACME_KEY)));
    answers.add(post(withQuery(server.uri(), "dry_run=true"),
        Lms.annCompletedLesson1000At("2026-02-01T00:00:00Z"), "Authorization", bearer(ACME_KEY)));
    answers.add(post(server.uri(), "[" + lesson + ",{}]", "Authorization", bearer(ACME_KEY)));
    answers.add(post(server.uri(), "not json", "Authorization", bearer(ACME_KEY)));
    answers.add(post(server.uri(), lesson, "Authorization", bearer(UNKNOWN_KEY)));
    answers.add(post(server.uri(), lesson));
    answers.add(post(server.uri(), lesson, "Authorization", bearer(INITECH_KEY)));
    answers.add(post(server.uri(), "{\"lesson\":{\"id\":\"1000\"}}", "Authorization", bearer(ACME_KEY)));
    answers.add(post(server.uri(), "{\"user\":{\"email\":\"nobody@acme.test\"},\"lesson\":{\"id\":\"1000\"}}",
        "Authorization", bearer(ACME_KEY)));
    answers.add(post(server.uri(), "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"9\"}}",
        "Authorization", bearer(ACME_KEY)));
    answers.add(Client.send(Client.request(server.uri()).GET().build()));
    LearnHook small = lms.learnHook().limits(IngestLimits.defaults().withMaxBodyBytes(64)).build();
    try (LearnHookHttpServer limited = Client.serve(small.endpoint())) {
      answers.add(post(limited.uri(), lesson + " ".repeat(100), "Authorization", bearer(ACME_KEY)));
    }

    LearnHook down = lms.learnHook().webhooks(new UnreachableWebhooks()).build();
    try (LearnHookHttpServer unavailable = Client.serve(down.endpoint())) {
      answers.add(post(unavailable.uri(), lesson, "Authorization", bearer(ACME_KEY)));
    }

    Set<Integer> statuses = new TreeSet<>();
    for (HttpResponse<String> answer : answers) {
      statuses.add(answer.statusCode());
      assertMatchesTheDescription(answer);
    }
    assertThat(statuses).containsExactly(200, 201, 400, 401, 403, 404, 405, 413, 422, 503);
  }

  private static void assertMatchesTheDescription(HttpResponse<String> answer) {
    String status = Integer.toString(answer.statusCode());
    JsonNode response = resolve(OPERATION.at("/responses/" + status));
    assertThat(response.isMissingNode()).as("status %s is documented", status).isFalse();
    for (Iterator<Map.Entry<String, JsonNode>> headers = response.path("headers").fields(); headers.hasNext(); ) {
      assertThat(answer.headers().firstValue(headers.next().getKey())).as("header of %s", status).isPresent();
    }
    JsonNode schema = resolve(response.at("/content/application~1json/schema"));
    assertThat(schema.isMissingNode()).as("a JSON schema for %s", status).isFalse();
    assertThat(answer.headers().firstValue("Content-Type")).hasValue(Client.JSON_UTF8);
    Set<ValidationMessage> problems =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(schema)
            .validate(Client.json(answer.body()));
    assertThat(problems).as("%s %s", status, answer.body()).isEmpty();
  }

  /** Webhooks in a database that cannot be reached. */
  private static final class UnreachableWebhooks implements WebhookRepository {
    private static StorageUnavailableException down() {
      return new StorageUnavailableException("database unreachable", null);
    }

    @Override
    public Optional<Webhook> findByKeyHash(KeyHash hash) {
      throw down();
    }

    @Override
    public Optional<Webhook> findById(WebhookId id) {
      throw down();
    }

    @Override
    public List<Webhook> listByCompany(CompanyId company) {
      throw down();
    }

    @Override
    public void save(Webhook webhook) {
      throw down();
    }

    @Override
    public boolean delete(WebhookId id) {
      throw down();
    }
  }

  /** The node with every {@code $ref} into this document replaced by what it points at. */
  private static JsonNode resolve(JsonNode node) {
    if (node.isObject() && node.has("$ref")) {
      String ref = node.get("$ref").asText();
      assertThat(ref).startsWith("#/");
      return resolve(SPEC.at(ref.substring(1)));
    }
    if (node.isObject()) {
      ObjectNode copy = JSON.createObjectNode();
      node.fields().forEachRemaining(e -> copy.set(e.getKey(), resolve(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      var copy = JSON.createArrayNode();
      node.forEach(e -> copy.add(resolve(e)));
      return copy;
    }
    return node;
  }
}
