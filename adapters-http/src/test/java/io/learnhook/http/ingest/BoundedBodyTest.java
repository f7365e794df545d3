package io.learnhook.http.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {
  @Test
  void readsABodyUpToTheLimitExactly() throws Exception {
    byte[] body = new byte[1000];
    assertThat(BoundedBody.read(new ByteArrayInputStream(body), OptionalLong.empty(), 1000))
        .hasSize(1000);
    assertThat(BoundedBody.read(new ByteArrayInputStream(body), OptionalLong.of(1000), 1000))
        .hasSize(1000);
  }

  @Test
  void refusesADeclaredLengthOverTheLimitWithoutReading() {
    CountingStream in = new CountingStream(Long.MAX_VALUE);

    assertThatThrownBy(() -> BoundedBody.read(in, OptionalLong.of(50_000_000), 1024))
        .isInstanceOf(BoundedBody.TooLargeException.class)
        .hasMessage("Body is larger than the limit of 1024 bytes (IngestLimits.maxBodyBytes)");
    assertThat(in.served.get()).isZero();
  }

  @Test
  void stopsReadingAnUndeclaredBodyOneByteAfterTheLimit() {
    CountingStream in = new CountingStream(10_000_000);

    assertThatThrownBy(() -> BoundedBody.read(in, OptionalLong.empty(), 4096))
        .isInstanceOf(BoundedBody.TooLargeException.class);
    assertThat(in.served.get()).isLessThanOrEqualTo(8192);
  }

  @Test
  void refusesABodyLongerThanItsDeclaredLengthWhenThatPassesTheLimit() {
    CountingStream in = new CountingStream(10_000);

    assertThatThrownBy(() -> BoundedBody.read(in, OptionalLong.of(10), 100))
        .isInstanceOf(BoundedBody.TooLargeException.class);
  }

  @Test
  void readsEveryByteOfABodyLongerOrShorterThanItsDeclaredLengthWithinTheLimit() throws Exception {
    byte[] body = new byte[300];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) i;
    }

    assertThat(BoundedBody.read(new ByteArrayInputStream(body), OptionalLong.of(40), 1000))
        .isEqualTo(body);
    assertThat(BoundedBody.read(new ByteArrayInputStream(body), OptionalLong.of(299), 300))
        .isEqualTo(body);
    assertThat(BoundedBody.read(new ByteArrayInputStream(body), OptionalLong.of(500), 1000))
        .isEqualTo(body);
    assertThat(BoundedBody.read(new ByteArrayInputStream(body), OptionalLong.of(300), 300))
        .isEqualTo(body);
  }

  /** Serves zero bytes up to a length, counting what was served. */
  private static final class CountingStream extends InputStream {
    private final long length;
    final AtomicLong served = new AtomicLong();

    CountingStream(long length) {
      this.length = length;
    }

    @Override
    public int read() {
      if (served.get() >= length) {
        return -1;
      }
      served.incrementAndGet();
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      long left = length - served.get();
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, Math.min(left, 1024));
      served.addAndGet(n);
      return n;
    }
  }
}
