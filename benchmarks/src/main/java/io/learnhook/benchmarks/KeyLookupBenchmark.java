package io.learnhook.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.learnhook.LearnHook;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.http.ingest.EndpointResponse;
import io.learnhook.http.ingest.IncomingRequest;
import io.learnhook.http.ingest.IncomingWebhookEndpoint;
import io.learnhook.jdbc.JdbcStore;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.spi.LearnHookStore;
import io.learnhook.spi.WebhookRepository;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Does the time to answer 401 tell an attacker whether a key exists? Every 401 of the incoming
 * endpoint, for a key no webhook has, a revoked key (a webhook's previous key after its grace
 * period) and a key of another tenant, over the in-memory store and H2, and the bare lookup by key
 * hash of an existing and an unknown key. Sample time, so that JMH reports the median and p99; read
 * the ratios of one run (docs/SECURITY.md). Keys cycle through {@value #KEYS} of each kind so that
 * no single key stays in a cache.
 *
 * <pre>
 * mvn -B -q -Pjmh -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar KeyLookupBenchmark -rf json -rff target/keys.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class KeyLookupBenchmark {
  static final int KEYS = 1024;
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final CompanyId GLOBEX = CompanyId.of("globex");
  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

  /** When the calls are answered: an hour after the keys were rotated with a one-minute grace. */
  private static final Instant NOW = CREATED.plus(Duration.ofHours(1));

  /** Where the webhooks are stored. */
  @Param({"memory", "h2"})
  public String store;

  /** How many webhooks there are (each kind of key cycles through {@value #KEYS} of them). */
  @Param({"10000"})
  public int webhooks;

  private HikariDataSource pool;
  private LearnHook learnHook;

  /** The HTTP-level endpoint over {@link #learnHook}: the path from raw request to JSON answer. */
  private IncomingWebhookEndpoint endpoint;

  private WebhookRepository repository;
  private final WebhookKey[] existing = new WebhookKey[KEYS];
  private final WebhookKey[] unknown = new WebhookKey[KEYS];
  private final WebhookKey[] revoked = new WebhookKey[KEYS];
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    LearnHookStore storage;
    if (store.equals("h2")) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl("jdbc:h2:mem:keys-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
      config.setMaximumPoolSize(2);
      pool = new HikariDataSource(config);
      JdbcStore jdbc = JdbcStore.builder(pool).build();
      jdbc.createSchema();
      jdbc.directory().putCompany(new Company(ACME, true));
      jdbc.directory().putCompany(new Company(GLOBEX, true));
      storage = jdbc;
    } else {
      InMemoryStore memory = new InMemoryStore();
      memory.putCompany(new Company(ACME, true)).putCompany(new Company(GLOBEX, true));
      storage = memory;
    }
    repository = storage.webhooks();
    FieldMapping mapping =
        FieldMapping.parse("{\"email\":\"user.email\",\"source_id\":\"lesson.id\"}");
    for (int i = 0; i < webhooks; i++) {
      WebhookKey key = WebhookKey.generate();
      Webhook webhook =
          new Webhook(
              WebhookId.of("w-" + i),
              ACME,
              "w-" + i,
              key.hash(),
              mapping,
              Optional.empty(),
              CREATED,
              CREATED);
      if (i < KEYS) {
        // Rotated with a minute's grace, an hour ago: the old key is still stored, and refused.
        revoked[i] = key;
        WebhookKey current = WebhookKey.generate();
        webhook = webhook.withRotatedKey(current.hash(), CREATED, Duration.ofMinutes(1));
        existing[i] = current;
      }
      repository.save(webhook);
      if (i < KEYS) {
        unknown[i] = WebhookKey.generate();
      }
    }
    learnHook = LearnHook.builder().store(storage).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    endpoint = new IncomingWebhookEndpoint(learnHook.ingest());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (pool != null) {
      pool.close();
    }
  }

  private int nextIndex() {
    next = (next + 1) & (KEYS - 1);
    return next;
  }

  private static IncomingRequest call(WebhookKey key) {
    return IncomingRequest.of(
        Optional.of("Bearer " + key.reveal()),
        "",
        OptionalLong.of(2),
        new ByteArrayInputStream(new byte[] {'{', '}'}));
  }

  private static EndpointResponse require401(EndpointResponse response) {
    if (response.status() != 401) {
      throw new IllegalStateException("expected 401, was " + response.status());
    }
    return response;
  }

  @Benchmark
  public EndpointResponse answer401UnknownKey() {
    return require401(endpoint.handle(call(unknown[nextIndex()])));
  }

  @Benchmark
  public EndpointResponse answer401RevokedKey() {
    return require401(endpoint.handle(call(revoked[nextIndex()])));
  }

  @Benchmark
  public EndpointResponse answer401KeyOfAnotherTenant() {
    return require401(endpoint.handle(call(existing[nextIndex()]).forTenant(GLOBEX)));
  }

  @Benchmark
  public Optional<Webhook> lookupExistingKey() {
    return repository.findByKeyHash(existing[nextIndex()].hash());
  }

  @Benchmark
  public Optional<Webhook> lookupUnknownKey() {
    return repository.findByKeyHash(unknown[nextIndex()].hash());
  }
}
