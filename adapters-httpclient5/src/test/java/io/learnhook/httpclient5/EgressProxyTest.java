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
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reports through a real forward proxy on 127.0.0.1. The callback host resolves, for this
 * transport, to a public address that does not answer, and only the proxy's own table leads it to
 * the receiver: a report that arrives went through the proxy. The private-network rule still
 * applies to the host as this transport resolves it.
 */
class EgressProxyTest {
  private static final CompanyId ACME = CompanyId.of("acme");
  private static final SubscriptionId HOOK = SubscriptionId.of("s1");

  private static ReportRequest request(URI url) {
    return ReportRequest.of(
        Delivery.pending(
            DeliveryId.of("msg_proxy"),
            HOOK,
            ACME,
            CompletionId.of("c1"),
            "{\"via\":\"proxy\"}",
            Instant.ofEpochSecond(1_700_000_000L)),
        ReportSubscription.of(HOOK, ACME, url).withAuthorization("Bearer t-123"),
        Instant.ofEpochSecond(1_700_000_000L));
  }

  private static HttpClient5ReportTransport throughProxy(int proxyPort, String answer)
      throws Exception {
    InetAddress resolved = InetAddress.getByName(answer);
    return HttpClient5ReportTransport.builder()
        .connectTimeout(Duration.ofSeconds(2))
        .requestTimeout(Duration.ofSeconds(2))
        .resolver(host -> List.of(resolved))
        .proxy(URI.create("http://localhost:" + proxyPort))
        .build();
  }

  @Test
  void sendsThePlainReportThroughTheProxyWithItsHeadersAndBody() throws Exception {
    try (Receiver receiver = Receiver.start();
        ForwardProxy proxy =
            new ForwardProxy(Map.of("hooks.subscriber.test", InetAddress.getLoopbackAddress()));
        HttpClient5ReportTransport transport = throughProxy(proxy.port(), "192.0.2.10")) {
      URI url = URI.create("http://hooks.subscriber.test:" + receiver.port() + "/in?k=1");

      TransportResponse response = transport.send(request(url));

      assertThat(response.status()).isEqualTo(200);
      assertThat(proxy.requestLines())
          .containsExactly(
              "POST http://hooks.subscriber.test:" + receiver.port() + "/in?k=1 HTTP/1.1");
      Receiver.Received got = receiver.received().get(0);
      assertThat(got.path()).isEqualTo("/in?k=1");
      assertThat(got.header("Host")).isEqualTo("hooks.subscriber.test:" + receiver.port());
      assertThat(got.header("Authorization")).isEqualTo("Bearer t-123");
      assertThat(got.header("webhook-id")).isEqualTo("msg_proxy");
      assertThat(new String(got.body(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo("{\"via\":\"proxy\"}");
    }
  }

  @Test
  void refusesAHostThatResolvesToAPrivateAddressBeforeAskingTheProxy() throws Exception {
    try (Receiver receiver = Receiver.start();
        ForwardProxy proxy =
            new ForwardProxy(Map.of("hooks.subscriber.test", InetAddress.getLoopbackAddress()));
        HttpClient5ReportTransport transport = throughProxy(proxy.port(), "10.0.0.7")) {
      URI url = URI.create("http://hooks.subscriber.test:" + receiver.port() + "/in");

      assertThatThrownBy(() -> transport.send(request(url)))
          .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
          .hasMessageContaining("10.0.0.7");
      assertThat(proxy.requestLines()).isEmpty();
      assertThat(receiver.received()).isEmpty();
    }
  }

  @Test
  void passesOnTheProxysAnswerWhenItCannotReachTheHost() throws Exception {
    try (ForwardProxy proxy = new ForwardProxy(Map.of());
        HttpClient5ReportTransport transport = throughProxy(proxy.port(), "192.0.2.10")) {

      TransportResponse response =
          transport.send(request(URI.create("http://unknown.subscriber.test:8080/in")));

      assertThat(response.status()).isEqualTo(502);
      assertThat(response.successful()).isFalse();
    }
  }
}
