package io.learnhook.http;

import static io.learnhook.http.Client.bearer;
import static io.learnhook.http.Client.post;
import static io.learnhook.http.Lms.ACME_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.learnhook.LearnHook;
import io.learnhook.http.ingest.IncomingWebhookEndpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Starting, finding, embedding and stopping the server. */
class LearnHookHttpServerTest {
  private final Lms lms = new Lms();
  private final LearnHook learnHook = lms.learnHook().build();

  @BeforeAll
  static void startLearnHooksServerBeforeAnyOther() throws IOException {
    // The JDK reads its server settings when the JVM's first HttpServer is created; the tests below
    // that create plain HttpServers must not be that first one.
    LearnHookHttpServer.builder().ingest(new Lms().learnHook().build().ingest()).start().close();
  }

  @Test
  void answersKeptAliveConnectionsWithoutWaitingForDelayedAcks() throws IOException {
    try (LearnHookHttpServer server =
        LearnHookHttpServer.builder().ingest(learnHook.ingest()).start()) {
      List<Duration> took = new ArrayList<>();
      for (int call = 0; call < 25; call++) {
        long started = System.nanoTime();
        HttpResponse<String> response =
            post(server.uri(), "{}", "Authorization", bearer(Lms.UNKNOWN_KEY));
        took.add(Duration.ofNanos(System.nanoTime() - started));
        assertThat(response.statusCode()).isEqualTo(401);
      }
      Collections.sort(took);

      // With Nagle's algorithm on, each answer waits ~40 ms for the client's delayed ACK.
      assertThat(took.get(took.size() / 2)).isLessThan(Duration.ofMillis(25));
      assertThat(System.getProperty(LearnHookHttpServer.NO_DELAY_PROPERTY)).isEqualTo("true");
    }
  }

