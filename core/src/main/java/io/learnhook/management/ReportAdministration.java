package io.learnhook.management;

import io.learnhook.delivery.CallbackAddressRule;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryAttempt;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.RetryPolicy;
import io.learnhook.delivery.SigningSecret;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.CompanyId;
import io.learnhook.management.ManagementException.ConflictException;
import io.learnhook.management.ManagementException.NotFoundException;
import io.learnhook.management.ManagementException.ValidationException;
import io.learnhook.management.ManagementException.ValidationException.Problem;
import io.learnhook.reporting.Deliveries;
import io.learnhook.spi.DeliveryOutbox;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A company's report subscriptions and deliveries, managed by its Owners and Admins: the same rule
 * as {@link WebhookAdministration} (Managers and Learners get nothing, not even a read; another
 * company's subscription or delivery is "not found", exactly like an unknown one).
 *
 * <p>Subscriptions: list, create (the callback URL checked against the private-network rule when
 * saved), read, change, delete (its pending deliveries are cancelled), rotate the signing secret
 * with a grace period, queue a test report. Deliveries: list by subscription, state and time, read
 * one with its payload and attempts, send one again, send again every report in a state and time
 * range.
 *
 * <p>Get it from {@link io.learnhook.LearnHook#reportAdministration()}; serve it over HTTP with
 * learnhook-http's {@code AdminEndpoint}. Thread-safe.
 */
public final class ReportAdministration {
  private static final Logger LOG = LoggerFactory.getLogger(ReportAdministration.class);
  private final Deliveries deliveries;
  private final Clock clock;
  private final CallbackAddressRule callbacks;

  /**
   * Use {@link io.learnhook.LearnHook#reportAdministration()}; this constructor is for tests and
   * the builder.
   */
  public ReportAdministration(Deliveries deliveries, Clock clock) {
    this(deliveries, clock, CallbackAddressRule.using(CallbackAddressRule.HostResolver.system()));
  }

  /**
   * As above, with the rule that checks a callback URL's address when a subscription is saved
   * (tests give it a resolver of their own).
   */
  public ReportAdministration(Deliveries deliveries, Clock clock, CallbackAddressRule callbacks) {
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
  }

  /**
   * Throws {@link ManagementException.AccessDeniedException} unless the actor may manage the
   * company's reports (an Owner or an Admin).
   */
  public void requireAccess(Actor actor) {
    authorize(actor);
  }

  // ---- Subscriptions ----

  /** The longest grace period a rotated-out signing secret may be given. */
  public static final Duration MAX_SECRET_GRACE = Duration.ofDays(7);

  /**
   * The grace period of a rotated-out signing secret unless one is asked for: a day, for the
   * receiver to switch to the new secret while reports signed with both keep coming.
   */
  public static final Duration DEFAULT_SECRET_GRACE = Duration.ofDays(1);

  /** The longest wait between retries a subscription may ask for. */
  public static final Duration MAX_RETRY_INTERVAL = Duration.ofDays(1);

  /**
   * The report a test send queues ({@link #sendTest}): the sample report of docs/CONTRACTS.md,
   * section 5, byte for byte.
   */
  public static final String SAMPLE_REPORT =
      "{\"user\":{\"ext_uid\":\"1234567890\",\"id\":\"1\",\"name\":\"Sample Sampleson\","
          + "\"email\":\"\",\"custom_fields\":{\"Custom Field Name\":\"Custom Field Value\"}},"
          + "\"lesson\":{\"id\":\"1000\",\"title\":\"A Sample Lesson\",\"retake_score\":85},"
          + "\"score\":1,\"score_percent\":100.0,\"started_at\":\"2015-04-28T14:36:22Z\","
          + "\"completed_at\":\"2015-04-28T14:36:24Z\",\"assigned_at\":\"2015-04-28T14:36:18Z\","
          + "\"report_card_url\":\"\"}";

  /** The actor's company's subscriptions, by id. */
  public List<ReportSubscription> subscriptions(Actor actor) {
    authorize(actor);
    return deliveries.subscriptions(actor.company());
  }

  /** One subscription of the actor's company. */
  public ReportSubscription subscription(Actor actor, SubscriptionId id) {
    authorize(actor);
    return owned(actor, id);
  }

  /**
   * Every problem {@link #createSubscription} would list for {@code request}, saving nothing: for
   * adapters that check the shape of their input themselves and list its problems together with
   * these.
   */
  public List<Problem> problemsOf(Actor actor, NewSubscription request) {
    authorize(actor);
    try {
      validNew(request);
      return List.of();
    } catch (ValidationException e) {
      return e.problems();
    }
  }

  /**
   * Creates a subscription; with {@code signing}, with a new signing secret, returned this once.
   *
   * @throws ValidationException listing every problem, a callback URL that leads to a non-public
   *     address without {@code allowPrivateNetwork} among them
   */
  public IssuedSubscription createSubscription(Actor actor, NewSubscription request) {
    authorize(actor);
    ValidNew valid = validNew(request);
    Optional<SigningSecret> secret =
        request.signing() ? Optional.of(SigningSecret.generate()) : Optional.empty();
    ReportSubscription created =
        new ReportSubscription(
            SubscriptionId.random(),
            actor.company(),
            valid.url(),
            request.authorization(),
            request.enabled(),
            valid.retry(),
            secret,
            request.allowPrivateNetwork(),
            clock.instant(),
            Optional.empty(),
            Optional.empty());
    deliveries.saveSubscription(created);
    LOG.info(
        "User {} created report subscription {} of company {} to {}",
        actor.user(),
        created.id(),
        actor.company(),
        created.callbackOrigin());
    return new IssuedSubscription(created, secret);
  }

  /** The checked URL and retry policy of a new subscription, or every problem of it. */
  private ValidNew validNew(NewSubscription request) {
    Objects.requireNonNull(request, "request");
    List<Problem> problems = new ArrayList<>();
    Optional<URI> url = validUrl(request.callbackUrl(), problems);
    request.authorization().ifPresent(value -> checkAuthorization(value, problems));
    Optional<RetryPolicy> retry =
        request.retry().isPresent()
            ? validRetry(request.retry().get(), problems)
            : Optional.of(RetryPolicy.defaults());
    url.ifPresent(u -> checkAddress(u, request.allowPrivateNetwork(), problems));
    throwIfAny(problems);
    return new ValidNew(url.orElseThrow(), retry.orElseThrow());
  }

  private record ValidNew(URI url, RetryPolicy retry) {}

  /**
   * Changes what {@code changes} names; the rest stays. Enabling clears the disabled reason;
   * signing off drops the secrets, signing on (when unsigned) makes a new secret, returned this
   * once.
   *
   * @throws ValidationException listing every problem of the changes
   */
  public IssuedSubscription changeSubscription(
      Actor actor, SubscriptionId id, SubscriptionChanges changes) {
    authorize(actor);
    Objects.requireNonNull(changes, "changes");
    ReportSubscription current = owned(actor, id);
    ReportSubscription changed = validChanges(current, changes);
    Optional<SigningSecret> issued = Optional.empty();
    if (changes.signing().isPresent()) {
      if (!changes.signing().get()) {
        changed = changed.withoutSigningSecret();
      } else if (changed.signingSecret().isEmpty()) {
        issued = Optional.of(SigningSecret.generate());
        changed = changed.withSigningSecret(issued.get());
      }
    }
    if (!changed.equals(current)) {
      deliveries.saveSubscription(changed);
      LOG.info(
          "User {} changed report subscription {} of company {}",
          actor.user(),
          id,
          actor.company());
    }
    return new IssuedSubscription(changed, issued);
  }

  /**
   * Every problem {@link #changeSubscription} would list for {@code changes}, saving nothing (see
   * {@link #problemsOf(Actor, NewSubscription)}).
   *
   * @throws NotFoundException when the subscription is not of the actor's company
   */
  public List<Problem> problemsOf(Actor actor, SubscriptionId id, SubscriptionChanges changes) {
    authorize(actor);
    ReportSubscription current = owned(actor, id);
    try {
      validChanges(current, Objects.requireNonNull(changes, "changes"));
      return List.of();
    } catch (ValidationException e) {
      return e.problems();
    }
  }

  /** The subscription with every change but signing, or every problem of the changes. */
  private ReportSubscription validChanges(ReportSubscription current, SubscriptionChanges changes) {
    List<Problem> problems = new ArrayList<>();
    Optional<URI> url =
        changes.callbackUrl().isPresent()
            ? validUrl(changes.callbackUrl().get(), problems)
            : Optional.of(current.callbackUrl());
    changes.authorization().ifPresent(value -> checkAuthorization(value, problems));
    Optional<RetryPolicy> retry =
        changes.retry().isPresent()
            ? validRetry(changes.retry().get(), problems)
            : Optional.of(current.retryPolicy());
    boolean allowPrivate = changes.allowPrivateNetwork().orElse(current.allowPrivateNetwork());
    if (changes.callbackUrl().isPresent() || changes.allowPrivateNetwork().isPresent()) {
      url.ifPresent(u -> checkAddress(u, allowPrivate, problems));
    }
    throwIfAny(problems);
    ReportSubscription changed =
        current
            .withCallbackUrl(url.orElseThrow())
            .withRetryPolicy(retry.orElseThrow())
            .withAllowPrivateNetwork(allowPrivate);
    if (changes.authorization().isPresent()) {
      // Blank text removes it (ReportSubscription keeps no blank value).
      changed = changed.withAuthorization(changes.authorization().get());
    }
    if (changes.enabled().isPresent()) {
      changed = changed.withEnabled(changes.enabled().get());
    }
    return changed;
  }

  /**
   * Deletes a subscription. Its reports waiting to be sent are given up ({@code FAILED}, "{@value
   * Deliveries#DELETED}"); every report is kept.
   */
  public void deleteSubscription(Actor actor, SubscriptionId id) {
    authorize(actor);
    owned(actor, id);
    if (!deliveries.deleteSubscription(id)) {
      throw subscriptionNotFound();
    }
    LOG.info(
        "User {} deleted report subscription {} of company {}", actor.user(), id, actor.company());
  }

  /**
   * Gives a signed subscription a new signing secret, returned this once. Until {@code grace} has
   * passed every report is signed with both the new and the old secret; then with the new one only.
   *
   * @throws ValidationException when the subscription is not signed, or the grace period is
   *     negative or longer than {@link #MAX_SECRET_GRACE}
   */
  public SigningSecret rotateSigningSecret(Actor actor, SubscriptionId id, Duration grace) {
    authorize(actor);
    Objects.requireNonNull(grace, "grace");
    ReportSubscription current = owned(actor, id);
    List<Problem> problems = new ArrayList<>();
    if (grace.isNegative() || grace.compareTo(MAX_SECRET_GRACE) > 0) {
      problems.add(
          new Problem(
              "grace_seconds", "must be from 0 to " + MAX_SECRET_GRACE.toSeconds() + " (7 days)"));
    }
    if (current.signingSecret().isEmpty()) {
      problems.add(
          new Problem(
              "signing",
              "the subscription has no signing secret to rotate; set signing to true instead"));
    }
    throwIfAny(problems);
    SigningSecret next = SigningSecret.generate();
    deliveries.saveSubscription(current.withRotatedSigningSecret(next, clock.instant(), grace));
    LOG.info(
        "User {} rotated the signing secret of report subscription {} of company {} (old secret"
            + " signs for {} more)",
        actor.user(),
        id,
        actor.company(),
        grace);
    return next;
  }

  /**
   * Queues {@link #SAMPLE_REPORT} to the subscription, as any report is sent (signed, retried,
   * kept), for the administrator to see that the receiver gets it. See {@link
   * Deliveries#enqueueTest} for its completion id.
   *
   * @return the queued delivery
   */
  public Delivery sendTest(Actor actor, SubscriptionId id) {
    authorize(actor);
    ReportSubscription subscription = owned(actor, id);
    Delivery queued = deliveries.enqueueTest(subscription, SAMPLE_REPORT);
    LOG.info(
        "User {} queued test report {} to subscription {} of company {}",
        actor.user(),
        queued.id(),
        id,
        actor.company());
    return queued;
  }

  /**
   * What an administrator asks for when creating a subscription. Only checked for presence here:
   * {@link ReportAdministration#createSubscription} lists every problem of the content.
   *
   * @param callbackUrl where reports go: an absolute http or https URL
   * @param authorization the Authorization header value; empty or blank for none
   * @param enabled whether reports are sent
   * @param allowPrivateNetwork whether the URL may lead to a non-public address
   * @param retry the retry policy; empty for the default (3 retries, 5 minutes apart)
   * @param signing whether reports are signed, with a new secret
   */
  public record NewSubscription(
      String callbackUrl,
      Optional<String> authorization,
      boolean enabled,
      boolean allowPrivateNetwork,
      Optional<Retry> retry,
      boolean signing) {
    public NewSubscription {
      Objects.requireNonNull(callbackUrl, "callbackUrl");
      Objects.requireNonNull(authorization, "authorization");
      Objects.requireNonNull(retry, "retry");
    }

    /** Enabled, unsigned, public addresses only, the default retries, no Authorization. */
    public static NewSubscription of(String callbackUrl) {
      return new NewSubscription(
          callbackUrl, Optional.empty(), true, false, Optional.empty(), false);
    }

    @Override
    public String toString() {
      return "NewSubscription[authorization="
          + (authorization.isPresent() ? "[redacted]" : "none")
          + ", enabled="
          + enabled
          + ", allowPrivateNetwork="
          + allowPrivateNetwork
          + ", retry="
          + retry
          + ", signing="
          + signing
          + "]";
    }
  }

  /**
   * A fixed retry policy as administrators give it, checked by the administration: {@code
   * maxRetries} from 0 to {@value RetryPolicy#MAX_RETRIES}, {@code intervalSeconds} from 0 to a
   * day.
   */
  public record Retry(long maxRetries, long intervalSeconds) {}

  /**
   * What to change of a subscription; whatever is empty stays as it is.
   *
   * @param callbackUrl a new callback URL
   * @param authorization a new Authorization value; blank text removes it
   * @param enabled on or off; on clears the disabled reason
   * @param allowPrivateNetwork a new private-network switch
   * @param retry a new fixed retry policy
   * @param signing false removes the secrets; true makes one when there is none
   */
  public record SubscriptionChanges(
      Optional<String> callbackUrl,
      Optional<String> authorization,
      Optional<Boolean> enabled,
      Optional<Boolean> allowPrivateNetwork,
      Optional<Retry> retry,
      Optional<Boolean> signing) {
    public SubscriptionChanges {
      Objects.requireNonNull(callbackUrl, "callbackUrl");
      Objects.requireNonNull(authorization, "authorization");
      Objects.requireNonNull(enabled, "enabled");
      Objects.requireNonNull(allowPrivateNetwork, "allowPrivateNetwork");
      Objects.requireNonNull(retry, "retry");
      Objects.requireNonNull(signing, "signing");
    }

    /** No change. */
    public static SubscriptionChanges none() {
      return new SubscriptionChanges(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }

    @Override
    public String toString() {
      return "SubscriptionChanges[callbackUrl="
          + callbackUrl.isPresent()
          + ", authorization="
          + (authorization.isPresent() ? "[redacted]" : "unchanged")
          + ", enabled="
          + enabled
          + ", allowPrivateNetwork="
          + allowPrivateNetwork
          + ", retry="
          + retry
          + ", signing="
          + signing
          + "]";
    }
  }

  /**
   * A subscription and the signing secret made for it by this call, if one was: show the secret to
   * the administrator now, it is never shown again. {@link #toString()} does not show it.
   */
  public record IssuedSubscription(
      ReportSubscription subscription, Optional<SigningSecret> signingSecret) {
    public IssuedSubscription {
      Objects.requireNonNull(subscription, "subscription");
      Objects.requireNonNull(signingSecret, "signingSecret");
    }
  }

  /** The subscription, when it is of the actor's company; else the same "not found" either way. */
  private ReportSubscription owned(Actor actor, SubscriptionId id) {
    Objects.requireNonNull(id, "id");
    return deliveries
        .subscription(id)
        .filter(s -> s.company().equals(actor.company()))
        .orElseThrow(ReportAdministration::subscriptionNotFound);
  }

  private static NotFoundException subscriptionNotFound() {
    return new NotFoundException("Subscription not found");
  }

  /** The URL, when it parses and passes {@link ReportSubscription}'s checks. */
  private static Optional<URI> validUrl(String text, List<Problem> problems) {
    URI url;
    try {
      url = new URI(text.strip());
    } catch (URISyntaxException e) {
      problems.add(new Problem("callback_url", "must be an absolute http or https URL"));
      return Optional.empty();
    }
    try {
      ReportSubscription.of(SubscriptionId.of("check"), CompanyId.of("c"), url);
    } catch (IllegalArgumentException e) {
      problems.add(new Problem("callback_url", e.getMessage()));
      return Optional.empty();
    }
    return Optional.of(url);
  }

  private static void checkAuthorization(String value, List<Problem> problems) {
    try {
      ReportSubscription.of(
              SubscriptionId.of("check"), CompanyId.of("c"), URI.create("https://check.invalid/"))
          .withAuthorization(value);
    } catch (IllegalArgumentException e) {
      // The message says what is wrong, never quoting the value.
      problems.add(new Problem("authorization", e.getMessage()));
    }
  }

  private static Optional<RetryPolicy> validRetry(Retry retry, List<Problem> problems) {
    int before = problems.size();
    if (retry.maxRetries() < 0 || retry.maxRetries() > RetryPolicy.MAX_RETRIES) {
      problems.add(
          new Problem(
              "retry.max_retries", "must be a whole number from 0 to " + RetryPolicy.MAX_RETRIES));
    }
    if (retry.intervalSeconds() < 0 || retry.intervalSeconds() > MAX_RETRY_INTERVAL.toSeconds()) {
      problems.add(
          new Problem(
              "retry.interval_seconds",
              "must be a whole number from 0 to " + MAX_RETRY_INTERVAL.toSeconds() + " (a day)"));
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        RetryPolicy.fixed((int) retry.maxRetries(), Duration.ofSeconds(retry.intervalSeconds())));
  }

  /** The private-network rule, when the subscription is saved: each send checks again. */
  private void checkAddress(URI url, boolean allowPrivateNetwork, List<Problem> problems) {
    callbacks
        .whyRefused(url, allowPrivateNetwork)
        .ifPresent(
            reason ->
                problems.add(
                    new Problem(
                        "callback_url",
                        "leads to a non-public address ("
                            + reason
                            + "); set allow_private_network to true to allow it")));
  }

  private static void throwIfAny(List<Problem> problems) {
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
  }

  // ---- Deliveries ----

  /** The most deliveries one listing returns. */
  public static final int MAX_DELIVERY_LIST_LIMIT = 500;

  /**
   * The most deliveries one bulk redelivery sends again (the oldest first); a caller with more asks
   * again, since those sent again are pending and no longer selected.
   */
  public static final int MAX_REDELIVERIES = 10_000;

  /**
   * The company's deliveries, newest first (by creation time), each with its latest attempt's
   * status.
   *
   * @throws ValidationException when {@code limit} is not from 1 to {@link
   *     #MAX_DELIVERY_LIST_LIMIT}, or {@code until} is not after {@code since}
   * @throws NotFoundException when the filter names a subscription not of the actor's company
   */
  public List<DeliveryOutbox.Listed> listDeliveries(Actor actor, DeliveryFilter filter, int limit) {
    authorize(actor);
    Objects.requireNonNull(filter, "filter");
    List<Problem> problems = new ArrayList<>();
    if (limit < 1 || limit > MAX_DELIVERY_LIST_LIMIT) {
      problems.add(
          new Problem("limit", "must be a whole number from 1 to " + MAX_DELIVERY_LIST_LIMIT));
    }
    checkRange(filter.since(), filter.until(), problems);
    throwIfInvalid(problems);
    filter.subscription().ifPresent(id -> owned(actor, id));
    List<String> secrets = secrets(deliveries.subscriptions(actor.company()));
    return deliveries.list(filter.query(actor.company(), limit)).stream()
        .map(l -> new DeliveryOutbox.Listed(redacted(l.delivery(), secrets), l.lastStatus()))
        .toList();
  }

  /**
   * One delivery of the actor's company, with its payload, latest status and every attempt.
   *
   * @throws NotFoundException when it is unknown or of another company
   */
  public DeliveryDetail delivery(Actor actor, DeliveryId id) {
    authorize(actor);
    Delivery delivery = ownDelivery(actor, id);
    List<String> secrets =
        secrets(deliveries.subscription(delivery.subscription()).stream().toList());
    List<DeliveryAttempt> attempts =
        deliveries.attempts(id).stream().map(a -> redacted(a, secrets)).toList();
    Optional<Integer> lastStatus =
        attempts.isEmpty() ? Optional.empty() : attempts.get(attempts.size() - 1).status();
    return new DeliveryDetail(redacted(delivery, secrets), lastStatus, attempts);
  }

  /**
   * Sends a delivered or failed report again, now, with the same {@code webhook-id} and payload and
   * a fresh round of retries.
   *
   * @throws NotFoundException when it is unknown or of another company
   * @throws ConflictException when it is pending or being sent: it goes out anyway, and can be sent
   *     again once delivered or failed
   */
  public void redeliver(Actor actor, DeliveryId id) {
    authorize(actor);
    ownDelivery(actor, id);
    if (!deliveries.redeliver(id)) {
      throw new ConflictException(
          "Delivery "
              + id
              + " is pending or being sent; it can be sent again once delivered or failed");
    }
    LOG.info("User {} asked for delivery {} to be sent again", actor.user(), id);
  }

  /**
   * Sends again the company's reports in {@code state} (delivered or failed) created at or after
   * {@code since} and before {@code until}, of one subscription or of all, the oldest first and at
   * most {@link #MAX_REDELIVERIES}; returns how many.
   *
   * @throws ValidationException when {@code state} is not delivered or failed, or {@code until} is
   *     not after {@code since}
   * @throws NotFoundException when {@code subscription} is not of the actor's company
   */
  public int redeliverAll(
      Actor actor,
      DeliveryState state,
      Instant since,
      Instant until,
      Optional<SubscriptionId> subscription) {
    authorize(actor);
    Objects.requireNonNull(state, "state");
    List<Problem> problems = new ArrayList<>();
    if (!state.finished()) {
      problems.add(new Problem("state", "must be failed or delivered"));
    }
    checkRange(Optional.of(since), Optional.of(until), problems);
    throwIfInvalid(problems);
    subscription.ifPresent(id -> owned(actor, id));
    int count =
        deliveries.redeliver(
            new DeliveryOutbox.Query(
                actor.company(),
                subscription,
                Set.of(state),
                Optional.of(since),
                Optional.of(until),
                MAX_REDELIVERIES));
    LOG.info(
        "User {} asked for {} {} reports of company {} to be sent again",
        actor.user(),
        count,
        state,
        actor.company());
    return count;
  }

  /**
   * Which deliveries to list: each part narrows the list, and an empty one does not.
   *
   * @param subscription only this subscription's
   * @param states only those in one of these states ({@code pending} over HTTP is {@link
   *     DeliveryState#PENDING} and {@link DeliveryState#IN_FLIGHT})
   * @param since only those created at or after
   * @param until only those created before
   */
  public record DeliveryFilter(
      Optional<SubscriptionId> subscription,
      Set<DeliveryState> states,
      Optional<Instant> since,
      Optional<Instant> until) {
    public DeliveryFilter {
      Objects.requireNonNull(subscription, "subscription");
      states = Set.copyOf(states);
      Objects.requireNonNull(since, "since");
      Objects.requireNonNull(until, "until");
    }

    /** Every delivery. */
    public static DeliveryFilter all() {
      return new DeliveryFilter(Optional.empty(), Set.of(), Optional.empty(), Optional.empty());
    }

    DeliveryOutbox.Query query(CompanyId company, int limit) {
      return new DeliveryOutbox.Query(company, subscription, states, since, until, limit);
    }
  }

  /**
   * A delivery as its administrators read it.
   *
   * @param delivery the delivery, payload included
   * @param lastStatus the HTTP status of its latest attempt; empty when none or no answer
   * @param attempts every attempt, oldest first
   */
  public record DeliveryDetail(
      Delivery delivery, Optional<Integer> lastStatus, List<DeliveryAttempt> attempts) {
    public DeliveryDetail {
      Objects.requireNonNull(delivery, "delivery");
      Objects.requireNonNull(lastStatus, "lastStatus");
      attempts = List.copyOf(attempts);
    }
  }

  /** The one place where roles are checked here: see {@link Actor.Role#mayManageWebhooks()}. */
  private static void authorize(Actor actor) {
    Objects.requireNonNull(actor, "actor");
    if (!actor.role().mayManageWebhooks()) {
      throw new ManagementException.AccessDeniedException(
          "Only a company's Owners and Admins may manage its report subscriptions");
    }
  }

  private Delivery ownDelivery(Actor actor, DeliveryId id) {
    Objects.requireNonNull(id, "id");
    return deliveries
        .find(id)
        .filter(d -> d.company().equals(actor.company()))
        .orElseThrow(() -> new NotFoundException("Delivery not found"));
  }

  /**
   * The Authorization values and signing secrets of {@code subscriptions}: never shown in an error
   * text, should a transport's message ever quote one.
   */
  private static List<String> secrets(List<ReportSubscription> subscriptions) {
    List<String> secrets = new ArrayList<>();
    for (ReportSubscription subscription : subscriptions) {
      subscription.authorization().ifPresent(secrets::add);
      subscription.signingSecret().map(SigningSecret::reveal).ifPresent(secrets::add);
    }
    return secrets;
  }

  private static String redact(String text, List<String> secrets) {
    String shown = text;
    for (String secret : secrets) {
      shown = shown.replace(secret, "[redacted]");
    }
    return shown;
  }

  private static Delivery redacted(Delivery d, List<String> secrets) {
    Optional<String> error = d.lastError().map(e -> redact(e, secrets));
    if (error.equals(d.lastError())) {
      return d;
    }
    return new Delivery(
        d.id(),
        d.subscription(),
        d.company(),
        d.completion(),
        d.payload(),
        d.state(),
        d.attempts(),
        d.createdAt(),
        d.nextAttemptAt(),
        d.lastAttemptAt(),
        error,
        d.finishedAt());
  }

  private static DeliveryAttempt redacted(DeliveryAttempt a, List<String> secrets) {
    Optional<String> error = a.error().map(e -> redact(e, secrets));
    return error.equals(a.error())
        ? a
        : new DeliveryAttempt(
            a.delivery(), a.number(), a.startedAt(), a.latency(), a.status(), error, a.response());
  }

  private static void checkRange(
      Optional<Instant> since, Optional<Instant> until, List<Problem> problems) {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
      problems.add(new Problem("until", "must be after since"));
    }
  }

  private static void throwIfInvalid(List<Problem> problems) {
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
  }

  Deliveries deliveries() {
    return deliveries;
  }

  Clock clock() {
    return clock;
  }
}
