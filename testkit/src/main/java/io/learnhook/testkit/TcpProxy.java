package io.learnhook.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 between a connection pool and a database server, which a test can cut
 * (every open connection is dropped, new ones are closed at once, as when the server or the network
 * goes away), slow down (the server's answers held back, as on a saturated database or network) and
 * restore. For fault tests of a storage adapter or of an application: point the JDBC URL at {@link
 * #port()} instead of the server's.
 *
 * <pre>{@code
 * try (TcpProxy proxy = new TcpProxy(new InetSocketAddress("127.0.0.1", 5432))) {
 *   DataSource db = dataSourceFor("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/app");
 *   ...
 *   proxy.cut();     // the database is gone
 *   proxy.restore(); // and back
 * }
 * }</pre>
 */
public final class TcpProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean up = true;
  private volatile long delayMillis;
  private volatile String trigger;

  /** Starts proxying to {@code target}, on a free loopback port. */
  public TcpProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The loopback port to connect to instead of the target's. */
  public int port() {
    return server.getLocalPort();
  }

  /** Drops every connection and refuses new ones until {@link #restore()}. */
  public void cut() {
    up = false;
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    open.clear();
  }

  /** Accepts connections again and stops holding answers back. */
  public void restore() {
    up = true;
    delayMillis = 0;
    trigger = null;
  }

  /**
   * From the moment a client sends a statement containing {@code statementText} (compared in lower
   * case; the wire protocols of PostgreSQL without TLS and MariaDB carry the SQL text as is), holds
   * back every answer of the server by {@code delay}, until {@link #restore()}.
   */
  public void slowAfter(String statementText, Duration delay) {
    trigger = statementText.toLowerCase(Locale.ROOT);
    delayMillis = 0;
    pendingDelay = delay.toMillis();
  }

  private volatile long pendingDelay;

  @Override
  public void close() throws IOException {
    cut();
    server.close();
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (!up) {
        closeQuietly(client);
        continue;
      }
      try {
        Socket upstream = new Socket(target.getAddress(), target.getPort());
        open.add(client);
        open.add(upstream);
        pump(client, upstream, true);
        pump(upstream, client, false);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pump(Socket from, Socket to, boolean fromClient) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                  String watched = trigger;
                  if (fromClient
                      && watched != null
                      && new String(buffer, 0, read, StandardCharsets.ISO_8859_1)
                          .toLowerCase(Locale.ROOT)
                          .contains(watched)) {
                    delayMillis = pendingDelay;
                  }
                  if (!fromClient && delayMillis > 0) {
                    Thread.sleep(delayMillis);
                  }
                  out.write(buffer, 0, read);
                  out.flush();
                }
              } catch (IOException e) {
                // The other side or cut() closed the connection: end both directions.
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "tcp-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is all we wanted.
    }
  }
}
