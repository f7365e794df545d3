package io.learnhook.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.completion.RecordResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sample LMS as its admins and senders use it: a webhook created through the admin endpoints
 * takes a completion for a user and course of the LMS's own tables; the LMS's transactional service
 * records completions that commit, or roll back, with its own writes.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "lms.owner-token=test-owner-token")
class LmsApplicationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired CourseProgress progress;
  @Autowired JdbcTemplate jdbc;

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

  private int completionsOf(String course) {
    Integer count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM lh_completions WHERE item_id = ?", Integer.class, course);
    return count == null ? -1 : count;
  }

  @Test
  void aWebhookCreatedByTheOwnerRecordsACompletionOfTheLmsCourse() throws Exception {
    HttpResponse<String> created =
        post(
            "/admin/webhooks",
            "Bearer test-owner-token",
            "{\"name\":\"KnowBe4\",\"mapping\":{\"email\":\"user.email\","
                + "\"source_id\":\"lesson.id\"}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String key = JSON.readTree(created.body()).path("key").asText();

    HttpResponse<String> recorded =
        post(
            "/webhooks/item_completions",
            "Bearer " + key,
            "{\"user\":{\"email\":\"Ann@Acme.test\"},\"lesson\":{\"id\":\"1000\"},"
                + "\"event_id\":\"evt-1\"}");

    assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
    JsonNode body = JSON.readTree(recorded.body());
    assertThat(body.toString()).contains("c1");
  }

  @Test
  void theAdminEndpointsRefuseACallerWithoutTheToken() throws Exception {
    assertThat(post("/admin/webhooks", "Bearer wrong", "{}").statusCode()).isEqualTo(401);
  }

  @Test
  void aFinishedCourseIsRecordedWithTheLmsProgress() {
    int before = completionsOf("c1");

    RecordResult result = progress.finish("acme", "u1", "c1", 90);

    assertThat(result.created()).isTrue();
    assertThat(completionsOf("c1")).isEqualTo(before + 1);
  }

  @Test
  void aFailedFinishRecordsNothing() {
    int before = completionsOf("c1");
    Integer progressBefore =
        jdbc.queryForObject("SELECT COUNT(*) FROM app_progress", Integer.class);

    assertThatThrownBy(() -> progress.finish("acme", "u1", "c1", 101))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(completionsOf("c1")).isEqualTo(before);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM app_progress", Integer.class))
        .isEqualTo(progressBefore);
  }
}
