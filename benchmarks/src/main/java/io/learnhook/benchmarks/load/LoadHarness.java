package io.learnhook.benchmarks.load;

import io.learnhook.ingest.CompletionIngest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * HTTP end to end over loopback: LearnHook's JDK binding ({@code LearnHookHttpServer}) and servlet
 * binding ({@code IncomingWebhookServlet} in embedded Jetty 12), both on {@code JdbcStore} over H2,
 * each beside a bare endpoint on the same server stack that only reads the body, parses it with
 * Jackson and answers 201. Rounds are interleaved (bare, LearnHook, then the other order in the
 * next round) so both sides of a ratio meet the same machine load; every LearnHook request records
 * a new completion.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.learnhook.benchmarks.load.LoadHarness \
 *   connections=8 seconds=5 warmup=2 rounds=6 stacks=jdk,servlet
 * </pre>
 *
 * Arguments ({@code name=value}, all optional): {@code connections} (kept-alive clients, 8), {@code
 * seconds} (per round and side, 5), {@code warmup} (rounds not counted, 2), {@code rounds}
 * (counted, 6), {@code stacks} ({@code jdk}, {@code servlet} or both), {@code threads} (server
 * threads, 32 as {@code LearnHookHttpServer}'s default), {@code users} (users and items seeded,
 * 1000), {@code maxRequests} (per round and side, 1,000,000). Prints each round, then a Markdown
 * table: requests/s, p50 and p99 latency of each side, and the median of the rounds' ratios.
 */
public final class LoadHarness {
  private LoadHarness() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int connections = Integer.parseInt(options.getOrDefault("connections", "8"));
    Duration round =
        Duration.ofMillis((long) (Double.parseDouble(options.getOrDefault("seconds", "5")) * 1000));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "2"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "6"));
    int threads = Integer.parseInt(options.getOrDefault("threads", "32"));
    int users = Integer.parseInt(options.getOrDefault("users", "1000"));
    long maxRequests = Long.parseLong(options.getOrDefault("maxRequests", "1000000"));
    List<String> stacks = List.of(options.getOrDefault("stacks", "jdk,servlet").split(","));

    List<String> report = new ArrayList<>();
    try (H2Ingest ingest = H2Ingest.start(users, Math.min(threads, 16))) {
      AtomicLong sequence = new AtomicLong();
      CompletionIngest endpoint = ingest.learnHook().ingest();
      for (String stack : stacks) {
        try (Target bare =
                stack.equals("jdk") ? Target.bareJdk(threads) : Target.bareServlet(threads);
            Target ours =
                stack.equals("jdk")
                    ? Target.learnHookJdk(endpoint, threads)
                    : Target.learnHookServlet(endpoint, threads)) {
          List<String> auth = List.of("Authorization: Bearer " + H2Ingest.KEY.reveal());
          LoadClient bareClient = new LoadClient(bare.uri(), auth, ingest::body, sequence);
          LoadClient ourClient = new LoadClient(ours.uri(), auth, ingest::body, sequence);
          Side bareSide = new Side(bare.name());
          Side ourSide = new Side(ours.name());
          List<Double> ratios = new ArrayList<>();
          for (int r = -warmup; r < rounds; r++) {
            LoadClient.Result b;
            LoadClient.Result o;
            if ((r & 1) == 0) {
              b = bareClient.run(connections, round, maxRequests, 201);
              o = ourClient.run(connections, round, maxRequests, 201);
            } else {
              o = ourClient.run(connections, round, maxRequests, 201);
              b = bareClient.run(connections, round, maxRequests, 201);
            }
            check(bare.name(), b);
            check(ours.name(), o);
            System.out.printf(
                "%s round %2d%s: bare %7.0f/s p50 %5d µs p99 %6d µs | learnhook %7.0f/s p50 %5d µs"
                    + " p99 %6d µs | ratio %.2f%n",
                stack,
                r + 1,
                r < 0 ? " (warm-up)" : "",
                b.perSecond(),
                b.latencyMicros().getValueAtPercentile(50),
                b.latencyMicros().getValueAtPercentile(99),
                o.perSecond(),
                o.latencyMicros().getValueAtPercentile(50),
                o.latencyMicros().getValueAtPercentile(99),
                o.perSecond() / b.perSecond());
            if (r >= 0) {
              bareSide.add(b);
              ourSide.add(o);
              ratios.add(o.perSecond() / b.perSecond());
            }
          }
          double ratio = median(ratios);
          report.add(bareSide.row(stack, "bare endpoint (read, Jackson parse, 201)", ""));
          report.add(
              ourSide.row(
                  stack,
                  "LearnHook on H2",
                  String.format(
                      "%.2f%s",
                      ratio, ratio >= 0.8 ? " (target ≥ 0.8 met)" : " (target ≥ 0.8 missed)")));
        }
      }
    }
    System.out.printf(
        "%n%d connections, %d × %.1f s rounds after %d warm-up rounds, %d users and items, %d server"
            + " threads%n%n",
        connections, rounds, round.toMillis() / 1000.0, warmup, users, threads);
    System.out.println(
        "| stack | endpoint | requests/s (median round) | p50 | p99 | ÷ bare (median of rounds) |");
    System.out.println("|---|---|---|---|---|---|");
    report.forEach(System.out::println);
    System.exit(0);
  }

  private static void check(String name, LoadClient.Result result) {
    if (result.unexpected() > 0) {
      throw new IllegalStateException(
          name
              + ": "
              + result.unexpected()
              + " unexpected answers, first: "
              + result.firstUnexpected());
    }
  }

  /** One endpoint's rounds: rates, and every latency in one histogram. */
  private static final class Side {
    private final String name;
    private final List<Double> rates = new ArrayList<>();
    private final Histogram latency = new Histogram(60_000_000L, 3);

    Side(String name) {
      this.name = name;
    }

    void add(LoadClient.Result result) {
      rates.add(result.perSecond());
      latency.add(result.latencyMicros());
    }

    String row(String stack, String what, String ratio) {
      return String.format(
          "| %s | %s (`%s`) | %,.0f | %s | %s | %s |",
          stack,
          what,
          name,
          median(rates),
          micros(latency.getValueAtPercentile(50)),
          micros(latency.getValueAtPercentile(99)),
          ratio);
    }
  }

  private static String micros(long micros) {
    return micros >= 10_000 ? String.format("%.1f ms", micros / 1000.0) : micros + " µs";
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException(
            "Arguments are name=value, e.g. connections=8; got " + arg);
      }
      options.put(arg.substring(0, equals), arg.substring(equals + 1));
    }
    return options;
  }
}
