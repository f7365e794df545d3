package io.learnhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.completion.CompletionId;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.CompanyId;
import io.learnhook.spi.ReportTransport.ReportRequest;
import io.learnhook.spi.ReportTransport.TransportResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * In a JVM of its own (the test JVM's HttpClient state and system properties are shared by every
 * test class): an application that used {@code HttpClient} first can still build and use the
 * transport, and the transport sets no system property behind the application's back.
 */
class HttpReportTransportInAFreshJvmTest {
  static final String RESTRICTED_HEADERS = "jdk.httpclient.allowRestrictedHeaders";

  @Test
  void worksAfterTheApplicationUsedHttpClientAndSetsNoSystemProperty() throws Exception {
    try (Receiver receiver = Receiver.start()) {
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  ApplicationUsingHttpClientFirst.class.getName(),
                  "http://127.0.0.1:" + receiver.port())
              .redirectErrorStream(true)
              .start();
      String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(child.exitValue()).as(output).isZero();
      assertThat(output)
          .contains("report status=200")
          .contains(RESTRICTED_HEADERS + " before=null after=null");
      assertThat(receiver.received())
          .extracting(Receiver.Received::path)
          .containsExactly("/the-application-first", "/report");
    }
  }

  /** An application that sends with its own HttpClient, then starts reporting. */
  public static final class ApplicationUsingHttpClientFirst {
    private ApplicationUsingHttpClientFirst() {}

    public static void main(String[] args) throws Exception {
      URI receiver = URI.create(args[0]);
      HttpClient own = HttpClient.newHttpClient();
      own.send(
          HttpRequest.newBuilder(receiver.resolve("/the-application-first")).build(),
          HttpResponse.BodyHandlers.discarding());
      String before = System.getProperty(RESTRICTED_HEADERS);

      HttpReportTransport transport = HttpReportTransport.create();
      SubscriptionId id = SubscriptionId.of("s1");
      CompanyId acme = CompanyId.of("acme");
      TransportResponse response =
          transport.send(
              ReportRequest.of(
                  Delivery.pending(
                      DeliveryId.of("msg_fresh"),
                      id,
                      acme,
                      CompletionId.of("c1"),
                      "{}",
                      Instant.now()),
                  ReportSubscription.of(id, acme, receiver.resolve("/report"))
                      .withAllowPrivateNetwork(true),
                  Instant.now()));

      System.out.println("report status=" + response.status());
      System.out.println(
          RESTRICTED_HEADERS
              + " before="
              + before
              + " after="
              + System.getProperty(RESTRICTED_HEADERS));
    }
  }
}
