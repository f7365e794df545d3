package io.learnhook.benchmarks.slow;

import io.learnhook.benchmarks.load.H2Ingest;
import io.learnhook.http.LearnHookHttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Do clients that trickle their request heads stop a server from answering everyone else? Runs two
 * servers on loopback, one after the other, each over an in-memory H2 database:
 *
 * <ol>
 *   <li>{@code learnhook.jar serve} (a child process, the real app: Jetty 12 and the servlet
 *       binding), called with the demo key it prints;
 *   <li>{@link LearnHookHttpServer} with its defaults (the JDK binding, as an embedding application
 *       gets it), in this process, over {@link H2Ingest}.
 * </ol>
 *
 * For each it sends {@code --requests} ordinary calls (a completion with a valid key, each on a new
 * connection, one every 50 ms) without slow clients, then opens {@code --slow} connections that
 * send a request head one byte a second (reconnecting when the server closes one, as an attacker
 * would) and sends the same calls again. It prints, for both rounds, how many calls were answered
 * within 5 s and their p50/p99 latency, and the load average. Bounded: each round stops after 60 s,
 * whatever is left unsent counts as unanswered; loopback only.
 *
 * <pre>
 * mvn -B -q -pl examples,benchmarks -am package -DskipTests
 * mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     io.learnhook.benchmarks.slow.SlowClientsHarness [--jar examples/target/learnhook.jar] \
 *     [--slow 200] [--requests 100]
 * </pre>
 */
public final class SlowClientsHarness {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration ROUND_LIMIT = Duration.ofSeconds(60);
  private static final Duration PACE = Duration.ofMillis(50);

  private SlowClientsHarness() {}

  public static void main(String[] args) throws Exception {
    List<String> list = Arrays.asList(args);
    Path jar = Path.of(option(list, "--jar", "examples/target/learnhook.jar"));
    int slow = Integer.parseInt(option(list, "--slow", "200"));
    int requests = Integer.parseInt(option(list, "--requests", "100"));
    if (slow < 0 || slow > 2_000 || requests < 1 || requests > 10_000) {
      throw new IllegalArgumentException("--slow 0..2000, --requests 1..10000");
    }
    System.out.printf(
        Locale.ROOT,
        "slow clients: %d, calls per round: %d, %s, load average at start: %s%n",
        slow,
        requests,
        Runtime.version(),
        loadAverage());

    if (Files.isRegularFile(jar)) {
      Process app =
          new ProcessBuilder(
                  ProcessHandle.current().info().command().orElse("java"),
                  "-jar",
                  jar.toString(),
                  "serve",
                  "--port",
                  "0",
                  "--db",
                  "jdbc:h2:mem:slowclients;DB_CLOSE_DELAY=-1")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      try {
        BufferedReader out =
            new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
        String base = null;
        String key = null;
        for (String line = out.readLine(); line != null && key == null; line = out.readLine()) {
          if (line.startsWith("listening on ")) {
            base = line.substring("listening on ".length()).strip();
          } else if (line.startsWith("demo webhook key")) {
            key = line.substring(line.lastIndexOf(' ') + 1).strip();
          }
        }
        if (base == null || key == null) {
          throw new IllegalStateException("serve did not print its address and demo key");
        }
        String payload =
            "{\"user\":{\"email\":\"ann@demo.test\"},\"lesson\":{\"id\":\"1000\"},\"score\":0.95}";
        measure(
            "learnhook.jar serve (Jetty 12, servlet binding)",
            URI.create(base + "/webhooks/item_completions"),
            key,
            n -> payload.getBytes(StandardCharsets.UTF_8),
            slow,
            requests);
      } finally {
        app.destroy();
        if (!app.waitFor(10, TimeUnit.SECONDS)) {
          app.destroyForcibly();
        }
      }
    } else {
      System.out.println("no " + jar + ": build it first (mvn -pl examples -am package)");
    }

    try (H2Ingest lms = H2Ingest.start(100, 16);
        LearnHookHttpServer server =
            LearnHookHttpServer.builder().ingest(lms.learnHook().ingest()).start()) {
      measure(
          "LearnHookHttpServer defaults (JDK HttpServer, 32 threads, 10 s request timeout)",
          server.uri(),
          H2Ingest.KEY.reveal(),
          lms::body,
          slow,
          requests);
    }
    System.out.printf(Locale.ROOT, "load average at the end: %s%n", loadAverage());
  }

  private static void measure(
      String name, URI uri, String key, LongFunction<byte[]> bodies, int slow, int requests)
      throws Exception {
    AtomicLong sequence = new AtomicLong();
    System.out.println();
    System.out.println(name);
    round("without slow clients", uri, key, bodies, sequence, requests);
    try (Tricklers tricklers = new Tricklers(uri, slow)) {
      // Let every slow client get its connection and start trickling.
      Thread.sleep(3_000);
      round("with " + slow + " slow clients", uri, key, bodies, sequence, requests);
      System.out.printf(
          Locale.ROOT,
          "  slow connections opened (with reconnects): %d, closed by the server: %d%n",
          tricklers.opened.get(),
          tricklers.closedByServer.get());
    }
  }

