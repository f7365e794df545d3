package io.learnhook.httpclient5;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A minimal HTTP forward proxy on 127.0.0.1, as an egress proxy would be: plain requests in
 * absolute form are passed on to the host they name, {@code CONNECT host:port} opens a tunnel. It
 * resolves names with its own table (a name it does not know is refused with 502), and keeps the
 * first line of every request it was sent.
 */
final class ForwardProxy implements AutoCloseable {
  private final ServerSocket server;
  private final Map<String, InetAddress> names;
  private final List<String> requestLines = new ArrayList<>();

  ForwardProxy(Map<String, InetAddress> names) throws IOException {
    this.names = names;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "forward-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  synchronized List<String> requestLines() {
    return List.copyOf(requestLines);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread thread = new Thread(() -> serve(client), "forward-proxy-connection");
        thread.setDaemon(true);
        thread.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      String head = readHead(in);
      String requestLine = head.substring(0, head.indexOf("\r\n"));
      synchronized (this) {
        requestLines.add(requestLine);
      }
      String[] parts = requestLine.split(" ");
      boolean connect = parts[0].equals("CONNECT");
      String authority = connect ? parts[1] : authorityOf(parts[1]);
      int colon = authority.lastIndexOf(':');
      InetAddress address = names.get(authority.substring(0, colon));
      OutputStream toClient = client.getOutputStream();
      if (address == null) {
        toClient.write(
            "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.UTF_8));
        return;
      }
      try (Socket upstream =
          new Socket(address, Integer.parseInt(authority.substring(colon + 1)))) {
        if (connect) {
          toClient.write(
              "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        } else {
          // The receiver accepts the absolute form, as every HTTP/1.1 server must.
          upstream.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        }
        Thread back =
            new Thread(
                () -> {
                  try {
                    upstream.getInputStream().transferTo(toClient);
                  } catch (IOException e) {
                    // One side closed.
                  } finally {
                    try {
                      client.shutdownOutput();
                    } catch (IOException e) {
                      // Already closed.
                    }
                  }
                },
                "forward-proxy-back");
        back.setDaemon(true);
        back.start();
        try {
          in.transferTo(upstream.getOutputStream());
        } catch (IOException e) {
          // One side closed.
        }
        back.join(10_000);
      }
    } catch (IOException | RuntimeException e) {
      // A test's connection ended oddly; the assertions on what arrived tell.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String authorityOf(String absoluteUri) {
    String rest = absoluteUri.substring(absoluteUri.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  /** The request line and headers, up to and including the blank line. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      byte[] sofar = head.toByteArray();
      int n = sofar.length;
      if (n >= 4
          && sofar[n - 4] == '\r'
          && sofar[n - 3] == '\n'
          && sofar[n - 2] == '\r'
          && sofar[n - 1] == '\n') {
        break;
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
