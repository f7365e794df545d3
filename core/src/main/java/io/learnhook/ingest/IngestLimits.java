package io.learnhook.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits on what one call may ask of {@link CompletionIngest}. Every refusal names the limit it
 * met, such as {@code "Body is larger than the limit of 1048576 bytes
 * (IngestLimits.maxBodyBytes)"}, so that an operator knows what to raise.
 *
 * <p>Field lengths are not here: an email is at most 320 characters and an identifier (item id,
 * source id, slug, event id, result) at most 255, because that is what every store keeps; a longer
 * value is refused as {@link IngestOutcome.Reason#UNPROCESSABLE}, naming the field, its path and
 * the limit.
 *
 * @param maxBodyBytes the largest body read, enforced while it streams in; a larger one is refused
 *     as {@link IngestOutcome.Reason#BODY_TOO_LARGE} (default 1 MiB)
 * @param maxBatchSize the most completions one batch may carry; more is refused as {@link
 *     IngestOutcome.Reason#BATCH_TOO_LARGE} (default 1,000)
 * @param maxNestingDepth the deepest JSON nesting parsed; deeper is a malformed body (default 64:
 *     real payloads stay under 20, and a shallow limit keeps hostile bodies cheap)
 * @param retryAfter how long a sender is told to wait when storage is unavailable ({@link
 *     IngestOutcome.Refused#retryAfter()}; default 10 s)
 * @param maxStringLength the longest JSON string value in a body, in characters; longer is
 *     unprocessable (default 262,144: a quarter of the default body; no field of a completion comes
 *     near it, and a limit below the body size keeps one giant string from being built at all)
 * @param maxNumberLength the longest JSON number literal, in characters; longer is unprocessable
 *     (default 100: scores and times need a handful of digits, and very long numbers are slow to
 *     convert)
 */
public record IngestLimits(
    long maxBodyBytes,
    int maxBatchSize,
    int maxNestingDepth,
    Duration retryAfter,
    int maxStringLength,
    int maxNumberLength) {

  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  public static final int DEFAULT_MAX_BATCH_SIZE = 1000;
  public static final int DEFAULT_MAX_NESTING_DEPTH = 64;
  public static final int DEFAULT_MAX_STRING_LENGTH = 256 * 1024;
  public static final int DEFAULT_MAX_NUMBER_LENGTH = 100;
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(10);

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
    if (maxStringLength < 1) {
      throw new IllegalArgumentException("maxStringLength must be at least 1");
    }
    if (maxNumberLength < 1) {
      throw new IllegalArgumentException("maxNumberLength must be at least 1");
    }
  }

  /** The given limits, with the default string and number lengths. */
  public IngestLimits(
      long maxBodyBytes, int maxBatchSize, int maxNestingDepth, Duration retryAfter) {
    this(
        maxBodyBytes,
        maxBatchSize,
        maxNestingDepth,
        retryAfter,
        DEFAULT_MAX_STRING_LENGTH,
        DEFAULT_MAX_NUMBER_LENGTH);
  }

  /** The defaults described above. */
  public static IngestLimits defaults() {
    return new IngestLimits(
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_MAX_BATCH_SIZE,
        DEFAULT_MAX_NESTING_DEPTH,
        DEFAULT_RETRY_AFTER,
        DEFAULT_MAX_STRING_LENGTH,
        DEFAULT_MAX_NUMBER_LENGTH);
  }

  public IngestLimits withMaxBodyBytes(long value) {
    return new IngestLimits(
        value, maxBatchSize, maxNestingDepth, retryAfter, maxStringLength, maxNumberLength);
  }

  public IngestLimits withMaxBatchSize(int value) {
    return new IngestLimits(
        maxBodyBytes, value, maxNestingDepth, retryAfter, maxStringLength, maxNumberLength);
  }

  public IngestLimits withMaxNestingDepth(int value) {
    return new IngestLimits(
        maxBodyBytes, maxBatchSize, value, retryAfter, maxStringLength, maxNumberLength);
  }

  public IngestLimits withRetryAfter(Duration value) {
    return new IngestLimits(
        maxBodyBytes, maxBatchSize, maxNestingDepth, value, maxStringLength, maxNumberLength);
  }

  public IngestLimits withMaxStringLength(int value) {
    return new IngestLimits(
        maxBodyBytes, maxBatchSize, maxNestingDepth, retryAfter, value, maxNumberLength);
  }

  public IngestLimits withMaxNumberLength(int value) {
    return new IngestLimits(
        maxBodyBytes, maxBatchSize, maxNestingDepth, retryAfter, maxStringLength, value);
  }
}
