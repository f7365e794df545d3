package io.learnhook.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliveries survive a crash: the packaged app is killed with SIGKILL while it is delivering
 * reports to a slow subscriber, a new process is started on the same H2 file, and every report
 * arrives. A report may arrive twice (it was being sent when the first process died), but then
 * always with the same {@code webhook-id}; none is lost.
 */
class ReportsSurviveSigkillIT {
  private static final int COMPLETIONS = 40;
  private static final Duration SLOW = Duration.ofMillis(250);

  @TempDir Path dir;
  private final AppProcesses apps = new AppProcesses();
  private final ExecutorService receiverThreads = Executors.newCachedThreadPool();

  /** Every report received, in order of arrival: its webhook-id, body, and arrival (nanoTime). */
  private final List<String[]> received = new ArrayList<>();

  private HttpServer receiver;

  @AfterEach
  void stop() throws Exception {
    apps.close();
    if (receiver != null) {
      receiver.stop(0);
    }
    receiverThreads.shutdownNow();
  }

  private synchronized int receivedCount() {
    return received.size();
  }

  private synchronized List<String[]> receivedSoFar() {
    return List.copyOf(received);
  }

  private void startSlowReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    receiver.createContext(
        "/reports",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          // Kept on arrival: a report whose sender dies while we are slow still counts as received
          // here.
          synchronized (this) {
            received.add(
                new String[] {
                  exchange.getRequestHeaders().getFirst("webhook-id"),
                  new String(body, StandardCharsets.UTF_8),
                  Long.toString(System.nanoTime())
                });
          }
          try {
            Thread.sleep(SLOW.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.setExecutor(receiverThreads);
    receiver.start();
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aNewProcessDeliversEveryReportAfterTheFirstIsKilledMidDelivery() throws Exception {
    assertThat(AppProcesses.JAR).exists();
    startSlowReceiver();
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
                          "mapping":{"email":"user.email","source_id":"lesson.id","completed_at":"at"}}],
             "report_subscriptions":[{"company":"acme","callback_url":"http://127.0.0.1:%d/reports",
                          "allow_private_network":true,"retry":{"max_retries":5,"interval_seconds":1}}]}
            """
                .formatted(key, receiver.getAddress().getPort()));
    String db = "jdbc:h2:file:" + dir.resolve("db").resolve("learnhook").toAbsolutePath();

    Process first = apps.serve(dir, seed, db);
    int port = AppProcesses.portOf(first);
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < COMPLETIONS; i++) {
      batch
          .append(i == 0 ? "" : ",")
          .append("{\"user\":{\"email\":\"ann@acme.test\"},\"lesson\":{\"id\":\"1000\"},")
          .append("\"at\":\"2026-01-01T00:00:")
          .append(String.format("%02d", i))
          .append("Z\"}");
    }
    HttpResponse<String> recorded =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/webhooks/item_completions"))
                    .header("Authorization", key)
                    .POST(HttpRequest.BodyPublishers.ofString(batch.append("]").toString()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(recorded.statusCode()).isEqualTo(200);
    assertThat(recorded.body().split("\"status\":201", -1)).hasSize(COMPLETIONS + 1);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (receivedCount() < 5 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    first.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no graceful close
    assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
    long killedAt = System.nanoTime();
    int beforeKill = receivedCount();
    assertThat(beforeKill)
        .as("killed in the middle of the deliveries")
        .isBetween(5, COMPLETIONS - 1);

    Process second = apps.serve(dir, seed, db);
    AppProcesses.portOf(second);
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (distinctBodies() < COMPLETIONS && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    // The reports in flight when the first process died are sent again once their lease (14 s with
    // --report-timeout 2) has run out; wait for that, so that the checks below see those sends too.
    long leaseOver = killedAt + TimeUnit.SECONDS.toNanos(14 + 4);
    while (System.nanoTime() < leaseOver) {
      Thread.sleep(100);
    }

    List<String[]> all = receivedSoFar();
    Map<String, Set<String>> bodiesById = new HashMap<>();
    Map<String, Set<String>> idsByBody = new HashMap<>();
    for (String[] report : all) {
      bodiesById.computeIfAbsent(report[0], id -> new HashSet<>()).add(report[1]);
      idsByBody.computeIfAbsent(report[1], body -> new HashSet<>()).add(report[0]);
    }
    assertThat(idsByBody).as("every completion reported, none lost").hasSize(COMPLETIONS);
    assertThat(bodiesById).as("one webhook-id per report").hasSize(COMPLETIONS);
    assertThat(bodiesById.values()).allSatisfy(bodies -> assertThat(bodies).hasSize(1));
    assertThat(idsByBody.values())
        .as("a report sent twice keeps its webhook-id")
        .allSatisfy(ids -> assertThat(ids).hasSize(1));
    assertThat(all.size() - COMPLETIONS)
        .as("duplicates: at most the reports in flight when the first process died")
        .isLessThanOrEqualTo(8);
    Set<String> sentBeforeKill = new HashSet<>();
    Set<String> sentAgain = new HashSet<>();
    for (String[] report : all) {
      if (Long.parseLong(report[2]) < killedAt) {
        sentBeforeKill.add(report[0]);
      } else if (sentBeforeKill.contains(report[0])) {
        sentAgain.add(report[0]);
      }
    }
    assertThat(sentAgain)
        .as(
            "a report in flight at the kill is claimed again after its lease and sent with its webhook-id")
        .isNotEmpty();
  }

  private synchronized long distinctBodies() {
    return received.stream().map(r -> r[1]).distinct().count();
  }
}
