package io.learnhook;

import io.learnhook.completion.CompletionListener;
import io.learnhook.completion.NewCompletion;
import io.learnhook.completion.RecordResult;
import io.learnhook.completion.internal.CompletionRecorder;
import io.learnhook.completion.internal.SubscriptionHints;
import io.learnhook.ingest.CompletionIngest;
import io.learnhook.ingest.IngestLimits;
import io.learnhook.internal.Observation;
import io.learnhook.internal.Version;
import io.learnhook.internal.health.HealthCheck;
import io.learnhook.internal.reporting.ReportTrigger;
import io.learnhook.management.ReportAdministration;
import io.learnhook.management.WebhookAdministration;
import io.learnhook.ratelimit.RateLimits;
import io.learnhook.reporting.Deliveries;
import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.requestlog.RequestLogRetention;
import io.learnhook.resolution.ItemResolution;
import io.learnhook.resolution.UserResolution;
import io.learnhook.spi.CompanyRepository;
import io.learnhook.spi.CompletionRepository;
import io.learnhook.spi.DeliveryOutbox;
import io.learnhook.spi.ItemCatalog;
import io.learnhook.spi.LearnHookStore;
import io.learnhook.spi.ReportDetails;
import io.learnhook.spi.ReportSubscriptionRepository;
import io.learnhook.spi.RequestLogRepository;
import io.learnhook.spi.Transactions;
import io.learnhook.spi.UserDirectory;
import io.learnhook.spi.WebhookRepository;
import io.learnhook.webhook.WebhookId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LearnHook engine: ingesting webhook calls of completions, the LMS's own way to record
 * completions, and the outbound reports every new completion sends to its company's subscribers,
 * over the storage ports you give it.
 *
 * <pre>{@code
 * LearnHook learnHook = LearnHook.builder()
 *     .store(JdbcStore.builder(dataSource).build())   // or new InMemoryStore()
 *     .listener(completion -> progress.update(completion))
 *     .build();
 * CompletionIngest ingest = learnHook.ingest(); // serve it with learnhook-http, or a queue of yours
 * DeliveryWorkers workers = learnHook.deliveries().workers(HttpReportTransport.create()).start();
 * }</pre>
 */
public final class LearnHook {
  private static final Logger LOG = LoggerFactory.getLogger(LearnHook.class);

  /** How long the database may take to answer a health check before it counts as down. */
  private static final Duration DATABASE_CHECK_TIMEOUT = Duration.ofSeconds(2);

  private final CompletionIngest ingest;
  private final HealthCheck health;
  private final CompletionRecorder recorder;
  private final RequestLogRepository requestLog;
  private final Deliveries deliveries;
  private final WebhookAdministration administration;
  private final ReportAdministration reportAdministration;

