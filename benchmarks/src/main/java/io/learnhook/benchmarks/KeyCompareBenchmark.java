package io.learnhook.benchmarks;

import io.learnhook.webhook.KeyHash;
import io.learnhook.webhook.WebhookKey;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Is {@link KeyHash#sameAs} constant-time? It compares a stored hash with one that differs in its
 * first character and with one that differs only in its last; {@code String.equals} on the same
 * pairs is the baseline that shows the measurement can see where two strings differ. The ratio last
 * ÷ first should be about 1 for {@code sameAs}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar KeyCompareBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KeyCompareBenchmark {
  private final KeyHash stored = WebhookKey.of("acedbeef-5c4d-4b7a-9e10-2d6f8c9b7a41").hash();
  private final KeyHash differsFirst = new KeyHash(flip(stored.hex(), 0));
  private final KeyHash differsLast = new KeyHash(flip(stored.hex(), 63));
  // Distinct String instances, so that equals cannot shortcut on identity.
  private final String storedText = new String(stored.hex().toCharArray());
  private final String firstText = differsFirst.hex();
  private final String lastText = differsLast.hex();

  private static String flip(String hex, int at) {
    char c = hex.charAt(at) == '0' ? '1' : '0';
    return hex.substring(0, at) + c + hex.substring(at + 1);
  }

  @Benchmark
  public boolean sameAsDifferingAtTheFirstCharacter() {
    return stored.sameAs(differsFirst);
  }

  @Benchmark
  public boolean sameAsDifferingAtTheLastCharacter() {
    return stored.sameAs(differsLast);
  }

  @Benchmark
  public boolean stringEqualsDifferingAtTheFirstCharacter() {
    return storedText.equals(firstText);
  }

  @Benchmark
  public boolean stringEqualsDifferingAtTheLastCharacter() {
    return storedText.equals(lastText);
  }
}
