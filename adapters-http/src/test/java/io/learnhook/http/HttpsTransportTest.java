package io.learnhook.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnhook.completion.CompletionId;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.CompanyId;
import io.learnhook.spi.ReportTransport.DeliveryException;
import io.learnhook.spi.ReportTransport.ReportRequest;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS: the certificate is verified against the callback's host name, sent as the TLS server name;
 * a certificate for another name is refused before anything is sent.
 */
class HttpsTransportTest {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static SSLContext server;
  private static SSLContext client;

  @BeforeAll
  static void makeACertificateForReceiverTest(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("receiver.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "receiver",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD);
    server = SSLContext.getInstance("TLS");
    server.init(keyManagers.getKeyManagers(), null, null);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("receiver", keys.getCertificate("receiver"));
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trusted);
    client = SSLContext.getInstance("TLS");
    client.init(null, trustManagers.getTrustManagers(), null);
  }

  private static ReportRequest request(String url) {
    SubscriptionId id = SubscriptionId.of("s1");
    CompanyId acme = CompanyId.of("acme");
    return ReportRequest.of(
        Delivery.pending(
            DeliveryId.of("msg_tls"),
            id,
            acme,
            CompletionId.of("c1"),
            "{\"tls\":true}",
            Instant.now()),
        ReportSubscription.of(id, acme, URI.create(url)).withAllowPrivateNetwork(true),
        Instant.now());
  }

  private static HttpReportTransport transport() {
    return HttpReportTransport.builder()
        .sslContext(client)
        .connectTimeout(Duration.ofSeconds(5))
        .requestTimeout(Duration.ofSeconds(5))
        .build();
  }

  @Test
  void verifiesTheCertificateAgainstTheCallbackHost() {
    try (Receiver receiver = Receiver.startTls(server)) {
      var response = transport().send(request("https://localhost:" + receiver.port() + "/in"));

      assertThat(response.status()).isEqualTo(200);
      assertThat(receiver.received().get(0).header("Host"))
          .isEqualTo("localhost:" + receiver.port());
      assertThat(receiver.received().get(0).bodyText()).isEqualTo("{\"tls\":true}");
    }
  }

  @Test
  void refusesACertificateOfAnotherName() {
    try (Receiver receiver = Receiver.startTls(server)) {
      // The same server, reached by its address: the certificate names localhost, not 127.0.0.1.
      assertThatThrownBy(
              () -> transport().send(request("https://127.0.0.1:" + receiver.port() + "/in")))
          .isInstanceOf(DeliveryException.class)
          .hasMessageContaining("TLS");
      assertThat(receiver.received()).isEmpty();
    }
  }
}
