package io.learnhook.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.management.Actor;
import io.learnhook.management.Actor.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServletEmbeddingTest {
  private Server server;
  private int port;

  @BeforeEach
  void start() throws Exception {
    server =
        ServletEmbedding.start(
            0, "jdbc:h2:mem:servlet-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    ServletEmbedding.SESSIONS.put("s-olivia", Actor.of("u-olivia", "acme", Role.OWNER));
    ServletEmbedding.SESSIONS.put("s-mona", Actor.of("u-mona", "acme", Role.MANAGER));
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  @Test
  void anOwnerCreatesAWebhookWhoseKeyRecordsACompletionOnTheCompanysHost() throws IOException {
    String created =
        request(
            "POST",
            "/admin/webhooks",
            "acme.localhost",
            "Cookie: SESSION=s-olivia",
            "{\"name\":\"KnowBe4\",\"mapping\":{\"email\":\"user.email\",\"source_id\":\"lesson.id\"}}");
    assertThat(created).startsWith("HTTP/1.1 201");
    String key =
        new ObjectMapper()
            .readTree(created.substring(created.indexOf("\r\n\r\n") + 4))
            .get("key")
            .asText();
    String payload = "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"}}";

    String onOwnHost =
        request(
            "POST",
            "/webhooks/item_completions",
            "acme.localhost",
            "Authorization: Bearer " + key,
            payload);
    String onAnotherCompanysHost =
        request(
            "POST",
            "/webhooks/item_completions",
            "globex.localhost",
            "Authorization: Bearer " + key,
            payload);

    assertThat(onOwnHost).startsWith("HTTP/1.1 201").contains("\"status\":\"recorded\"");
    assertThat(onAnotherCompanysHost).startsWith("HTTP/1.1 401").contains("Invalid webhook key");
  }

  @Test
  void refusesAManagersSessionAndAnUnknownOne() throws IOException {
    assertThat(request("GET", "/admin/webhooks", "acme.localhost", "Cookie: SESSION=s-mona", null))
        .startsWith("HTTP/1.1 403");
    assertThat(request("GET", "/admin/webhooks", "acme.localhost", "Cookie: SESSION=forged", null))
        .startsWith("HTTP/1.1 401");
  }

  /** One request on its own connection, with the Host a browser on that subdomain would send. */
  private String request(String method, String path, String host, String header, String body)
      throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (method
                  + " "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + host
                  + "\r\n"
                  + header
                  + "\r\nContent-Length: "
                  + bytes.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes);
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
