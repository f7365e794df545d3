package io.learnhook.internal;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/**
 * Not API: puts the ids of the call or delivery being worked on into the SLF4J MDC, so that every
 * log line written meanwhile, LearnHook's or the application's, carries them; {@link #close()} puts
 * back what the keys held before, so an application's own MDC entries of the same names survive.
 *
 * <pre>{@code
 * try (LogContext ignored = LogContext.of().with(LogContext.DELIVERY_ID, id.value())) { ... }
 * }</pre>
 *
 * Not thread-safe: opened and closed on one thread, as the MDC itself is per thread.
 */
public final class LogContext implements AutoCloseable {
  /** The webhook an incoming call authenticated as. */
  public static final String WEBHOOK_ID = "webhook_id";

  /** The company (tenant) of the call or the delivery. */
  public static final String COMPANY_ID = "company_id";

  /** The delivery (report) being sent; the {@code webhook-id} header its receiver sees. */
  public static final String DELIVERY_ID = "delivery_id";

  /** The report subscription a delivery goes to. */
  public static final String SUBSCRIPTION_ID = "subscription_id";

  private record Previous(String key, String value) {}

  private final List<Previous> previous = new ArrayList<>(4);

  private LogContext() {}

  /** An empty context; add entries with {@link #with}. */
  public static LogContext of() {
    return new LogContext();
  }

  /** Puts {@code key}, remembering what it held. */
  public LogContext with(String key, String value) {
    previous.add(new Previous(key, MDC.get(key)));
    MDC.put(key, value);
    return this;
  }

  /** Puts back every key as it was, last first. */
  @Override
  public void close() {
    for (int i = previous.size() - 1; i >= 0; i--) {
      Previous entry = previous.get(i);
      if (entry.value() == null) {
        MDC.remove(entry.key());
      } else {
        MDC.put(entry.key(), entry.value());
      }
    }
    previous.clear();
  }
}
