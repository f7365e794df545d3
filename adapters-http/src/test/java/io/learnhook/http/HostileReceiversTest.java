package io.learnhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.LearnHook;
import io.learnhook.completion.NewCompletion;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryAttempt;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.ItemType;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.memory.InMemoryStore;
import io.learnhook.reporting.DeliveryWorkers;
import io.learnhook.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The delivery workers against receivers that misbehave at the socket level, beside a receiver that
 * behaves: each misbehaviour is a failed attempt with its error kept and a retry scheduled, and the
 * workers go on delivering every other report.
 */
class HostileReceiversTest {
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final SubscriptionId HOSTILE = SubscriptionId.of("s-hostile");
  private static final SubscriptionId GOOD = SubscriptionId.of("s-good");
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  /** What a receiver does once it has read a report. */
  enum Misbehaviour {
    /** Accepts, reads the report, never answers. */
    HANGS,
    /** Reads the report, then resets the connection (RST). */
    RESETS,
    /** Starts a 200 answer and closes the connection halfway through its body. */
    CLOSES_MID_ANSWER,
    /** Answers with bytes that are not HTTP. */
    ANSWERS_GARBAGE,
    /** Answers with a status line that is not one. */
    ANSWERS_AN_INVALID_STATUS_LINE,
    /** Answers a status line, then header lines without end. */
    ANSWERS_ENDLESS_HEADERS,
    /** Closes the connection as soon as it is accepted, before reading anything. */
    CLOSES_AT_ONCE
  }

  private final Receiver good = Receiver.start();
  private final MutableClock clock = MutableClock.at(T0);
  private final InMemoryStore store = new InMemoryStore();
  private HostileReceiver hostile;

  @AfterEach
  void stop() throws IOException {
    good.close();
    if (hostile != null) {
      hostile.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Misbehaviour.class)
  @Timeout(60)
  void recordsAFailedAttemptSchedulesARetryAndKeepsDeliveringOtherReports(Misbehaviour misbehaviour)
      throws Exception {
    hostile = new HostileReceiver(misbehaviour);
    store.putCompany(new Company(ACME, true, true));
    store.putUser(
        new User(UserId.of("u1"), ACME, "ann@acme.test", "Ann", true, Optional.empty(), Map.of()));
    store.putItem(
        new Item(
            ItemId.of("i1"),
            ACME,
            "Phishing 101",
            ItemType.WEB_LINK,
            Optional.empty(),
            Optional.of("1000"),
            Optional.empty(),
            true));
    LearnHook learnHook = LearnHook.builder().store(store).clock(clock).build();
    learnHook
        .deliveries()
        .saveSubscription(
            ReportSubscription.of(HOSTILE, ACME, hostile.url()).withAllowPrivateNetwork(true));
    learnHook
        .deliveries()
        .saveSubscription(
            ReportSubscription.of(GOOD, ACME, good.url("/lms")).withAllowPrivateNetwork(true));
    DeliveryWorkers workers =
        learnHook
            .deliveries()
            .workers(
                HttpReportTransport.builder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .requestTimeout(Duration.ofMillis(800))
                    .build())
            .build();

    learnHook.record(NewCompletion.of(ACME, UserId.of("u1"), ItemId.of("i1"), T0.minusSeconds(60)));
    long started = System.nanoTime();
    workers.runOnce();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    Delivery failed = only(HOSTILE, 0);
    assertThat(failed.state()).isEqualTo(DeliveryState.PENDING);
    assertThat(failed.nextAttemptAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    List<DeliveryAttempt> attempts = learnHook.deliveries().attempts(failed.id());
    assertThat(attempts).hasSize(1);
    assertThat(attempts.get(0).succeeded()).isFalse();
    assertThat(attempts.get(0).error()).as("the attempt says what went wrong").isPresent();
    assertThat(only(GOOD, 0).state()).isEqualTo(DeliveryState.DELIVERED);

    // The workers are not stuck on the hostile receiver: the next report goes out, and the retry is
    // made.
    clock.advance(Duration.ofMinutes(5));
    learnHook.record(NewCompletion.of(ACME, UserId.of("u1"), ItemId.of("i1"), T0.minusSeconds(30)));
    workers.runOnce();

    assertThat(only(GOOD, 1).state()).isEqualTo(DeliveryState.DELIVERED);
    assertThat(good.received()).hasSize(2);
    assertThat(learnHook.deliveries().attempts(failed.id())).hasSize(2);
    assertThat(hostile.connections()).isGreaterThanOrEqualTo(2);
    System.out.printf(
        "Receiver that %s: attempt failed with \"%s\" after %d ms; the good receiver got both reports%n",
        misbehaviour, attempts.get(0).error().orElseThrow(), took.toMillis());
  }

  private Delivery only(SubscriptionId subscription, int index) {
    return store.allDeliveries().stream()
        .filter(d -> d.subscription().equals(subscription))
        .toList()
        .get(index);
  }

  /** A receiver on a raw socket that misbehaves as told on every connection. */
  private static final class HostileReceiver implements AutoCloseable {
    private final ServerSocket server;
    private final Misbehaviour misbehaviour;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile int connections;

    HostileReceiver(Misbehaviour misbehaviour) throws IOException {
      this.misbehaviour = misbehaviour;
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread acceptor = new Thread(this::accept, "hostile-receiver");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/hook");
    }

    int connections() {
      return connections;
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket socket = server.accept();
          connections++;
          open.add(socket);
          Thread handler = new Thread(() -> misbehave(socket), "hostile-receiver-conn");
          handler.setDaemon(true);
          handler.start();
        } catch (IOException closed) {
          return;
        }
      }
    }

    private void misbehave(Socket socket) {
      try {
        if (misbehaviour == Misbehaviour.CLOSES_AT_ONCE) {
          socket.close();
          return;
        }
        readRequest(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        switch (misbehaviour) {
          case HANGS -> Thread.sleep(60_000);
          case RESETS -> {
            socket.setSoLinger(true, 0);
            socket.close();
          }
          case CLOSES_MID_ANSWER -> {
            out.write(
                "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"rece"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.close();
          }
          case ANSWERS_GARBAGE -> {
            byte[] garbage = new byte[4096];
            new Random(42).nextBytes(garbage);
            out.write(garbage);
            out.flush();
            socket.close();
          }
          case ANSWERS_AN_INVALID_STATUS_LINE -> {
            out.write(
                "HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.close();
          }
          case ANSWERS_ENDLESS_HEADERS -> {
            out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1));
            byte[] line =
                ("X-Filler: " + "a".repeat(1000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            while (!socket.isClosed()) {
              out.write(line);
            }
          }
          default -> throw new IllegalStateException(misbehaviour.toString());
        }
      } catch (IOException | InterruptedException senderGone) {
        // The sender gave up on us: what we wanted.
      } finally {
        open.remove(socket);
        try {
          socket.close();
        } catch (IOException e) {
          // closing is all we wanted
        }
      }
    }

    /** Reads a request head and its Content-Length body. */
    private static void readRequest(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        head.write(b);
      }
      for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          in.readNBytes(Integer.parseInt(line.substring(15).strip()));
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket socket : open) {
        socket.close();
      }
    }
  }
}
