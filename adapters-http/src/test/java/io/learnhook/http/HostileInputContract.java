package io.learnhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnhook.LearnHook;
import io.learnhook.http.HostileCorpus.Answer;
import io.learnhook.http.HostileCorpus.Case;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link HostileCorpus} over real sockets against one binding, on H2 through the JDBC adapter:
 * every request answered with a 4xx of the status table (docs/CONTRACTS.md) and a JSON error (or,
 * where the HTTP stack itself refuses a request before any LearnHook code runs, a 4xx of the
 * stack's own or a closed connection), never a 5xx, never the key echoed, never a hang; not one
 * completion row written; and the server still serving afterwards. Prints the counts.
 */
abstract class HostileInputContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  private H2Lms lms;
  private final List<String> slowest = new ArrayList<>();
  private Binding.Served server;

  abstract Binding binding();

  @BeforeEach
  void start() {
    lms = new H2Lms();
    // The corpus sends a few hundred calls with one key in seconds: without a rate limit, each gets
    // the
    // answer its content deserves rather than a 429 (the limit has its own tests).
    LearnHook learnHook =
        lms.learnHook().rateLimits(io.learnhook.ratelimit.RateLimits.off()).build();
    // The admin routes too, for the corpus's calls to /admin/deliveries, with one failed report of
    // acme's that no refused call may send again.
    io.learnhook.http.admin.AdminAuthenticator tokens =
        io.learnhook.http.admin.AdminAuthenticator.bearerTokens(
            Map.of(
                HostileCorpus.ADMIN_TOKEN,
                io.learnhook.management.Actor.of(
                    "u-olivia", "acme", io.learnhook.management.Actor.Role.OWNER),
                HostileCorpus.LEARNER_TOKEN,
                io.learnhook.management.Actor.of(
                    "u-ann", "acme", io.learnhook.management.Actor.Role.LEARNER)));
    failedDelivery = keepAFailedDelivery();
    server = binding().serve(learnHook.ingest(), null, learnHook, tokens);
  }

  private io.learnhook.delivery.Delivery failedDelivery;

  private io.learnhook.delivery.Delivery keepAFailedDelivery() {
    java.time.Instant at = java.time.Instant.parse("2026-01-01T00:00:00Z");
    io.learnhook.delivery.DeliveryId id =
        io.learnhook.delivery.DeliveryId.of(HostileCorpus.FAILED_DELIVERY);
    var outbox = lms.store.outbox();
    outbox.enqueue(
        List.of(
            io.learnhook.delivery.Delivery.pending(
                id,
                io.learnhook.delivery.SubscriptionId.of("s-hostile"),
                Lms.ACME,
                io.learnhook.completion.CompletionId.of("c-hostile"),
                "{\"report\":1}",
                at)));
    var claim = io.learnhook.spi.DeliveryOutbox.ClaimId.random();
    outbox.claim(claim, at, at.plusSeconds(60), 1);
    outbox.finish(
        claim,
        io.learnhook.spi.DeliveryOutbox.DeliveryOutcome.failed(
            id, java.util.Optional.empty(), "gave up", at));
    return outbox.findById(id).orElseThrow();
  }

  @AfterEach
  void stop() {
    server.close();
    lms.close();
  }

  @Test
  @Timeout(180)
  void answersEveryHostileRequestWithAJson4xxWritesNothingAndKeepsServing() throws Exception {
    List<Case> corpus = HostileCorpus.all();
    List<String> failures = new ArrayList<>();
    Map<String, Integer> byStatus = new TreeMap<>();
    Map<String, Integer> byCategory = new TreeMap<>();
    List<String> stackRefusals = new ArrayList<>();

    List<String> stackFiveHundreds = new ArrayList<>();
    for (Case c : corpus) {
      if (c.category().equals("slow")) {
        continue;
      }
      Answer answer;
      try {
        answer = c.exchange().run(server.port());
      } catch (IOException e) {
        failures.add(c + ": " + e);
        continue;
      }
      judge(c, answer, failures, byStatus, byCategory, stackRefusals, stackFiveHundreds);
    }
    // Slow cases wait for the server's deadline: run them side by side, after the rest (the JDK
    // server's deadline also counts the time a request waits for a free thread).
    ExecutorService slow = Executors.newFixedThreadPool(8);
    List<Future<Answer>> slowAnswers = new ArrayList<>();
    List<Case> slowCases = new ArrayList<>();
    for (Case c : corpus) {
      if (c.category().equals("slow")) {
        slowCases.add(c);
        slowAnswers.add(slow.submit(() -> c.exchange().run(server.port())));
      }
    }
    for (int i = 0; i < slowCases.size(); i++) {
      try {
        judge(
            slowCases.get(i),
            slowAnswers.get(i).get(60, TimeUnit.SECONDS),
            failures,
            byStatus,
            byCategory,
            stackRefusals,
            stackFiveHundreds);
      } catch (java.util.concurrent.ExecutionException e) {
        failures.add(slowCases.get(i) + ": " + e.getCause());
      }
    }
    slow.shutdownNow();
    int rows = lms.completionRows();
    int deliveries = lms.deliveryRows();
    long fiveHundreds =
        byStatus.entrySet().stream()
                .filter(e -> e.getKey().startsWith("5"))
                .mapToInt(Map.Entry::getValue)
                .sum()
            - stackFiveHundreds.size();

    System.out.printf(
        Locale.ROOT,
        "Hostile-input corpus on %s: %d requests; by status %s; by category %s; 5xx from LearnHook: %d;"
            + " completion rows: %d; delivery rows: %d%n"
            + "  refused by the HTTP stack itself before LearnHook (%d): %s%n"
            + "  of which 5xx by the stack, for HTTP it does not implement (%d): %s%n",
        binding(),
        corpus.size(),
        byStatus,
        byCategory,
        fiveHundreds,
        rows,
        deliveries,
        stackRefusals.size(),
        stackRefusals,
        stackFiveHundreds.size(),
        stackFiveHundreds);

    slowest.sort(
        java.util.Comparator.comparingLong(
                (String t) -> Long.parseLong(t.substring(0, t.indexOf(' '))))
            .reversed());
    System.out.println("  slowest cases: " + slowest.subList(0, 8));
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
    assertThat(failures).as("cases answered against the contract").isEmpty();
    assertThat(fiveHundreds).isZero();
    assertThat(rows).as("completion rows written by the corpus").isZero();
    assertThat(deliveries).as("reports queued by the corpus").isEqualTo(1);
    assertThat(lms.store.outbox().findById(failedDelivery.id()))
        .as("the failed report, which no refused call may send again")
        .contains(failedDelivery);
    assertServesARealCompletion();
  }

  @Test
  @Timeout(120)
  void freesItsThreadsFromClientsThatStallMidBodyAndServesTheNextCaller() throws Exception {
    // More stalled and trickling clients than the JDK binding has threads (4).
    ExecutorService attackers = Executors.newFixedThreadPool(12);
    List<Future<Answer>> held = new ArrayList<>();
    byte[] head =
        HostileCorpus.request().header("Content-Length", "100000").body(new byte[0], false).bytes();
    long started = System.nanoTime();
    for (int i = 0; i < 12; i++) {
      held.add(attackers.submit(() -> HostileCorpus.send(server.port(), head)));
    }
    for (Future<Answer> answer : held) {
      Answer a = answer.get(60, TimeUnit.SECONDS);
      assertThat(a.status()).as(a.toString()).isLessThan(500);
    }
    Duration freedAfter = Duration.ofNanos(System.nanoTime() - started);
    attackers.shutdownNow();

    Answer next =
        HostileCorpus.send(
            server.port(), HostileCorpus.request().body(HostileCorpus.NOBODY).bytes());

    System.out.printf(
        Locale.ROOT,
        "Stalled bodies on %s: 12 clients cut after %d ms; the next caller answered %d in %d ms%n",
        binding(),
        freedAfter.toMillis(),
        next.status(),
        next.took().toMillis());
    assertThat(next.status()).isEqualTo(404);
    assertThat(freedAfter).isLessThan(HostileCorpus.BOUND);
    assertThat(lms.completionRows()).isZero();
  }

  @Test
  @Timeout(120)
  void answersEveryHostileSubscriptionCallWithAJson4xxAndWritesNothing() throws Exception {
    String token = "admin-token-acme";
    LearnHook learnHook = lms.learnHook().build();
    io.learnhook.delivery.ReportSubscription subscription =
        io.learnhook.delivery.ReportSubscription.of(
                io.learnhook.delivery.SubscriptionId.of("s-acme"),
                Lms.ACME,
                java.net.URI.create("https://hooks.example.com/lms"))
            .withAuthorization("Token hostile-authorization-value")
            .withSigningSecret(io.learnhook.delivery.SigningSecret.generate());
    learnHook.deliveries().saveSubscription(subscription);
    int reportsBefore = lms.deliveryRows();
    io.learnhook.delivery.ReportSubscription before =
        lms.store.subscriptions().findById(subscription.id()).orElseThrow();
    List<String> failures = new ArrayList<>();
    Map<String, Integer> byStatus = new TreeMap<>();
    List<Case> corpus = HostileCorpus.subscriptionRoutes(token, "s-acme");
    try (Binding.Served admin =
        binding()
            .serve(
                learnHook.ingest(),
                null,
                learnHook,
                io.learnhook.http.admin.AdminAuthenticator.bearerTokens(
                    Map.of(
                        token,
                        io.learnhook.management.Actor.of(
                            "u-adam", "acme", io.learnhook.management.Actor.Role.ADMIN))))) {
      for (Case c : corpus) {
        Answer answer = c.exchange().run(admin.port());
        byStatus.merge(
            answer.closed() ? "closed" : Integer.toString(answer.status()), 1, Integer::sum);
        boolean jsonError =
            Client.isJsonUtf8(answer.contentType())
                && isJson(answer.body())
                && error(answer.body()).isPresent();
        boolean allowed = c.allowed().contains(answer.status()) && jsonError;
        boolean stackRefused =
            c.stackMayRefuse()
                && (answer.closed() || answer.status() >= 400 && answer.status() < 500);
        if (!allowed && !stackRefused) {
          failures.add(c + ": " + answer.status() + " " + HostileCorpus.printable(answer.body()));
        }
        if (answer.body().contains("hostile-authorization-value")
            || answer.body().contains("whsec_")) {
          failures.add(c + ": the answer shows a secret");
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "Hostile subscription calls on %s: %d requests; by status %s%n",
        binding(),
        corpus.size(),
        byStatus);
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(60);
    assertThat(failures).as("calls answered against the contract").isEmpty();
    assertThat(lms.store.subscriptions().listByCompany(Lms.ACME)).containsExactly(before);
    assertThat(lms.deliveryRows()).as("reports queued by refused calls").isEqualTo(reportsBefore);
  }

  private void assertServesARealCompletion() throws IOException {
    Answer valid =
        HostileCorpus.send(
            server.port(), HostileCorpus.request().body(Lms.annCompletedLesson1000()).bytes());
    assertThat(valid.status()).as(valid.body()).isEqualTo(201);
    assertThat(lms.completionRows()).isEqualTo(1);
  }

  private void judge(
      Case c,
      Answer answer,
      List<String> failures,
      Map<String, Integer> byStatus,
      Map<String, Integer> byCategory,
      List<String> stackRefusals,
      List<String> stackFiveHundreds) {
    slowest.add(answer.took().toMillis() + " ms " + c.name());
    byStatus.merge(
        answer.closed()
            ? "closed"
            : answer.status() == Answer.OPEN ? "open" : Integer.toString(answer.status()),
        1,
        Integer::sum);
    byCategory.merge(c.category(), 1, Integer::sum);
    if (answer.body().toLowerCase(Locale.ROOT).contains(Lms.ACME_KEY)) {
      failures.add(c + ": the answer echoes the key");
    }
    if (answer.took().compareTo(HostileCorpus.BOUND) > 0) {
      failures.add(c + ": answered after " + answer.took());
    }
    boolean jsonAnswer = Client.isJsonUtf8(answer.contentType()) && isJson(answer.body());
    if (answer.status() == Answer.OPEN && c.allowed().contains(Answer.OPEN)) {
      stackRefusals.add(
          c.name() + " → still open after " + answer.took().toSeconds() + " s, no thread held");
      return;
    }
    if (c.stackMayRefuse() && (answer.status() == 501 || answer.status() == 505) && !jsonAnswer) {
      // Not LearnHook's: the stack answers before any handler runs (RFC 9112 asks for 501 for a
      // transfer coding it does not know, and 505 for a version it does not support).
      stackFiveHundreds.add(c.name() + " → " + answer.status() + " " + contentKind(answer));
      stackRefusals.add(c.name() + " → " + answer.status() + " " + contentKind(answer));
      return;
    }
    if (answer.status() >= 500) {
      failures.add(c + ": " + answer.status() + " " + HostileCorpus.printable(answer.body()));
      return;
    }
    if (c.allowed().contains(answer.status()) && jsonAnswer) {
      if (answer.status() >= 400 && !error(answer.body()).isPresent()) {
        failures.add(c + ": " + answer.status() + " without an error message: " + answer.body());
      }
      if (answer.status() == 200 && !allResultsAre4xx(answer.body())) {
        failures.add(
            c
                + ": a batch answer with an element not refused: "
                + HostileCorpus.printable(answer.body()));
      }
      return;
    }
    if (c.stackMayRefuse()
        && (answer.closed() || answer.status() >= 400 && answer.status() < 500)) {
      stackRefusals.add(
          c.name()
              + " → "
              + (answer.closed()
                  ? "closed"
                  : answer.status() + (jsonAnswer ? " json" : " " + contentKind(answer))));
      return;
    }
    failures.add(
        c
            + ": expected one of "
            + c.allowed()
            + " with a JSON error, got "
            + (answer.closed()
                ? "a closed connection"
                : answer.status()
                    + " ["
                    + answer.contentType()
                    + "] "
                    + HostileCorpus.printable(answer.body())));
  }

  private static String contentKind(Answer answer) {
    String type = answer.contentType();
    return type.isEmpty() ? "(no body type)" : type.split(";")[0];
  }

  private static boolean isJson(String body) {
    try {
      JSON.readTree(body.getBytes(StandardCharsets.UTF_8));
      return !body.isBlank();
    } catch (IOException e) {
      return false;
    }
  }

  private static java.util.Optional<String> error(String body) {
    try {
      JsonNode error = JSON.readTree(body).get("error");
      return error != null && error.isTextual() && !error.asText().isBlank()
          ? java.util.Optional.of(error.asText())
          : java.util.Optional.empty();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  private static boolean allResultsAre4xx(String body) {
    try {
      for (JsonNode result : JSON.readTree(body).path("results")) {
        int status = result.path("status").asInt();
        if (status < 400 || status >= 500) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