  private LearnHook(Builder builder) {
    Observation observation =
        builder.observers.isEmpty() ? Observation.NONE : new Observers(builder.observers);
    this.deliveries =
        new Deliveries(
            builder.subscriptions,
            builder.outbox,
            builder.clock,
            observation,
            builder.requestLog,
            builder.retention.maxAge());
    ReportTrigger reports =
        new ReportTrigger(
            builder.companies,
            builder.users,
            builder.items,
            builder.subscriptions,
            builder.outbox,
            builder.reportDetails,
            builder.clock);
    List<CompletionListener> listeners = new ArrayList<>();
    // First, so that workers start on the new reports before the LMS's listeners run.
    listeners.add(completion -> deliveries.wakeUp());
    if (observation != Observation.NONE) {
      listeners.add(completion -> observation.completionRecorded());
    }
    listeners.addAll(builder.listeners);
    this.recorder =
        new CompletionRecorder(
            builder.completions,
            builder.transactions,
            reports,
            listeners,
            builder.clock,
            subscriptionHintsApply(builder));
    this.requestLog = builder.requestLog;
    this.administration =
        new WebhookAdministration(
            builder.webhooks, builder.companies, builder.requestLog, builder.clock);
    this.reportAdministration = new ReportAdministration(deliveries, builder.clock);
    this.ingest =
        new CompletionIngest(
            builder.webhooks,
            builder.companies,
            new ItemResolution(builder.items),
            new UserResolution(builder.users),
            builder.completions,
            recorder,
            builder.requestLog,
            builder.retention,
            builder.clock,
            builder.limits,
            builder.rateLimits,
            observation);
    this.health =
        new HealthCheck(builder.transactions, deliveries::workersRunning, DATABASE_CHECK_TIMEOUT);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether the key lookup's "no enabled report subscription" may spare a new completion the
   * subscription lookup: only when the webhook repository read it from the very subscriptions the
   * reports go to (the JDBC store, with its own subscriptions). See {@link SubscriptionHints}.
   */
  private static boolean subscriptionHintsApply(Builder builder) {
    return builder.webhooks instanceof SubscriptionHints hints
        && hints.readsSubscriptionsOf(builder.subscriptions);
  }

  /**
   * Ingesting webhook calls of completions: key, mapping, resolution, exactly-once recording,
   * request log and reports, for any inbound adapter (learnhook-http serves it over HTTP).
   */
  public CompletionIngest ingest() {
    return ingest;
  }

  /** LearnHook's version, as in {@code User-Agent: LearnHook/<version>}. */
  public static String version() {
    return Version.value();
  }

  /**
   * Outbound reports: subscriptions, deliveries and their attempts, redelivery, and the workers
   * that send them.
   */
  public Deliveries deliveries() {
    return deliveries;
  }

  /**
   * Managing webhooks as a company's Owners and Admins do: create, configure, delete, list,
   * regenerate keys, read the request log, switch the integration. Serve it over HTTP with
   * learnhook-http's {@code io.learnhook.http.admin.AdminEndpoint}.
   */
  public WebhookAdministration administration() {
    return administration;
  }

  /**
   * The management of the company's report subscriptions and deliveries, under the same Owner and
   * Admin rule as {@link #administration()}. Served over HTTP by learnhook-http's {@code
   * io.learnhook.http.admin.AdminEndpoint}.
   */
  public ReportAdministration reportAdministration() {
    return reportAdministration;
  }

  /**
   * Records a completion the LMS itself observed, exactly once, and tells the listeners when it is
   * new. A new completion enqueues a report to every enabled subscription of its company, in the
   * same transaction.
   *
   * @throws io.learnhook.spi.StorageException.StorageUnavailableException when storage cannot be
   *     reached (nothing written)
   * @throws IllegalArgumentException when the company has subscribers but the completion's user or
   *     item cannot be found, so that no report can be built (nothing written)
   */
  public RecordResult record(NewCompletion completion) {
    return recorder.record(completion);
  }

  /**
   * Whether this node can do its work: the database answers (within 2 seconds; a cheap check
   * through {@link Transactions#reachable}), and every delivery worker pool started on this engine
   * still runs. Transport-neutral: learnhook-http serves it as {@code GET /health}. Never throws;
   * takes at most about 2 seconds.
   */
  public Health health() {
    return new Health(
        Health.State.of(health.databaseUp()), Health.State.of(health.deliveryWorkersUp()));
  }

  /** The webhook's latest calls, newest first, for troubleshooting. */
  public List<RequestLogEntry> requestLog(WebhookId webhook, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return requestLog.latest(webhook, limit);
  }

  /**
   * What {@link #health()} found.
   *
   * @param database whether the database answered the check in time
   * @param deliveryWorkers whether every delivery worker pool started on this engine still runs
   *     ({@link State#UP} when none was started: this node sends no reports, and nothing is wrong)
   */
  public record Health(State database, State deliveryWorkers) {
    public Health {
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(deliveryWorkers, "deliveryWorkers");
    }

    /** Whether every check is up. */
    public boolean up() {
      return database == State.UP && deliveryWorkers == State.UP;
    }

    /** One check's state. */
    public enum State {
      UP,
      DOWN;

      static State of(boolean up) {
        return up ? UP : DOWN;
      }
    }
  }

  /**
   * Told of what the engine does, for metrics: implement the methods you need (each does nothing by
   * default) and register it with {@link Builder#observer}; learnhook-micrometer's {@code
   * LearnHookMetrics} is one. Methods are called on the thread that did the work, so they must be
   * quick and thread-safe. An observer that throws is logged once and never breaks the call it
   * observes.
   */
  public interface Observer {
    /**
     * A call of the incoming webhook endpoint (or of {@link CompletionIngest} from any adapter) was
     * answered.
     *
     * @param outcome one of a small fixed set, safe as a metric label: {@code recorded}, {@code
     *     duplicate}, {@code dry_run}, {@code batch}, or the refusal's reason in lower case ({@code
     *     invalid_key}, {@code rate_limited}, {@code integration_disabled}, {@code
     *     unknown_company}, {@code body_too_large}, {@code batch_too_large}, {@code
     *     unreadable_body}, {@code malformed_body}, {@code unprocessable}, {@code item_not_found},
     *     {@code user_not_found}, {@code not_externally_controlled}, {@code storage_unavailable},
     *     {@code internal_error})
     */
    default void webhookCall(String outcome) {}

    /**
     * A new completion was recorded and committed, by a webhook call or by {@link
     * LearnHook#record}; duplicates are not told.
     */
    default void completionRecorded() {}

    /**
     * A delivery worker finished one attempt at one report.
     *
     * @param outcome {@code delivered}, {@code retried} (failed, another attempt is scheduled) or
     *     {@code failed} (given up: retries exhausted, a refused address, 410 Gone, a deleted or
     *     disabled subscription)
     * @param duration how long the POST took; empty when none was sent
     */
    default void deliveryFinished(String outcome, Optional<Duration> duration) {}
  }

  /**
   * The registered observers as the use cases see them. Each observer's failure is caught, so that
   * metrics never break a call, and logged once per observer, so that a broken one does not flood
   * the log.
   */
  private static final class Observers implements Observation {
    private final List<Observer> observers;
    private final List<AtomicBoolean> failed;

    Observers(List<Observer> observers) {
      this.observers = List.copyOf(observers);
      this.failed = observers.stream().map(o -> new AtomicBoolean()).toList();
    }

    @Override
    public void webhookCall(String outcome) {
      each(observer -> observer.webhookCall(outcome));
    }

    @Override
    public void completionRecorded() {
      each(Observer::completionRecorded);
    }

    @Override
    public void deliveryFinished(String outcome, Optional<Duration> duration) {
      each(observer -> observer.deliveryFinished(outcome, duration));
    }

    private void each(java.util.function.Consumer<Observer> call) {
      for (int i = 0; i < observers.size(); i++) {
        Observer observer = observers.get(i);
        try {
          call.accept(observer);
        } catch (RuntimeException e) {
          if (failed.get(i).compareAndSet(false, true)) {
            LOG.error(
                "Observer {} failed; its later failures are not logged", observer.getClass(), e);
          }
        }
      }
    }
  }

  /** Builds a {@link LearnHook}. Every port is required; {@link #store} sets them all at once. */
  public static final class Builder {
    private CompanyRepository companies;
    private UserDirectory users;
    private ItemCatalog items;
    private WebhookRepository webhooks;
    private CompletionRepository completions;
    private RequestLogRepository requestLog;
    private ReportSubscriptionRepository subscriptions;
    private DeliveryOutbox outbox;
    private Transactions transactions;
    private ReportDetails reportDetails = ReportDetails.none();
    private final List<CompletionListener> listeners = new ArrayList<>();
    private final List<Observer> observers = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private IngestLimits limits = IngestLimits.defaults();
    private RateLimits rateLimits = RateLimits.defaults();
    private RequestLogRetention retention = RequestLogRetention.defaults();

    private Builder() {}

    /** Takes every port from one store; later calls may replace single ports. */
    public Builder store(LearnHookStore store) {
      Objects.requireNonNull(store, "store");
      return companies(store.companies())
          .users(store.users())
          .items(store.items())
          .webhooks(store.webhooks())
          .completions(store.completions())
          .requestLog(store.requestLog())
          .subscriptions(store.subscriptions())
          .outbox(store.outbox())
          .transactions(store.transactions());
    }

    public Builder companies(CompanyRepository value) {
      this.companies = Objects.requireNonNull(value, "companies");
      return this;
    }

    /** Where users are looked up, e.g. the LMS's own user table. */
    public Builder users(UserDirectory value) {
      this.users = Objects.requireNonNull(value, "users");
      return this;
    }

    /** Where items are looked up, e.g. the LMS's own content table. */
    public Builder items(ItemCatalog value) {
      this.items = Objects.requireNonNull(value, "items");
      return this;
    }

    public Builder webhooks(WebhookRepository value) {
      this.webhooks = Objects.requireNonNull(value, "webhooks");
      return this;
    }

    public Builder completions(CompletionRepository value) {
      this.completions = Objects.requireNonNull(value, "completions");
      return this;
    }

    public Builder requestLog(RequestLogRepository value) {
      this.requestLog = Objects.requireNonNull(value, "requestLog");
      return this;
    }

    public Builder subscriptions(ReportSubscriptionRepository value) {
      this.subscriptions = Objects.requireNonNull(value, "subscriptions");
      return this;
    }

    public Builder outbox(DeliveryOutbox value) {
      this.outbox = Objects.requireNonNull(value, "outbox");
      return this;
    }

    /**
     * The transactions of the storage that holds completions and the outbox; both must take part in
     * them.
     */
    public Builder transactions(Transactions value) {
      this.transactions = Objects.requireNonNull(value, "transactions");
      return this;
    }

    /**
     * Where reports get {@code started_at}, {@code assigned_at}, {@code report_card_url} and {@code
     * retake_score} (default: nowhere; they are reported as {@code null}).
     */
    public Builder reportDetails(ReportDetails value) {
      this.reportDetails = Objects.requireNonNull(value, "reportDetails");
      return this;
    }

    /** Adds a listener told of every newly recorded completion. */
    public Builder listener(CompletionListener value) {
      listeners.add(Objects.requireNonNull(value, "listener"));
      return this;
    }

    /**
     * Adds an observer told of every webhook call's outcome, every new completion and every
     * delivery's outcome, for metrics (learnhook-micrometer's {@code LearnHookMetrics}).
     */
    public Builder observer(Observer value) {
      observers.add(Objects.requireNonNull(value, "observer"));
      return this;
    }

    /** The clock for receipt times (default: the system clock, UTC). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * What one call of the incoming endpoint may ask: body size, batch size, nesting depth, string
     * and number lengths (default: {@link IngestLimits#defaults()}).
     */
    public Builder limits(IngestLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * How many calls each webhook may make (default: {@link RateLimits#defaults()}, 50 a second
     * with bursts of 200, per node); {@link RateLimits#off()} for none.
     */
    public Builder rateLimits(RateLimits value) {
      this.rateLimits = Objects.requireNonNull(value, "rateLimits");
      return this;
    }

    public Builder requestLogRetention(RequestLogRetention value) {
      this.retention = Objects.requireNonNull(value, "retention");
      return this;
    }

    /**
     * @throws IllegalStateException naming every missing port and where to get one
     */
    public LearnHook build() {
      List<String> missing = new ArrayList<>();
      if (companies == null) missing.add("CompanyRepository");
      if (users == null) missing.add("UserDirectory");
      if (items == null) missing.add("ItemCatalog");
      if (webhooks == null) missing.add("WebhookRepository");
      if (completions == null) missing.add("CompletionRepository");
      if (requestLog == null) missing.add("RequestLogRepository");
      if (subscriptions == null) missing.add("ReportSubscriptionRepository");
      if (outbox == null) missing.add("DeliveryOutbox");
      if (transactions == null) missing.add("Transactions");
      if (!missing.isEmpty()) {
        throw new IllegalStateException(
            "LearnHook needs storage for: "
                + String.join(", ", missing)
                + ". Call store(...) with io.learnhook.jdbc.JdbcStore (add the learnhook-jdbc"
                + " module) or io.learnhook.memory.InMemoryStore, or set each port.");
      }
      return new LearnHook(this);
    }
  }
}