  @Test
  void listensOnAFreeLoopbackPortAndNamesTheEndpointsUrl() throws IOException {
    try (LearnHookHttpServer server =
        LearnHookHttpServer.builder().ingest(learnHook.ingest()).start()) {
      assertThat(server.port()).isPositive();
      assertThat(server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
      assertThat(server.uri())
          .isEqualTo(
              URI.create("http://127.0.0.1:" + server.port() + "/webhooks/item_completions"));

      HttpResponse<String> response =
          post(server.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(ACME_KEY));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
  }

  @Test
  void namesTheLoopbackAddressInItsUrlWhenBoundToEveryInterface() throws IOException {
    try (LearnHookHttpServer server =
        LearnHookHttpServer.builder()
            .ingest(learnHook.ingest())
            .bindAddress(InetAddress.getByName("0.0.0.0"))
            .start()) {
      assertThat(server.address().getAddress().isAnyLocalAddress()).isTrue();
      assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
      HttpResponse<String> response =
          post(server.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(ACME_KEY));
      assertThat(response.statusCode()).isEqualTo(201);
    }
  }

  @Test
  void answersOnItsOwnNamedThreads() throws IOException {
    AtomicReference<String> thread = new AtomicReference<>();
    TenantResolver spy =
        host -> {
          thread.set(Thread.currentThread().getName());
          return Optional.empty();
        };
    try (LearnHookHttpServer server =
        LearnHookHttpServer.builder().ingest(learnHook.ingest()).tenantResolver(spy).start()) {
      post(server.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(ACME_KEY));
    }
    assertThat(thread.get()).matches("learnhook-http-\\d+");
  }

  @Test
  void closeStopsListeningPromptly() throws IOException {
    LearnHookHttpServer server = LearnHookHttpServer.builder().ingest(learnHook.ingest()).start();
    post(server.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(ACME_KEY));
    int port = server.port();

    long started = System.nanoTime();
    server.close();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).isLessThan(Duration.ofMillis(900));
    assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 1_000))
        .isInstanceOf(ConnectException.class);
    server.close(); // idempotent
  }

  @Test
  void closeLetsARequestInProgressFinish() throws Exception {
    CountDownLatch recording = new CountDownLatch(1);
    LearnHook slow =
        lms.learnHook()
            .listener(
                completion -> {
                  recording.countDown();
                  sleep(Duration.ofMillis(300));
                })
            .build();
    LearnHookHttpServer server =
        LearnHookHttpServer.builder()
            .ingest(slow.ingest())
            .shutdownGracePeriod(Duration.ofSeconds(5))
            .start();
    CompletableFuture<HttpResponse<String>> inProgress =
        CompletableFuture.supplyAsync(
            () ->
                post(
                    server.uri(), Lms.annCompletedLesson1000(), "Authorization", bearer(ACME_KEY)));
    assertThat(recording.await(5, TimeUnit.SECONDS)).isTrue();

    server.close();

    assertThat(inProgress.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
  }

  @Test
  void setsTheJdkServersRequestDeadlineUnlessTheApplicationHas() throws IOException {
    String configured = System.clearProperty(LearnHookHttpServer.MAX_REQUEST_TIME_PROPERTY);
    try {
      try (LearnHookHttpServer server =
          LearnHookHttpServer.builder()
              .ingest(new Lms().learnHook().build().ingest())
              .requestTimeout(Duration.ofSeconds(7))
              .start()) {
        assertThat(System.getProperty(LearnHookHttpServer.MAX_REQUEST_TIME_PROPERTY))
            .isEqualTo("7");
      }
      System.setProperty(LearnHookHttpServer.MAX_REQUEST_TIME_PROPERTY, "11");
      try (LearnHookHttpServer server =
          LearnHookHttpServer.builder().ingest(new Lms().learnHook().build().ingest()).start()) {
        assertThat(System.getProperty(LearnHookHttpServer.MAX_REQUEST_TIME_PROPERTY))
            .isEqualTo("11");
      }
    } finally {
      if (configured == null) {
        System.clearProperty(LearnHookHttpServer.MAX_REQUEST_TIME_PROPERTY);
      } else {
        System.setProperty(LearnHookHttpServer.MAX_REQUEST_TIME_PROPERTY, configured);
      }
    }
  }

  @Test
  void requiresAnEndpoint() {
    assertThatThrownBy(() -> LearnHookHttpServer.builder().start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ingest(learnHook.ingest())");
  }

  @Test
  void mountsOnAnHttpServerTheApplicationAlreadyRuns() throws IOException {
    HttpServer existing =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    existing.createContext(
        "/health",
        exchange -> {
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    existing.createContext(
        IncomingWebhookEndpoint.PATH, new IncomingWebhookHandler(learnHook.ingest()));
    existing.start();
    try {
      URI base = URI.create("http://127.0.0.1:" + existing.getAddress().getPort());

      HttpResponse<String> response =
          post(
              base.resolve(IncomingWebhookEndpoint.PATH),
              Lms.annCompletedLesson1000(),
              "Authorization",
              bearer(ACME_KEY));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      assertThat(Client.send(Client.request(base.resolve("/health")).GET().build()).statusCode())
          .isEqualTo(204);
    } finally {
      existing.stop(0);
    }
  }

  @Test
  void servesThePathOfWhateverContextItIsMountedOn() throws IOException {
    HttpServer existing =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    existing.createContext("/lms/api/completions", new IncomingWebhookHandler(learnHook.ingest()));
    existing.start();
    try {
      URI base = URI.create("http://127.0.0.1:" + existing.getAddress().getPort());

      HttpResponse<String> mounted =
          post(
              base.resolve("/lms/api/completions/"),
              Lms.annCompletedLesson1000At("2026-01-15T10:00:00Z"),
              "Authorization",
              bearer(ACME_KEY));
      HttpResponse<String> below =
          post(base.resolve("/lms/api/completions/x"), "{}", "Authorization", bearer(ACME_KEY));

      assertThat(mounted.statusCode()).as(mounted.body()).isEqualTo(201);
      Client.assertError(below, 404, "Not found");
    } finally {
      existing.stop(0);
    }
  }

  @Test
  void refusesImpossibleSettings() {
    assertThatThrownBy(() -> LearnHookHttpServer.builder().port(65_536))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LearnHookHttpServer.builder().threads(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> LearnHookHttpServer.builder().shutdownGracePeriod(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
