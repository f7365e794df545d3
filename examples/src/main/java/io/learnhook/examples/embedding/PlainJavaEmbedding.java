package io.learnhook.examples.embedding;

import io.learnhook.LearnHook;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.http.LearnHookHttpServer;
import io.learnhook.http.admin.AdminAuthenticator;
import io.learnhook.http.admin.AdminEndpoint;
import io.learnhook.management.Actor;
import io.learnhook.management.Actor.Role;
import io.learnhook.management.WebhookAdministration.IssuedKey;
import io.learnhook.management.WebhookAdministration.NewWebhook;
import io.learnhook.memory.InMemoryStore;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * LearnHook in plain Java, no framework: an in-memory store, the JDK's HTTP server, one webhook
 * created the way an Owner would create it, and the admin endpoints behind a token. Run it and POST
 * with the printed curl line.
 */
public final class PlainJavaEmbedding {
  private PlainJavaEmbedding() {}

  public static void main(String[] args) throws IOException {
    Running running = start(8080, "change-me-admin-token");
    System.out.println(
        "curl -H 'Authorization: Bearer "
            + running.key().key().reveal()
            + "'"
            + " -d '{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"}}' "
            + running.server().uri());
  }

  /** Starts the LMS side on {@code port} (0: any free one). */
  public static Running start(int port, String adminToken) throws IOException {
    CompanyId acme = CompanyId.of("acme");
    InMemoryStore store =
        new InMemoryStore() // or JdbcStore.builder(dataSource).build()
            .putCompany(new Company(acme, true))
            .putUser(
                new User(
                    UserId.of("u-ann"),
                    acme,
                    "ann@acme.test",
                    "Ann",
                    true,
                    Optional.empty(),
                    Map.of()))
            .putItem(
                new Item(
                    ItemId.of("i-1"),
                    acme,
                    "Phishing 101",
                    ItemType.WEB_LINK,
                    Optional.of("phishing-101"),
                    Optional.of("1000"),
                    Optional.of("knowbe4"),
                    true));
    LearnHook learnHook =
        LearnHook.builder()
            .store(store)
            .listener(
                completion ->
                    System.out.println(
                        "completed: " + completion.item() + " by " + completion.user()))
            .build();

    Actor owner = new Actor(UserId.of("u-olivia"), acme, Role.OWNER);
    IssuedKey key =
        learnHook
            .administration()
            .create(
                owner,
                NewWebhook.of("KnowBe4", "{\"email\":\"user.email\",\"source_id\":\"lesson.id\"}")
                    .withSourceType("knowbe4"));

    LearnHookHttpServer server =
        LearnHookHttpServer.builder()
            .ingest(learnHook.ingest())
            .admin(
                new AdminEndpoint(
                    learnHook, AdminAuthenticator.bearerTokens(Map.of(adminToken, owner))))
            .port(port)
            .start();
    return new Running(server, key);
  }

  /** The running server and the webhook key to give the sender. */
  public record Running(LearnHookHttpServer server, IssuedKey key) implements AutoCloseable {
    @Override
    public void close() {
      server.close();
    }
  }
}