  private static void round(
      String label,
      URI uri,
      String key,
      LongFunction<byte[]> bodies,
      AtomicLong sequence,
      int requests)
      throws InterruptedException {
    long end = System.nanoTime() + ROUND_LIMIT.toNanos();
    List<Long> micros = new ArrayList<>();
    String firstFailure = null;
    for (int i = 0; i < requests && System.nanoTime() - end < 0; i++) {
      long started = System.nanoTime();
      String failure = call(uri, key, bodies.apply(sequence.getAndIncrement()));
      long elapsed = (System.nanoTime() - started) / 1_000;
      if (failure == null) {
        micros.add(elapsed);
      } else if (firstFailure == null) {
        firstFailure = failure;
      }
      Thread.sleep(PACE.toMillis());
    }
    micros.sort(null);
    System.out.printf(
        Locale.ROOT,
        "  %-24s answered %3d of %d within %d s; p50 %s, p99 %s%s%n",
        label,
        micros.size(),
        requests,
        CALL_TIMEOUT.toSeconds(),
        percentile(micros, 0.50),
        percentile(micros, 0.99),
        firstFailure == null ? "" : "; first failure: " + firstFailure);
  }

  /** One call on a new connection; null when answered 200 or 201, else what happened. */
  private static String call(URI uri, String key, byte[] body) {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(InetAddress.getByName(uri.getHost()), uri.getPort()),
          (int) CALL_TIMEOUT.toMillis());
      socket.setSoTimeout((int) CALL_TIMEOUT.toMillis());
      String head =
          "POST "
              + uri.getRawPath()
              + " HTTP/1.1\r\nHost: "
              + uri.getHost()
              + ":"
              + uri.getPort()
              + "\r\nAuthorization: Bearer "
              + key
              + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
              + body.length
              + "\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      byte[] answer = socket.getInputStream().readAllBytes();
      String status = new String(answer, 0, Math.min(12, answer.length), StandardCharsets.US_ASCII);
      return status.equals("HTTP/1.1 201") || status.equals("HTTP/1.1 200")
          ? null
          : "answered " + status;
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static String percentile(List<Long> sortedMicros, double p) {
    if (sortedMicros.isEmpty()) {
      return "-";
    }
    int index = (int) Math.min(sortedMicros.size() - 1, Math.ceil(p * sortedMicros.size()) - 1);
    return String.format(Locale.ROOT, "%.1f ms", sortedMicros.get(Math.max(0, index)) / 1000.0);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String option(List<String> args, String name, String otherwise) {
    int at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : otherwise;
  }

  /**
   * {@code count} connections, each sending a request head one byte a second from one scheduler
   * thread, each reopened when the server closes it.
   */
  private static final class Tricklers implements AutoCloseable {
    private static final byte[] HEAD =
        ("POST /webhooks/item_completions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                + "a".repeat(4_000))
            .getBytes(StandardCharsets.ISO_8859_1);

    private final URI uri;
    private final Socket[] sockets;
    private final int[] sent;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    final AtomicLong opened = new AtomicLong();
    final AtomicLong closedByServer = new AtomicLong();

    Tricklers(URI uri, int count) {
      this.uri = uri;
      this.sockets = new Socket[count];
      this.sent = new int[count];
      ticker.scheduleWithFixedDelay(this::tick, 0, 1, TimeUnit.SECONDS);
    }

    private void tick() {
      for (int i = 0; i < sockets.length; i++) {
        try {
          if (sockets[i] == null) {
            Socket socket = new Socket();
            socket.connect(
                new InetSocketAddress(InetAddress.getByName(uri.getHost()), uri.getPort()), 1_000);
            sockets[i] = socket;
            sent[i] = 0;
            opened.incrementAndGet();
          }
          InputStream in = sockets[i].getInputStream();
          if (in.available() > 0 || sent[i] >= HEAD.length) {
            throw new IOException("answered or done");
          }
          sockets[i].getOutputStream().write(HEAD[sent[i]++]);
        } catch (IOException e) {
          closedByServer.incrementAndGet();
          closeQuietly(sockets[i]);
          sockets[i] = null;
        }
      }
    }

    @Override
    public void close() throws InterruptedException {
      ticker.shutdownNow();
      ticker.awaitTermination(5, TimeUnit.SECONDS);
      for (Socket socket : sockets) {
        closeQuietly(socket);
      }
    }

    private static void closeQuietly(Socket socket) {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }
  }
}
