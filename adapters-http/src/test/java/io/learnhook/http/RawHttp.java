package io.learnhook.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bare HTTP/1.1 connection for what HttpClient will not send: a chosen Host, a malformed
 * Content-Length, a body that never arrives, several requests on one connection.
 */
final class RawHttp implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  static RawHttp connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5_000);
    socket.setSoTimeout(5_000);
    return new RawHttp(socket);
  }

  /** Sends a request head: the lines given, each ended with CRLF, then the blank line. */
  RawHttp head(String... lines) throws IOException {
    StringBuilder head = new StringBuilder();
    for (String line : lines) {
      head.append(line).append("\r\n");
    }
    head.append("\r\n");
    return write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  RawHttp write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  RawHttp write(String text) throws IOException {
    return write(text.getBytes(StandardCharsets.UTF_8));
  }

  Response read() throws IOException {
    return read(false);
  }

  /** Reads one response; a response to HEAD has no body whatever its headers say. */
  Response read(boolean toHead) throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      throw new IOException("connection closed before a response");
    }
    int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line = line(); line != null && !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers
          .computeIfAbsent(
              line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(line.substring(colon + 1).strip());
    }
    byte[] body;
    if (toHead) {
      body = new byte[0];
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length").get(0)));
    } else if ("chunked".equalsIgnoreCase(first(headers, "transfer-encoding"))) {
      body = chunked();
    } else {
      body = in.readAllBytes();
    }
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  /**
   * Whether the server closes this connection within {@code wait} (end of stream or reset), rather
   * than keeping it open or answering again.
   */
  boolean closedByServerWithin(Duration wait) throws IOException {
    socket.setSoTimeout((int) wait.toMillis());
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (SocketException reset) {
      return true;
    } finally {
      socket.setSoTimeout(5_000);
    }
  }

  /** Whether anything arrives within {@code wait}: a second answer where only one was due. */
  boolean staysSilentFor(Duration wait) throws IOException {
    socket.setSoTimeout((int) wait.toMillis());
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException silent) {
      return true;
    } finally {
      socket.setSoTimeout(5_000);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private byte[] chunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      int size = Integer.parseInt(line().split(";", 2)[0].strip(), 16);
      if (size == 0) {
        while (!line().isEmpty()) {
          // trailers
        }
        return body.toByteArray();
      }
      body.write(in.readNBytes(size));
      line();
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null ? null : values.get(0);
  }

  /** A response as received; header names lower-cased. */
  record Response(int status, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return first(headers, name.toLowerCase(Locale.ROOT));
    }
  }
}
