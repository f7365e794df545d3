package io.learnhook.benchmarks.load;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.learnhook.LearnHook;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.jdbc.JdbcDirectory;
import io.learnhook.jdbc.JdbcStore;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.ratelimit.RateLimits;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * LearnHook on {@link JdbcStore} over an in-memory H2 database behind a HikariCP pool: one company
 * with the integration on, one webhook, {@code users} users and {@code users} items. {@link #body}
 * makes the request of a sequence number: a user, an item and a completion time that, together,
 * never repeat, so every request records a new completion.
 */
public final class H2Ingest implements AutoCloseable {
  /** The webhook's key (a benchmark's, not a secret). */
  public static final WebhookKey KEY = WebhookKey.of("3c2b1a09-8f7e-4d6c-9b5a-493827161504");

  private static final CompanyId ACME = CompanyId.of("acme");
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final HikariDataSource pool;
  private final LearnHook learnHook;
  private final int users;

  private H2Ingest(HikariDataSource pool, LearnHook learnHook, int users) {
    this.pool = pool;
    this.learnHook = learnHook;
    this.users = users;
  }

  /** A fresh database with {@code users} users and as many items. */
  public static H2Ingest start(int users, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:lh_load_" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(poolSize);
    HikariDataSource pool = new HikariDataSource(config);
    JdbcStore store = JdbcStore.builder(pool).build();
    store.createSchema();
    JdbcDirectory directory = store.directory();
    directory.putCompany(new Company(ACME, true));
    for (int n = 0; n < users; n++) {
      directory.putUser(
          new User(
              UserId.of("u-" + n),
              ACME,
              "User" + n + "@Acme.test",
              "User " + n,
              true,
              Optional.empty(),
              Map.of()));
      directory.putItem(
          new Item(
              ItemId.of("i-" + n),
              ACME,
              "Item " + n,
              ItemType.of("web_link"),
              Optional.of("item-" + n),
              Optional.of("src-" + n),
              Optional.empty(),
              true));
    }
    Instant now = Instant.now();
    store
        .webhooks()
        .save(
            new Webhook(
                WebhookId.of("load"),
                ACME,
                "Load",
                KEY.hash(),
                FieldMapping.parse(
                    "{\"email\":\"user.email\",\"source_id\":\"lesson.id\","
                        + "\"completed_at\":\"completed_at\",\"score\":\"result.score\",\"event_id\":\"id\"}"),
                Optional.empty(),
                now,
                now));
    // Off: one webhook at thousands of calls a second is what the harness measures, not abuse.
    return new H2Ingest(
        pool, LearnHook.builder().store(store).rateLimits(RateLimits.off()).build(), users);
  }

  public LearnHook learnHook() {
    return learnHook;
  }

  /**
   * The body of request {@code sequence}: about 330 bytes in the shape of an LMS's completion
   * event, mapped fields and a few that nobody asked for.
   */
  public byte[] body(long sequence) {
    long user = sequence % users;
    long item = (sequence / users) % users;
    return ("{\"event\":\"lesson.completed\",\"id\":\"evt-"
            + sequence
            + "\",\"user\":{\"email\":\"User"
            + user
            + "@Acme.test\",\"name\":\"User "
            + user
            + "\",\"department\":\"Sales\"},\"lesson\":{\"id\":\"src-"
            + item
            + "\",\"title\":\"Lesson "
            + item
            + "\",\"duration_minutes\":12},\"result\":{\"score\":"
            + (sequence % 101)
            + ",\"passed\":true},\"completed_at\":\""
            + BASE.plusSeconds(sequence)
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    pool.close();
  }
}
