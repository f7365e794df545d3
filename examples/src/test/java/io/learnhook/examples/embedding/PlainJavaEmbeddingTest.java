package io.learnhook.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class PlainJavaEmbeddingTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void recordsACompletionSentWithTheKeyOfTheWebhookItCreated() throws Exception {
    try (PlainJavaEmbedding.Running lms = PlainJavaEmbedding.start(0, "test-admin-token")) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(lms.server().uri())
                  .header("Authorization", "Bearer " + lms.key().key().reveal())
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"}}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      assertThat(response.body()).contains("\"item_id\":\"i-1\"");
    }
  }

  @Test
  void servesTheAdminEndpointsToTheOwnersToken() throws Exception {
    try (PlainJavaEmbedding.Running lms = PlainJavaEmbedding.start(0, "test-admin-token")) {
      URI webhooks = URI.create(lms.server().adminUri() + "/webhooks");

      HttpResponse<String> owner =
          http.send(
              HttpRequest.newBuilder(webhooks)
                  .header("Authorization", "Bearer test-admin-token")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> nobody =
          http.send(HttpRequest.newBuilder(webhooks).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(owner.statusCode()).isEqualTo(200);
      assertThat(owner.body())
          .contains("\"name\":\"KnowBe4\"")
          .doesNotContain(lms.key().key().reveal());
      assertThat(nobody.statusCode()).isEqualTo(401);
    }
  }
}
