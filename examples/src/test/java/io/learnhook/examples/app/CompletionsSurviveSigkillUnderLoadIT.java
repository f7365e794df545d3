package io.learnhook.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SIGKILL harness: the packaged app serves a load of concurrent senders posting completions,
 * with a report subscription to a receiver here, and is killed with SIGKILL at a random moment; a
 * new process starts on the same H2 file, and so on, {@code learnhook.sigkill.rounds} times (1 by
 * default, to keep the build short). Senders retry what was not answered, as real ones do. At the
 * end every completion that was answered 201 or 200 is in the database, and every stored
 * completion's report has reached the receiver. Prints the counts.
 *
 * <p>A longer run: {@code mvn -B -pl examples -am verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=CompletionsSurviveSigkillUnderLoadIT
 * -Dlearnhook.sigkill.rounds=20}.
 */
class CompletionsSurviveSigkillUnderLoadIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
  private static final int SENDERS = 4;

  @TempDir Path dir;
  private final AppProcesses apps = new AppProcesses();
  private final ExecutorService receiverThreads = Executors.newFixedThreadPool(4);

  /** completed_at of every report received. */
  private final Set<Instant> reported = ConcurrentHashMap.newKeySet();

  private final AtomicInteger reportsReceived = new AtomicInteger();
  private HttpServer receiver;

  @AfterEach
  void stop() throws Exception {
    apps.close();
    if (receiver != null) {
      receiver.stop(0);
    }
    receiverThreads.shutdownNow();
  }

  @Test
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void everyAnsweredCompletionIsStoredAndReportedAcrossRandomSigkills() throws Exception {
    assertThat(AppProcesses.JAR).exists();
    int rounds = Integer.getInteger("learnhook.sigkill.rounds", 1);
    Random random = new Random(Long.getLong("learnhook.sigkill.seed", System.nanoTime()));
    startReceiver();
    String key = UUID.randomUUID().toString();
    Path seed =
        Files.writeString(
            dir.resolve("seed.json"),
            """
            {"companies":[{"id":"acme","integration_enabled":true}],
             "users":[{"id":"u1","company":"acme","email":"ann@acme.test","name":"Ann","active":true}],
             "items":[{"id":"i1","company":"acme","title":"Phishing 101","source_id":"1000",
                       "source_type":"knowbe4","type":"web_link","completion_controlled_externally":true}],
             "webhooks":[{"id":"w1","company":"acme","name":"KnowBe4","key":"%s","source_type":"knowbe4",
                          "mapping":{"email":"user.email","source_id":"lesson.id","completed_at":"at","event_id":"eid"}}],
             "report_subscriptions":[{"company":"acme","callback_url":"http://127.0.0.1:%d/reports",
                          "allow_private_network":true,"retry":{"max_retries":10,"interval_seconds":1}}]}
            """
                .formatted(key, receiver.getAddress().getPort()));
    String db = "jdbc:h2:file:" + dir.resolve("db").resolve("learnhook").toAbsolutePath();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Set<Integer> answered = ConcurrentHashMap.newKeySet();
    Set<Integer> unanswered = ConcurrentHashMap.newKeySet();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger sent = new AtomicInteger();
    List<Long> killedAfterMillis = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      Process app = apps.serve(dir, seed, db);
      URI endpoint =
          URI.create("http://127.0.0.1:" + AppProcesses.portOf(app) + "/webhooks/item_completions");
      warmUp(http, endpoint);
      AtomicBoolean killed = new AtomicBoolean();
      ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
      // Retries first: what the last process never answered is sent again.
      List<Integer> retries = new ArrayList<>(unanswered);
      unanswered.removeAll(retries);
      for (int s = 0; s < SENDERS; s++) {
        int sender = s;
        senders.submit(
            () -> {
              for (int i = sender; !killed.get(); i += SENDERS) {
                int n = i < retries.size() ? retries.get(i) : next.getAndIncrement();
                sent.incrementAndGet();
                if (post(http, endpoint, key, n)) {
                  answered.add(n);
                } else {
                  unanswered.add(n);
                }
              }
              return null;
            });
      }
      long loadFor = 500 + random.nextInt(2500);
      Thread.sleep(loadFor);
      app.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no graceful close
      assertThat(app.waitFor(20, TimeUnit.SECONDS)).isTrue();
      killed.set(true);
      senders.shutdown();
      assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      killedAfterMillis.add(loadFor);
    }

    // A last process: the senders retry what is still unanswered, and the reports drain.
    Process last = apps.serve(dir, seed, db);
    URI endpoint =
        URI.create("http://127.0.0.1:" + AppProcesses.portOf(last) + "/webhooks/item_completions");
    for (int n : new ArrayList<>(unanswered)) {
      sent.incrementAndGet();
      if (post(http, endpoint, key, n)) {
        answered.add(n);
        unanswered.remove(n);
      }
    }
    Set<Instant> expected = new HashSet<>();
    answered.forEach(n -> expected.add(at(n)));
    // In-flight reports of a killed process are claimed again once their lease (14 s) has run out.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!reported.containsAll(expected) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    last.destroy();
    assertThat(last.waitFor(30, TimeUnit.SECONDS)).isTrue();

    Set<Instant> stored = storedCompletions(db);
    Set<Instant> lost = new HashSet<>(expected);
    lost.removeAll(stored);
    Set<Instant> unreported = new HashSet<>(stored);
    unreported.removeAll(reported);
    System.out.printf(
        "SIGKILL harness: %d rounds (killed after %s ms of load), %d posts by %d senders; answered 201/200: %d;"
            + " stored: %d; lost: %d; never answered: %d; reports received: %d (distinct: %d); stored but"
            + " not reported: %d%n",
        rounds,
        killedAfterMillis,
        sent.get(),
        SENDERS,
        answered.size(),
        stored.size(),
        lost.size(),
        unanswered.size(),
        reportsReceived.get(),
        reported.size(),
        unreported.size());
    assertThat(answered).as("completions answered").isNotEmpty();
    assertThat(lost).as("answered 201/200 but not in the database").isEmpty();
    assertThat(unreported).as("stored but whose report never arrived").isEmpty();
  }

  /**
   * A few calls with an unknown key (401, nothing written), so that the load meets a warm process.
   */
  private static void warmUp(HttpClient http, URI endpoint) throws Exception {
    for (int i = 0; i < 20; i++) {
      http.send(
          HttpRequest.newBuilder(endpoint)
              .header("Authorization", "Bearer " + UUID.randomUUID())
              .POST(HttpRequest.BodyPublishers.ofString("{}"))
              .build(),
          HttpResponse.BodyHandlers.discarding());
    }
  }

  /** Posts completion {@code n}; whether it was answered 201 or 200. */
  private static boolean post(HttpClient http, URI endpoint, String key, int n) {
    String body =
        "{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},\"at\":\""
            + at(n)
            + "\",\"eid\":\"e-"
            + n
            + "\"}";
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(endpoint)
                  .timeout(Duration.ofSeconds(10))
                  .header("Authorization", "Bearer " + key)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 201 || response.statusCode() == 200;
    } catch (java.io.IOException e) {
      return false; // killed mid-request: unknown, so the sender sends it again
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Instant at(int n) {
    return BASE.plusSeconds(n);
  }

  private static Set<Instant> storedCompletions(String db) throws Exception {
    Set<Instant> stored = new HashSet<>();
    try (Connection connection = DriverManager.getConnection(db, "sa", "");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT completed_at FROM lh_completions")) {
      while (rows.next()) {
        stored.add(rows.getObject(1, OffsetDateTime.class).toInstant());
      }
    }
    return stored;
  }

  private void startReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    receiver.createContext(
        "/reports",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          reportsReceived.incrementAndGet();
          reported.add(Instant.parse(JSON.readTree(body).path("completed_at").asText()));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.setExecutor(receiverThreads);
    receiver.start();
  }
}
