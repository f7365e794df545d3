package io.learnhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.LearnHook;
import io.learnhook.jdbc.JdbcStore;
import io.learnhook.testkit.TcpProxy;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fault test of {@code GET /health}: a real database server (H2 over TCP) reached through a
 * proxy that the test cuts and restores, as when the database or the network goes away. The probe
 * must say so within 5 seconds, and say it is back within 5 seconds, with no restart.
 */
class HealthOnLostDatabaseTest {
  private static final Duration BOUND = Duration.ofSeconds(5);

  private Server database;
  private TcpProxy proxy;
  private HealthServers.Running served;

  @BeforeEach
  void start() throws Exception {
    database = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    proxy = new TcpProxy(new InetSocketAddress("127.0.0.1", database.getPort()));
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(
        "jdbc:h2:tcp://127.0.0.1:"
            + proxy.port()
            + "/mem:health-"
            + UUID.randomUUID()
            + ";DB_CLOSE_DELAY=-1");
    JdbcStore store = JdbcStore.builder(dataSource).build();
    store.createSchema();
    LearnHook learnHook = LearnHook.builder().store(store).build();
    served = HealthServers.JDK.serve(learnHook);
  }

  @AfterEach
  void stop() throws Exception {
    served.close();
    proxy.close();
    database.stop();
  }

  @Test
  void answers503WithinFiveSecondsOfLosingTheDatabaseAnd200WithinFiveSecondsOfGettingItBack() {
    assertThat(served.get("/health").statusCode()).isEqualTo(200);

    proxy.cut();
    Duration toDown = timeUntil(503);
    assertThat(served.get("/health").body()).contains("\"database\":\"down\"");
    assertThat(served.get("/health/live").statusCode()).isEqualTo(200);

    proxy.restore();
    Duration toUp = timeUntil(200);

    assertThat(toDown).isLessThan(BOUND);
    assertThat(toUp).isLessThan(BOUND);
  }

  /** Probes every 100 ms until {@code status}; how long it took (fails after twice the bound). */
  private Duration timeUntil(int status) {
    long start = System.nanoTime();
    while (true) {
      HttpResponse<String> response = served.get("/health");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      if (response.statusCode() == status) {
        return took;
      }
      assertThat(took).as("still %s", response.body()).isLessThan(BOUND.multipliedBy(2));
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
