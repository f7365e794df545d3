package io.learnhook.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits on what one call may ask of the endpoint.
 *
 * @param maxBodyBytes the largest body read; a larger one is answered 413 (default 1 MiB)
 * @param maxBatchSize the most completions one batch may carry; more is answered 413 (default 1,000)
 * @param maxNestingDepth the deepest JSON nesting parsed; deeper is answered 400 (default 64: real
 *     payloads stay under 20, and a shallow limit keeps hostile bodies cheap)
 * @param retryAfter what {@code Retry-After} tells a sender when storage is unavailable (default 10 s)
 */
public record IngestLimits(
    long maxBodyBytes, int maxBatchSize, int maxNestingDepth, Duration retryAfter) {

  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  public IngestLimits {
    if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxBodyBytes must be between 1 and 2 GiB");
    }
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be at least 1");
    }
    if (maxNestingDepth < 2) {
      throw new IllegalArgumentException("maxNestingDepth must be at least 2");
    }
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isNegative() || retryAfter.isZero()) {
      throw new IllegalArgumentException("retryAfter must be positive");
    }
  }

  /** The defaults described above. */
  public static IngestLimits defaults() {
    return new IngestLimits(DEFAULT_MAX_BODY_BYTES, 1000, 64, Duration.ofSeconds(10));
  }

  public IngestLimits withMaxBodyBytes(long value) {
    return new IngestLimits(value, maxBatchSize, maxNestingDepth, retryAfter);
  }

  public IngestLimits withMaxBatchSize(int value) {
    return new IngestLimits(maxBodyBytes, value, maxNestingDepth, retryAfter);
  }

  public IngestLimits withMaxNestingDepth(int value) {
    return new IngestLimits(maxBodyBytes, maxBatchSize, value, retryAfter);
  }

  public IngestLimits withRetryAfter(Duration value) {
    return new IngestLimits(maxBodyBytes, maxBatchSize, maxNestingDepth, value);
  }
}
