package io.learnhook.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop HTTP/1.1 load generator: {@code connections} threads, each with one kept-alive
 * socket, each sending a POST, reading the whole answer and sending the next, until the round's
 * duration or request budget is spent. Every request's latency (write to last answer byte) goes
 * into an HdrHistogram.
 *
 * <p>Raw sockets rather than {@code java.net.http.HttpClient}: the client shares the machine with
 * the server it measures, and a client that costs little leaves the server's cost visible. It
 * speaks just enough HTTP: a {@code Content-Length} or chunked answer, and a server's {@code
 * Connection: close} (the socket is then opened again). Bodies come from a function of a global
 * sequence number, so a caller can make every request different (a new completion each time).
 *
 * <p>Reusable by any harness in this module: {@link #run} is bounded in time and count and returns
 * once every thread has stopped.
 */
public final class LoadClient {
  /** Latencies above a minute are recorded as a minute. */
  private static final long HIGHEST_MICROS = 60_000_000L;

  private final URI target;
  private final List<String> headers;
  private final LongFunction<byte[]> bodies;
  private final AtomicLong sequence;

  /**
   * @param target the URL to POST to (http, 127.0.0.1 or another literal address)
   * @param headers extra request header lines, e.g. {@code "Authorization: Bearer …"}
   * @param bodies the body of the request with a given sequence number
   * @param sequence the counter shared by every round and client that must never repeat a body
   */
  public LoadClient(
      URI target, List<String> headers, LongFunction<byte[]> bodies, AtomicLong sequence) {
    this.target = Objects.requireNonNull(target, "target");
    this.headers = List.copyOf(headers);
    this.bodies = Objects.requireNonNull(bodies, "bodies");
    this.sequence = Objects.requireNonNull(sequence, "sequence");
  }

  /** What one round came to. */
  public record Result(
      long requests,
      long unexpected,
      double seconds,
      Histogram latencyMicros,
      String firstUnexpected) {
    public double perSecond() {
      return requests / seconds;
    }
  }

  /**
   * Runs one round: {@code connections} clients for at most {@code duration} and at most {@code
   * maxRequests} requests in all. An answer whose status is not {@code expectedStatus} counts as
   * unexpected (its first one is kept for the report); a failed connection ends that client.
   */
  public Result run(int connections, Duration duration, long maxRequests, int expectedStatus)
      throws InterruptedException {
    AtomicLong budget = new AtomicLong(maxRequests);
    AtomicLong unexpected = new AtomicLong();
    AtomicReference<String> firstUnexpected = new AtomicReference<>("");
    List<Histogram> histograms = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    AtomicLong done = new AtomicLong();
    for (int i = 0; i < connections; i++) {
      Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
      histograms.add(histogram);
      Thread thread =
          new Thread(
              () -> {
                Connection connection = null;
                try {
                  while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
                    if (connection == null) {
                      connection = new Connection(target);
                    }
                    byte[] request = request(bodies.apply(sequence.incrementAndGet()));
                    long sent = System.nanoTime();
                    Answer answer = connection.exchange(request);
                    histogram.recordValue(
                        Math.min(HIGHEST_MICROS, (System.nanoTime() - sent) / 1_000));
                    done.incrementAndGet();
                    if (answer.status != expectedStatus) {
                      unexpected.incrementAndGet();
                      firstUnexpected.compareAndSet("", answer.status + " " + answer.body);
                    }
                    if (answer.close) {
                      connection.close();
                      connection = null;
                    }
                  }
                } catch (IOException e) {
                  unexpected.incrementAndGet();
                  firstUnexpected.compareAndSet("", e.toString());
                } finally {
                  if (connection != null) {
                    connection.close();
                  }
                }
              },
              "load-client-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Histogram all = new Histogram(HIGHEST_MICROS, 3);
    histograms.forEach(all::add);
    return new Result(done.get(), unexpected.get(), seconds, all, firstUnexpected.get());
  }

  private byte[] request(byte[] body) {
    StringBuilder head = new StringBuilder(256);
    String path =
        target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    head.append("POST ").append(path).append(" HTTP/1.1\r\n");
    head.append("Host: ")
        .append(target.getHost())
        .append(':')
        .append(target.getPort())
        .append("\r\n");
    head.append("Content-Type: application/json\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    return request;
  }

  private record Answer(int status, String body, boolean close) {}

  /** One kept-alive socket. */
  private static final class Connection {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    Connection(URI target) throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), 5_000);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 8192);
    }

    Answer exchange(byte[] request) throws IOException {
      out.write(request);
      out.flush();
      String statusLine = line();
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP answer: " + statusLine);
      }
      int status = Integer.parseInt(parts[1]);
      long length = -1;
      boolean chunked = false;
      boolean close = parts[0].equals("HTTP/1.0");
      for (String header = line(); !header.isEmpty(); header = line()) {
        int colon = header.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).trim();
        switch (name) {
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          case "connection" -> close |= value.equalsIgnoreCase("close");
          default -> {}
        }
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      if (chunked) {
        for (long size = Long.parseLong(line().split(";")[0].trim(), 16);
            size > 0;
            size = Long.parseLong(line().split(";")[0].trim(), 16)) {
          copy(size, body);
          line();
        }
        while (!line().isEmpty()) {
          // trailers
        }
      } else if (length > 0) {
        copy(length, body);
      } else if (length < 0) {
        close = true;
      }
      return new Answer(status, body.toString(StandardCharsets.UTF_8), close);
    }

    private void copy(long length, ByteArrayOutputStream to) throws IOException {
      byte[] buffer = new byte[(int) Math.min(length, 8192)];
      for (long left = length; left > 0; ) {
        int read = in.read(buffer, 0, (int) Math.min(left, buffer.length));
        if (read < 0) {
          throw new IOException("answer ended early");
        }
        to.write(buffer, 0, read);
        left -= read;
      }
    }

    private String line() throws IOException {
      StringBuilder line = new StringBuilder(64);
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new IOException("connection closed by the server");
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // Nothing left to do with a socket that cannot close.
      }
    }
  }
}
