package io.learnhook.httpclient5;

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
import io.learnhook.spi.ReportTransport.TransportResponse;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS to a pinned address: the connection goes to the address that was checked, and the
 * certificate is still verified against the callback's host name (sent as the TLS server name), not
 * the address; through a proxy, the tunnel is opened to the name and TLS still ends at the
 * receiver.
 */
class HttpsPinningTest {
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
                "CN=receiver.test",
                "-ext",
                "SAN=dns:receiver.test",
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

  private static ReportRequest request(String url, boolean allowPrivate) {
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
        ReportSubscription.of(id, acme, URI.create(url)).withAllowPrivateNetwork(allowPrivate),
        Instant.now());
  }

  private static HttpClient5ReportTransport.Builder resolvingTo(String address) {
    return HttpClient5ReportTransport.builder()
        .sslContext(client)
        .connectTimeout(Duration.ofSeconds(5))
        .requestTimeout(Duration.ofSeconds(5))
        .resolver(host -> List.of(InetAddress.getByName(address)));
  }

  @Test
  void verifiesTheCertificateAgainstTheCallbackHostWhileConnectingToThePinnedAddress()
      throws Exception {
    try (Receiver receiver = Receiver.startTls(server);
        HttpClient5ReportTransport transport = resolvingTo("127.0.0.1").build()) {
      TransportResponse response =
          transport.send(request("https://receiver.test:" + receiver.port() + "/in", true));

      assertThat(response.status()).isEqualTo(200);
      assertThat(receiver.received().get(0).header("Host"))
          .isEqualTo("receiver.test:" + receiver.port());
    }
  }

  @Test
  void refusesACertificateOfAnotherName() throws Exception {
    try (Receiver receiver = Receiver.startTls(server);
        HttpClient5ReportTransport transport = resolvingTo("127.0.0.1").build()) {
      assertThatThrownBy(
              () ->
                  transport.send(request("https://impostor.test:" + receiver.port() + "/in", true)))
          .isInstanceOf(DeliveryException.class)
          .hasMessageContaining("TLS");
      assertThat(receiver.received()).isEmpty();
    }
  }

  @Test
  void tunnelsThroughTheProxyToTheNameAndVerifiesTheReceiversCertificate() throws Exception {
    try (Receiver receiver = Receiver.startTls(server);
        ForwardProxy proxy =
            new ForwardProxy(Map.of("receiver.test", InetAddress.getLoopbackAddress()));
        HttpClient5ReportTransport transport =
            resolvingTo("192.0.2.10")
                .proxy(URI.create("http://127.0.0.1:" + proxy.port()))
                .build()) {
      TransportResponse response =
          transport.send(request("https://receiver.test:" + receiver.port() + "/in", false));

      assertThat(response.status()).isEqualTo(200);
      assertThat(proxy.requestLines())
          .containsExactly("CONNECT receiver.test:" + receiver.port() + " HTTP/1.1");
      assertThat(receiver.received().get(0).body()).isEqualTo("{\"tls\":true}".getBytes());
    }
  }
}
