package io.learnhook.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** A Boot application with the starter, over a real port: webhook, transactions, health. */
@SpringBootTest(
    classes = SampleLms.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:learnhook-boot;DB_CLOSE_DELAY=-1",
      "management.endpoints.web.exposure.include=health",
      "management.endpoint.health.show-components=always",
      "management.endpoint.health.show-details=always"
    })
class LearnHookApplicationTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired SampleLms.Grading grading;

  private HttpResponse<String> post(String path, String authorization, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private int completionsAt(Instant completedAt) {
    Integer count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM lh_completions WHERE completed_at = ?",
            Integer.class,
            java.sql.Timestamp.from(completedAt));
    return count == null ? -1 : count;
  }

  @Test
  void aCompletionPostedToTheWebhookIsRecorded() throws Exception {
    HttpResponse<String> response =
        post(
            "/webhooks/item_completions",
            "Bearer " + SampleLms.KEY.reveal(),
            "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},"
                + "\"completed_at\":\"2026-11-20T08:00:00Z\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(completionsAt(Instant.parse("2026-11-20T08:00:00Z"))).isEqualTo(1);
  }

  @Test
  void aWrongKeyIsRefused401() throws Exception {
    HttpResponse<String> response =
        post("/webhooks/item_completions", "Bearer 00000000-0000-4000-8000-000000000000", "{}");

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void aTransactionalServiceThatRecordsAndThenThrowsLeavesNothingRecorded() {
    Instant completedAt = Instant.parse("2026-11-21T08:00:00Z");

    assertThatThrownBy(() -> grading.gradeThenFail(completedAt))
        .hasMessage("grading failed after recording");

    assertThat(completionsAt(completedAt)).isZero();
  }

  @Test
  void aTransactionalServiceThatCommitsKeepsTheCompletion() {
    Instant completedAt = Instant.parse("2026-11-22T08:00:00Z");

    grading.grade(completedAt);

    assertThat(completionsAt(completedAt)).isEqualTo(1);
  }

  @Test
  void theActuatorsHealthShowsLearnHook() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode learnhook =
        new ObjectMapper().readTree(response.body()).path("components").path("learnhook");
    assertThat(learnhook.path("status").asText()).isEqualTo("UP");
    assertThat(learnhook.path("details").path("database").asText()).isEqualTo("UP");
    assertThat(learnhook.path("details").path("deliveryWorkers").asText()).isEqualTo("UP");
  }
}
