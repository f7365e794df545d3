package io.learnhook.reporting;

import io.learnhook.spi.ReportTransport;
import io.learnhook.spi.ReportTransport.DeliveryException;
import io.learnhook.spi.ReportTransport.ReportRequest;
import io.learnhook.spi.ReportTransport.TransportResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A fake transport: answers from a script (then 200), and keeps every request it was given. Each
 * scripted step either answers or throws a {@link DeliveryException}.
 */
final class ScriptedTransport implements ReportTransport {
  private final Deque<Function<ReportRequest, TransportResponse>> script = new ArrayDeque<>();
  private final List<ReportRequest> sent = new ArrayList<>();

  synchronized ScriptedTransport thenAnswer(int status) {
    script.add(request -> TransportResponse.of(status));
    return this;
  }

  synchronized ScriptedTransport thenAnswer(TransportResponse response) {
    script.add(request -> response);
    return this;
  }

  synchronized ScriptedTransport thenFail(DeliveryException failure) {
    script.add(
        request -> {
          throw failure;
        });
    return this;
  }

  synchronized List<ReportRequest> sent() {
    return List.copyOf(sent);
  }

  @Override
  public TransportResponse send(ReportRequest request) {
    Function<ReportRequest, TransportResponse> step;
    synchronized (this) {
      sent.add(request);
      step =
          script.isEmpty()
              ? r -> new TransportResponse(200, java.util.Optional.empty(), "ok")
              : script.poll();
    }
    return step.apply(request);
  }

  @Override
  public Duration timeout() {
    return Duration.ofSeconds(30);
  }
}
