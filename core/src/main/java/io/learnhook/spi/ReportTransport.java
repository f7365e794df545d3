package io.learnhook.spi;

import io.learnhook.delivery.CallbackAddressRule;
import io.learnhook.delivery.DeliveryException;
import io.learnhook.delivery.ReportRequest;
import io.learnhook.delivery.TransportResponse;
import java.time.Duration;

/**
 * Sends one report over the network: {@code learnhook-http}'s {@code HttpReportTransport} on the
 * JDK's {@code HttpClient}, or your own. It sends exactly the request's headers and body, follows
 * no redirect, and refuses a callback URL that leads to a non-public address unless the request
 * allows it ({@link ReportRequest#allowPrivateNetwork()}), applying {@link CallbackAddressRule} to
 * the address it actually connects to, before sending anything. {@code learnhook-testkit}'s {@code
 * ReportTransportContract} checks all of this against a real local receiver.
 */
public interface ReportTransport {
  /**
   * POSTs the request and returns whatever the subscriber answered, 2xx or not.
   *
   * @throws DeliveryException when no answer came (connection error, timeout) or the request was
   *     refused before it was sent; it says whether a retry makes sense
   */
  TransportResponse send(ReportRequest request);

  /**
   * The longest one {@link #send} may take, connection and answer included. Workers lease a
   * delivery for longer than this, so that no other worker takes it over while it is still being
   * sent.
   */
  Duration timeout();
}
