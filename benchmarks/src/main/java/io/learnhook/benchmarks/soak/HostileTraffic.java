package io.learnhook.benchmarks.soak;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Requests the soak sends, as raw HTTP/1.1 over a fresh connection each (Connection: close): valid
 * completions, and a rotation of hostile ones (bad JSON, wrong keys, oversized and deep bodies,
 * invalid UTF-8, header floods, bodies cut short).
 */
final class HostileTraffic {
  static final String PATH = "/webhooks/item_completions";

  /** The status of an answer, or this when the connection ended without one. */
  static final int NO_ANSWER = -1;

  private HostileTraffic() {}

  /** A valid completion of user {@code n % users} at a time no other request uses. */
  static byte[] valid(String key, int users, long n) {
    String body =
        "{\"user\":{\"email\":\"user"
            + (n % users)
            + "@acme.test\"},\"lesson\":{\"id\":\"1000\"},\"completed_at\":\""
            + java.time.Instant.parse("2020-01-01T00:00:00Z").plusMillis(n)
            + "\"}";
    return request(key, body.getBytes(StandardCharsets.UTF_8), "");
  }

  /** The hostile requests, one function of the key each; picked in turn. */
  static final List<Function<String, byte[]>> HOSTILE =
      List.of(
          key -> request(key, bytes("{\"user\":{\"email\":"), ""),
          key -> request(key, bytes("{\"user\":{\"email\":\"a@b.c\"},\"score\":NaN}"), ""),
          key -> request(key, bytes("[".repeat(100_000) + "]".repeat(100_000)), ""),
          key ->
              request(key, bytes("{\"user\":{\"email\":\"" + "x".repeat(1_100_000) + "\"}}"), ""),
          key -> request(key, bytes("{\"user\":{\"email\":42},\"lesson\":{\"id\":[1]}}"), ""),
          key ->
              request(
                  key,
                  new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},
                  ""),
          key -> request("11111111-2222-4333-8444-555555555555", bytes("{}"), ""),
          key -> request("' OR '1'='1", bytes("{}"), ""),
          key ->
              request(
                  key,
                  bytes(
                      "{\"user\":{\"email\":\"x'; DROP TABLE lh_completions; --\"},\"lesson\":{\"id\":\"1000\"}}"),
                  ""),
          key ->
              request(
                  key,
                  bytes(
                      "{\"user\":{\"email\":\"a@b.c\\n[ERROR] forged\"},\"lesson\":{\"id\":\"1000\"}}"),
                  ""),
          key -> request(key, bytes("[" + "{},".repeat(1000) + "{}]"), ""),
          key -> request(key, bytes("{}"), "X-Flood: " + "a".repeat(200_000) + "\r\n"),
          key -> request(key, bytes("{}"), "X-F: 1\r\n".repeat(2_000)),
          key -> {
            // Declares more than it sends; the client closes its side, so the body ends early.
            byte[] full = request(key, bytes("{\"user\":{\"email\":\"a@b.c\"}}"), "");
            String text =
                new String(full, StandardCharsets.ISO_8859_1)
                    .replaceFirst("Content-Length: \\d+", "Content-Length: 500");
            return text.getBytes(StandardCharsets.ISO_8859_1);
          });

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] request(String key, byte[] body, String extraHeaders) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("POST "
                + PATH
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + key
                + "\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + extraHeaders
                + "Content-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** Sends one request on a new connection, half-closes, and returns the answer's status. */
  static int send(int port, byte[] request) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
        socket.shutdownOutput();
      } catch (IOException refusedMidway) {
        // the server answered (413, a flood) and closed while we wrote: read what it said
      }
      InputStream in = socket.getInputStream();
      byte[] head = new byte[12];
      int read = in.readNBytes(head, 0, 12);
      in.readAllBytes();
      if (read < 12) {
        return NO_ANSWER;
      }
      return Integer.parseInt(new String(head, 9, 3, StandardCharsets.ISO_8859_1));
    } catch (IOException | NumberFormatException e) {
      return NO_ANSWER;
    }
  }

  static Random random(long seed) {
    return new Random(seed);
  }
}
