package io.learnhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.LearnHook;
import io.learnhook.SwitchedDatabase;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.reporting.DeliveryWorkers;
import io.learnhook.spi.ReportTransport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code GET /health} and {@code GET /health/live} over real sockets, on the JDK server and in a
 * servlet container: the statuses and bodies of the contract, no caching, and a bounded answer when
 * the database hangs.
 */
class HealthEndpointsTest {
  private static final String ALL_UP =
      "{\"status\":\"up\",\"checks\":{\"database\":\"up\",\"delivery_workers\":\"up\"}}";

  private final InMemoryStore store = new InMemoryStore();
  private final SwitchedDatabase database = new SwitchedDatabase(store.transactions());
  private final LearnHook learnHook =
      LearnHook.builder().store(store).transactions(database).build();
  private final CountDownLatch hung = new CountDownLatch(1);
  private DeliveryWorkers workers;

  @AfterEach
  void stop() {
    hung.countDown();
    if (workers != null) {
      workers.close();
    }
  }

  @ParameterizedTest
  @EnumSource(HealthServers.class)
  void answersUpWithEveryCheckWhenTheDatabaseAnswersAndTheWorkersRun(HealthServers binding) {
    workers = learnHook.deliveries().workers(new NoTransport()).start();
    try (HealthServers.Running server = binding.serve(learnHook)) {
      HttpResponse<String> response = server.get("/health");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(ALL_UP);
      assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      assertThat(server.get("/health/").body()).isEqualTo(ALL_UP);
    }
  }

  @ParameterizedTest
  @EnumSource(HealthServers.class)
  void answers503NamingTheDatabaseWhenItDoesNotAnswer(HealthServers binding) {
    database.answer(() -> false);
    try (HealthServers.Running server = binding.serve(learnHook)) {
      HttpResponse<String> response = server.get("/health");

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body())
          .isEqualTo(
              "{\"status\":\"down\",\"checks\":{\"database\":\"down\",\"delivery_workers\":\"up\"}}");
      assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }
  }

  @ParameterizedTest
  @EnumSource(HealthServers.class)
  void answers503NamingTheDeliveryWorkersOnceTheyStopped(HealthServers binding) {
    workers = learnHook.deliveries().workers(new NoTransport()).start();
    workers.close();
    try (HealthServers.Running server = binding.serve(learnHook)) {
      HttpResponse<String> response = server.get("/health");

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body())
          .isEqualTo(
              "{\"status\":\"down\",\"checks\":{\"database\":\"up\",\"delivery_workers\":\"down\"}}");
    }
  }

  @ParameterizedTest
  @EnumSource(HealthServers.class)
  void answers503WithinTheCheckTimeoutWhenTheDatabaseHangs(HealthServers binding) {
    database.answer(
        () -> {
          try {
            hung.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return true;
        });
    try (HealthServers.Running server = binding.serve(learnHook)) {
      for (int probe = 1; probe <= 2; probe++) {
        long start = System.nanoTime();
        HttpResponse<String> response = server.get("/health");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // The check gives up after 2 s; the second probe waits on the same hung check.
        assertThat(response.statusCode()).as("probe %d", probe).isEqualTo(503);
        assertThat(response.body()).contains("\"database\":\"down\"");
        assertThat(took).as("probe %d", probe).isLessThan(Duration.ofSeconds(3));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(HealthServers.class)
  void liveAnswers200WhileTheProcessRunsEvenWithTheDatabaseDown(HealthServers binding) {
    database.answer(() -> false);
    try (HealthServers.Running server = binding.serve(learnHook)) {
      HttpResponse<String> response = server.get("/health/live");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("{\"status\":\"up\"}");
      assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }
  }

  @ParameterizedTest
  @EnumSource(HealthServers.class)
  void answersHeadWithoutABodyAndRefusesOtherMethodsAndPaths(HealthServers binding) {
    try (HealthServers.Running server = binding.serve(learnHook)) {
      HttpResponse<String> head = server.send("HEAD", "/health");
      HttpResponse<String> post = server.send("POST", "/health");
      HttpResponse<String> other = server.get("/health/ready-or-not");

      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
      assertThat(other.statusCode()).isEqualTo(404);
    }
  }

  /** Nothing to deliver in these tests; the workers only need to run. */
  private static final class NoTransport implements ReportTransport {
    @Override
    public TransportResponse send(ReportRequest request) {
      return new TransportResponse(200, Optional.empty(), "");
    }

    @Override
    public Duration timeout() {
      return Duration.ofSeconds(5);
    }
  }
}
