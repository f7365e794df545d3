package io.learnhook.http;

import static io.learnhook.http.Lms.ACME_KEY;
import static io.learnhook.http.Lms.UNKNOWN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.LearnHook;
import io.learnhook.ingest.IngestLimits;
import io.learnhook.ratelimit.RateLimits;
import io.learnhook.ratelimit.RateLimits.RateLimit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * An answer given before the body was read reaches the client. A client that writes its whole
 * request at once (as LMS HTTP libraries do) is still writing when the answer comes; were the
 * server to close the connection with body bytes unread, its kernel would reset the connection and
 * the client's kernel would throw the answer away ("connection reset by peer"). Each case sends
 * twenty requests from raw sockets and counts the status lines read: counts, not timings, so that a
 * slow machine cannot fail them. Each binding runs it ({@link EarlyAnswersOnJdkServerTest}, {@link
 * EarlyAnswersOnServletTest}).
 */
abstract class EarlyAnswersContract extends ServedLmsTest {
  private static final int TRIES = 20;

  /**
   * The client's socket send buffer. On loopback the kernels' buffers grow to megabytes and would
   * swallow a body the server never reads, as no network path does; a small one makes the client
   * see what the server does with the body.
   */
  private static final int SEND_BUFFER = 4096;

  @Test
  void everyClientReads401ForAWrongKeyOnA100KbBatch() throws Exception {
    byte[] batch = batchOfAtLeast(100 * 1024);

    int answered = countAnswered(server.uri(), UNKNOWN_KEY, batch, 401);

    assertThat(answered).isEqualTo(TRIES);
  }

  @Test
  void everyClientReads429WhenTheWebhookIsOverItsRateLimit() throws Exception {
    LearnHook limited =
        lms.learnHook().rateLimits(RateLimits.of(RateLimit.perMinute(1, 1))).build();
    byte[] batch = batchOfAtLeast(100 * 1024);

    try (Binding.Served served = serve(limited.ingest())) {
      // Takes the only token of the bucket; every call after it is over the limit.
      assertThat(countAnswered(served.uri(), ACME_KEY, Lms.annCompletedLesson1000(), 1, 201))
          .isEqualTo(1);

      int answered = countAnswered(served.uri(), ACME_KEY, batch, 429);

      assertThat(answered).isEqualTo(TRIES);
    }
  }

  @Test
  void everyClientReads400ForABodyNestedTooDeeply() throws Exception {
    int depth = 20 * IngestLimits.DEFAULT_MAX_NESTING_DEPTH;
    byte[] deep =
        ("{\"user\":" + "[".repeat(depth) + "]".repeat(depth) + "}")
            .getBytes(StandardCharsets.UTF_8);

    int answered = countAnswered(server.uri(), ACME_KEY, deep, 400);

    assertThat(answered).isEqualTo(TRIES);
  }

  @Test
  void almostEveryClientReads413ForA2MbBody() throws Exception {
    byte[] large = batchOfAtLeast(2 * 1024 * 1024);
    assertThat((long) large.length).isGreaterThan(IngestLimits.DEFAULT_MAX_BODY_BYTES);

    int answered = countAnswered(server.uri(), ACME_KEY, large, 413);

    assertThat(answered).isGreaterThanOrEqualTo(TRIES - 1);
  }

  private int countAnswered(URI uri, String key, byte[] body, int status) throws Exception {
    return countAnswered(uri, key, new String(body, StandardCharsets.UTF_8), TRIES, status);
  }

  /**
   * Sends {@code tries} requests, each on a new connection, and counts those whose status line came
   * back with {@code status}.
   */
  private int countAnswered(URI uri, String key, String body, int tries, int status)
      throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("POST "
                + uri.getRawPath()
                + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + uri.getPort()
                + "\r\nAuthorization: Bearer "
                + key
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = new byte[head.length + bytes.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(bytes, 0, request, head.length, bytes.length);
    int answered = 0;
    for (int i = 0; i < tries; i++) {
      String line = statusLine(uri.getPort(), request);
      if (line.equals("HTTP/1.1 " + status)) {
        answered++;
      } else {
        System.err.println("EARLY " + status + ": " + line);
      }
    }
    return answered;
  }

  /**
   * The first twelve bytes of the answer ("HTTP/1.1 401"), or what went wrong. Like most clients,
   * it writes the whole request, then reads; when the write fails because the server reset the
   * connection, it still reads what may have arrived.
   */
  private static String statusLine(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.setSendBufferSize(SEND_BUFFER);
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      socket.setSoTimeout(15_000);
      String writeFailure = "";
      try {
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
      } catch (IOException e) {
        writeFailure = " after " + e;
      }
      try {
        return readStatus(socket.getInputStream()) + writeFailure;
      } catch (IOException e) {
        return e + writeFailure;
      }
    }
  }

  private static String readStatus(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (line.size() < 12) {
      int b = in.read();
      if (b < 0) {
        return "closed after " + line.toString(StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  /** A JSON array of ann's completions, each at another time, at least {@code bytes} long. */
  private static byte[] batchOfAtLeast(int bytes) {
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; batch.length() < bytes; i++) {
      if (i > 0) {
        batch.append(',');
      }
      batch.append(
          Lms.annCompletedLesson1000At(
              java.time.Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i).toString()));
    }
    return batch.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }
}
