package io.learnhook.reporting;

import static io.learnhook.reporting.DeliveryFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnhook.delivery.Delivery;
import io.learnhook.logcheck.Capture;
import io.learnhook.logcheck.CapturedLine;
import io.learnhook.spi.ReportTransport.DeliveryException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * What an operator reads of a delivery: every LearnHook line logged while a report is sent names
 * its delivery, subscription and company in the MDC; one WARN when the report is given up, whatever
 * the cause; DEBUG only when it is delivered.
 */
class DeliveryLogTest {
  private final DeliveryFixture lms = new DeliveryFixture();

  @Test
  void aDeliveredReportLogsOneDebugLineNamingItInTheMdc() {
    lms.complete(T0);
    Delivery delivery = lms.only();

    lms.workers().runOnce();

    List<CapturedLine> lines = linesOf(delivery);
    assertThat(lines).extracting(CapturedLine::level).containsExactly("DEBUG");
    assertThat(lines.get(0).text()).contains("Delivered", "HTTP 200");
    assertThat(lines.get(0).mdc())
        .containsEntry("delivery_id", delivery.id().value())
        .containsEntry("subscription_id", DeliveryFixture.HOOK.value())
        .containsEntry("company_id", DeliveryFixture.ACME.value());
    assertThat(MDC.get("delivery_id")).as("cleared after the attempt").isNull();
  }

  @Test
  void aRefusedPrivateAddressIsGivenUpWithOneWarnLine() {
    lms.transport.thenFail(
        DeliveryException.permanentFailure(
            "refused: hooks.acme.test resolves to 10.0.0.7, a private address"));
    lms.complete(T0);
    Delivery delivery = lms.only();

    lms.workers().runOnce();

    List<CapturedLine> lines = linesOf(delivery);
    assertThat(lines).extracting(CapturedLine::level).containsExactly("WARN");
    assertThat(lines.get(0).text()).contains("Gave up", "private address");
    assertThat(lines.get(0).mdc()).containsEntry("delivery_id", delivery.id().value());
  }

  @Test
  void exhaustedRetriesLogInfoPerRetryAndOneWarnWhenGivenUp() {
    lms.transport.thenAnswer(500).thenAnswer(500).thenAnswer(500).thenAnswer(500);
    lms.complete(T0);
    Delivery delivery = lms.only();
    DeliveryWorkers workers = lms.workers();

    workers.runOnce();
    for (int retry = 1; retry <= 3; retry++) {
      lms.advance(Duration.ofMinutes(5));
      workers.runOnce();
    }

    assertThat(linesOf(delivery))
        .extracting(CapturedLine::level)
        .containsExactly("INFO", "INFO", "INFO", "WARN");
  }

  @Test
  void aReportOfADeletedSubscriptionIsGivenUpWithOneWarnLine() {
    lms.complete(T0);
    Delivery delivery = lms.only();
    // Deleted in storage behind the engine's back: deleteSubscription would cancel the report.
    lms.store.subscriptions().delete(DeliveryFixture.HOOK);

    lms.workers().runOnce();

    List<CapturedLine> lines = linesOf(delivery);
    assertThat(lines).extracting(CapturedLine::level).containsExactly("WARN");
    assertThat(lines.get(0).text()).contains("Gave up", "deleted");
  }

  @Test
  void aReportOfADisabledSubscriptionIsGivenUpWithOneWarnLine() {
    lms.complete(T0);
    Delivery delivery = lms.only();
    lms.learnHook
        .deliveries()
        .saveSubscription(DeliveryFixture.subscription(DeliveryFixture.HOOK).withEnabled(false));

    lms.workers().runOnce();

    List<CapturedLine> lines = linesOf(delivery);
    assertThat(lines).extracting(CapturedLine::level).containsExactly("WARN");
    assertThat(lines.get(0).text()).contains("Gave up", "disabled");
    assertThat(lines.get(0).mdc()).containsEntry("company_id", DeliveryFixture.ACME.value());
  }

  @Test
  void aGoneSubscriberIsGivenUpWithOneWarnLine() {
    lms.transport.thenAnswer(410);
    lms.complete(T0);
    Delivery delivery = lms.only();

    lms.workers().runOnce();

    List<CapturedLine> lines = linesOf(delivery);
    assertThat(lines).extracting(CapturedLine::level).containsExactly("WARN");
    assertThat(lines.get(0).text()).contains("Gave up", "410");
    assertThat(lines.get(0).mdc())
        .containsEntry("delivery_id", delivery.id().value())
        .containsEntry("subscription_id", DeliveryFixture.HOOK.value());
  }

  /** LearnHook's lines logged while this delivery was being sent, in order. */
  private static List<CapturedLine> linesOf(Delivery delivery) {
    return Capture.get().lines().stream()
        .filter(line -> line.logger().startsWith("io.learnhook."))
        .filter(line -> delivery.id().value().equals(line.mdc().get("delivery_id")))
        .toList();
  }
}
