package io.learnhook.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnhook.delivery.Delivery.DeliveryState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When a failed report is tried again, and when it is given up.
 *
 * <p>The default is the seed's: "If the POST fails, it will retry again up to 3 times every 5
 * minutes", that is four attempts in all, five minutes apart, then the report is kept as {@link
 * DeliveryState#FAILED}. Policies are fixed (the same interval every time) or exponential (the
 * interval doubles from {@code interval} up to {@code maxInterval}), each with optional jitter. A
 * {@code Retry-After} answer is honoured: the next attempt waits at least that long, but never
 * longer than {@code retryAfterCap}, so that a receiver cannot park a report for ever.
 *
 * <p>As JSON (the seed file's {@code "retry"} object, and how storage keeps it): {@code
 * {"max_retries":3,"interval_seconds":300}}, or {@code
 * {"backoff":"exponential","max_retries":8,"interval_seconds":30,"max_interval_seconds":3600,
 * "jitter":0.2,"retry_after_cap_seconds":3600}}. Seconds may have up to three decimal places.
 *
 * @param maxRetries attempts after the first, 0 to {@value #MAX_RETRIES}
 * @param backoff how the interval grows
 * @param interval the wait before the first retry (for fixed backoff, before every retry)
 * @param maxInterval the longest wait exponential backoff reaches; equals {@code interval} when
 *     fixed
 * @param jitter from 0 to 1: each wait is shortened by a random fraction of up to this much of
 *     itself, so that reports that failed together do not all come back together (1 is "full
 *     jitter")
 * @param retryAfterCap the longest wait a {@code Retry-After} answer can ask for
 */
public record RetryPolicy(
    int maxRetries,
    Backoff backoff,
    Duration interval,
    Duration maxInterval,
    double jitter,
    Duration retryAfterCap) {

  /** The most retries a policy may ask for. */
  public static final int MAX_RETRIES = 100;

  /** The default wait before a retry: five minutes, as the reporting webhook promises. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

  /** The default number of retries: three, as the reporting webhook promises. */
  public static final int DEFAULT_MAX_RETRIES = 3;

  /** The longest wait a {@code Retry-After} may ask for unless a policy says otherwise. */
  public static final Duration DEFAULT_RETRY_AFTER_CAP = Duration.ofHours(1);

  private static final double DEFAULT_EXPONENTIAL_JITTER = 0.2;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> KEYS =
      Set.of(
          "backoff",
          "max_retries",
          "interval_seconds",
          "max_interval_seconds",
          "jitter",
          "retry_after_cap_seconds");

  /** How the wait between attempts grows. */
  public enum Backoff {
    /** The same wait before every retry. */
    FIXED,
    /** The wait doubles after every failure, up to the policy's maximum. */
    EXPONENTIAL
  }

  public RetryPolicy {
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(maxInterval, "maxInterval");
    Objects.requireNonNull(retryAfterCap, "retryAfterCap");
    List<String> problems = new ArrayList<>();
    if (maxRetries < 0 || maxRetries > MAX_RETRIES) {
      problems.add("max_retries must be from 0 to " + MAX_RETRIES + ", was " + maxRetries);
    }
    if (interval.isNegative()) {
      problems.add("interval must not be negative");
    }
    if (backoff == Backoff.FIXED) {
      maxInterval = interval;
    } else if (maxInterval.compareTo(interval) < 0) {
      problems.add("max_interval must be at least the interval");
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      problems.add("jitter must be from 0 to 1, was " + jitter);
    }
    if (retryAfterCap.isNegative()) {
      problems.add("retry_after_cap must not be negative");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid retry policy: " + String.join("; ", problems));
    }
  }

  /** Three retries, five minutes apart, no jitter: the reporting webhook's promise. */
  public static RetryPolicy defaults() {
    return fixed(DEFAULT_MAX_RETRIES, DEFAULT_INTERVAL);
  }

  /** {@code maxRetries} retries, {@code interval} apart. */
  public static RetryPolicy fixed(int maxRetries, Duration interval) {
    return new RetryPolicy(
        maxRetries, Backoff.FIXED, interval, interval, 0, DEFAULT_RETRY_AFTER_CAP);
  }

  /**
   * {@code maxRetries} retries, the first after {@code interval}, each wait twice the one before,
   * at most {@code maxInterval}; with a jitter of 0.2.
   */
  public static RetryPolicy exponential(int maxRetries, Duration interval, Duration maxInterval) {
    return new RetryPolicy(
        maxRetries,
        Backoff.EXPONENTIAL,
        interval,
        maxInterval,
        DEFAULT_EXPONENTIAL_JITTER,
        DEFAULT_RETRY_AFTER_CAP);
  }

  public RetryPolicy withJitter(double value) {
    return new RetryPolicy(maxRetries, backoff, interval, maxInterval, value, retryAfterCap);
  }

  public RetryPolicy withRetryAfterCap(Duration value) {
    return new RetryPolicy(maxRetries, backoff, interval, maxInterval, jitter, value);
  }

  /**
   * How long to wait after the {@code attemptsMade}-th failed attempt, or empty when the report is
   * to be given up.
   *
   * @param attemptsMade attempts made so far, the failed one included (1 after the first failure)
   * @param retryAfter what the subscriber's {@code Retry-After} asked for, if anything
   * @param random a number from 0 (inclusive) to 1 (exclusive) that picks the jitter
   */
  public Optional<Duration> delayAfterFailure(
      int attemptsMade, Optional<Duration> retryAfter, double random) {
    if (attemptsMade < 1) {
      throw new IllegalArgumentException("attemptsMade must be at least 1, was " + attemptsMade);
    }
    if (!(random >= 0 && random < 1)) {
      throw new IllegalArgumentException("random must be from 0 to 1, was " + random);
    }
    if (attemptsMade > maxRetries) {
      return Optional.empty();
    }
    Duration wait = backoff == Backoff.FIXED ? interval : exponentialWait(attemptsMade);
    if (jitter > 0) {
      long millis = wait.toMillis();
      wait = Duration.ofMillis(millis - Math.round(millis * jitter * random));
    }
    if (retryAfter.isPresent()) {
      Duration asked =
          retryAfter.get().compareTo(retryAfterCap) > 0 ? retryAfterCap : retryAfter.get();
      if (asked.compareTo(wait) > 0) {
        wait = asked;
      }
    }
    return Optional.of(wait);
  }

  private Duration exponentialWait(int retryNumber) {
    Duration wait = interval;
    for (int i = 1; i < retryNumber && wait.compareTo(maxInterval) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxInterval) > 0 ? maxInterval : wait;
  }

  /** The policy as the JSON object described above, every key written. */
  public String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("backoff", backoff.name().toLowerCase(Locale.ROOT));
    node.put("max_retries", maxRetries);
    node.put("interval_seconds", seconds(interval));
    if (backoff == Backoff.EXPONENTIAL) {
      node.put("max_interval_seconds", seconds(maxInterval));
    }
    node.put("jitter", jitter);
    node.put("retry_after_cap_seconds", seconds(retryAfterCap));
    return node.toString();
  }

  /**
   * Reads the JSON form; keys left out take the defaults (three retries, 300 seconds, fixed).
   *
   * @throws IllegalArgumentException naming every bad key
   */
  public static RetryPolicy fromJson(String json) {
    try {
      return fromJson(JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Invalid retry policy: not JSON");
    }
  }

  /**
   * Reads the JSON form from a parsed tree; keys left out take the defaults.
   *
   * @throws IllegalArgumentException naming every bad key
   */
  public static RetryPolicy fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("Invalid retry policy: must be a JSON object");
    }
    List<String> problems = new ArrayList<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KEYS.contains(name)) {
        problems.add(
            name
                + ": unknown key (known: "
                + String.join(", ", KEYS.stream().sorted().toList())
                + ")");
      }
    }
    Backoff backoff = Backoff.FIXED;
    JsonNode backoffNode = node.get("backoff");
    if (backoffNode != null) {
      String text = backoffNode.asText("").toUpperCase(Locale.ROOT);
      if (!backoffNode.isTextual() || !(text.equals("FIXED") || text.equals("EXPONENTIAL"))) {
        problems.add("backoff: must be \"fixed\" or \"exponential\"");
      } else {
        backoff = Backoff.valueOf(text);
      }
    }
    int maxRetries = DEFAULT_MAX_RETRIES;
    JsonNode retries = node.get("max_retries");
    if (retries != null) {
      if (!retries.isIntegralNumber() || !retries.canConvertToInt()) {
        problems.add("max_retries: must be a whole number");
      } else {
        maxRetries = retries.intValue();
      }
    }
    Duration interval = duration(node, "interval_seconds", DEFAULT_INTERVAL, problems);
    Duration maxInterval =
        duration(
            node,
            "max_interval_seconds",
            interval.compareTo(Duration.ofHours(1)) > 0 ? interval : Duration.ofHours(1),
            problems);
    double jitter = backoff == Backoff.EXPONENTIAL ? DEFAULT_EXPONENTIAL_JITTER : 0;
    JsonNode jitterNode = node.get("jitter");
    if (jitterNode != null) {
      if (!jitterNode.isNumber()) {
        problems.add("jitter: must be a number from 0 to 1");
      } else {
        jitter = jitterNode.doubleValue();
      }
    }
    Duration cap = duration(node, "retry_after_cap_seconds", DEFAULT_RETRY_AFTER_CAP, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid retry policy: " + String.join("; ", problems));
    }
    return new RetryPolicy(maxRetries, backoff, interval, maxInterval, jitter, cap);
  }

  private static Duration duration(
      JsonNode node, String key, Duration otherwise, List<String> problems) {
    JsonNode value = node.get(key);
    if (value == null) {
      return otherwise;
    }
    if (!value.isNumber() || value.decimalValue().signum() < 0) {
      problems.add(key + ": must be a number of seconds, 0 or more");
      return otherwise;
    }
    BigDecimal millis = value.decimalValue().movePointRight(3);
    if (millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1000)) > 0) {
      problems.add(key + ": too large");
      return otherwise;
    }
    return Duration.ofMillis(millis.setScale(0, RoundingMode.HALF_UP).longValueExact());
  }

  private static BigDecimal seconds(Duration duration) {
    BigDecimal seconds =
        BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).stripTrailingZeros();
    return seconds.scale() < 0 ? seconds.setScale(0) : seconds;
  }
}
