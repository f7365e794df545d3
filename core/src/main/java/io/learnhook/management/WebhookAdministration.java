package io.learnhook.management;

import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.internal.Preconditions;
import io.learnhook.management.ManagementException.AccessDeniedException;
import io.learnhook.management.ManagementException.ConflictException;
import io.learnhook.management.ManagementException.NotFoundException;
import io.learnhook.management.ManagementException.ValidationException;
import io.learnhook.management.WebhookAdministration.WebhookSummary;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.mapping.MappingException;
import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.requestlog.RequestLogEntry.Outcome;
import io.learnhook.spi.CompanyRepository;
import io.learnhook.spi.RequestLogRepository;
import io.learnhook.spi.WebhookRepository;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.Webhook.RateLimit;
import io.learnhook.webhook.Webhook.RateLimitSetting;
import io.learnhook.webhook.WebhookId;
import io.learnhook.webhook.WebhookKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Managing a company's incoming webhooks, as its Owners and Admins do from the LMS's settings:
 * create, configure (name, mapping, source type, rate limit), delete and list webhooks, regenerate
 * a key, read a webhook's request log, and switch the company's integration on or off. Get it from
 * {@link io.learnhook.LearnHook#administration()}.
 *
 * <p>Every call names its {@link Actor}, and every call is refused to any role but Owner and Admin
 * ({@link AccessDeniedException}), reads included. An actor only ever sees and changes webhooks of
 * their own company: another company's webhook is answered as one that does not exist ({@link
 * NotFoundException}).
 *
 * <p>Each change is all or nothing: invalid input ({@link ValidationException}, listing every
 * problem), a duplicate name ({@link ConflictException}) or an unknown webhook is refused before
 * anything is written, and the write itself is one {@link WebhookRepository#save}.
 *
 * <p>Keys: a new key is a random UUID ({@link WebhookKey#generate()}); only its hash is stored, and
 * the plain key is returned once ({@link IssuedKey}). Regenerating a key makes the old key invalid
 * at once unless a grace period is asked for (at most {@link #MAX_GRACE_PERIOD}).
 *
 * <p>Thread-safe. Two administrators changing the same webhook at the same moment: the later write
 * wins.
 */
public final class WebhookAdministration {
  /** The longest grace period an old key may be given when its webhook's key is regenerated. */
  public static final Duration MAX_GRACE_PERIOD = Duration.ofDays(7);

  /** The most request log entries one read returns. */
  public static final int MAX_REQUEST_LOG_LIMIT = 1000;

  /**
   * The highest {@code perSecond} and {@code burst} a webhook's own rate limit may have: far above
   * what a node records (about a thousand completions a second), so only typing errors meet it.
   */
  public static final int MAX_RATE_LIMIT = 1_000_000;

  private static final Logger LOG = LoggerFactory.getLogger(WebhookAdministration.class);

  private final WebhookRepository webhooks;
  private final CompanyRepository companies;
  private final RequestLogRepository requestLog;
  private final Clock clock;

  /**
   * Use {@link io.learnhook.LearnHook#administration()}; this constructor is for tests and the
   * builder.
   */
  public WebhookAdministration(
      WebhookRepository webhooks,
      CompanyRepository companies,
      RequestLogRepository requestLog,
      Clock clock) {
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
    this.companies = Objects.requireNonNull(companies, "companies");
    this.requestLog = Objects.requireNonNull(requestLog, "requestLog");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The actor's company's webhooks, by name, each with when its key was last rotated. */
  public List<WebhookSummary> list(Actor actor) {
    authorize(actor);
    Instant now = clock.instant();
    return webhooks.listByCompany(actor.company()).stream()
        .map(webhook -> WebhookSummary.of(webhook, now))
        .toList();
  }

  /** One webhook of the actor's company. */
  public WebhookSummary get(Actor actor, WebhookId id) {
    authorize(actor);
    return WebhookSummary.of(owned(actor, id), clock.instant());
  }

  /**
   * Creates a webhook with a new key.
   *
   * @return the webhook and its plain key, which is never shown again
   * @throws ValidationException listing every problem of the name, mapping and source type
   * @throws ConflictException when the company already has a webhook of this name
   */
  public IssuedKey create(Actor actor, NewWebhook request) {
    authorize(actor);
    Objects.requireNonNull(request, "request");
    List<ValidationException.Problem> problems = new ArrayList<>();
    Optional<String> name = validName(request.name(), problems);
    Optional<FieldMapping> mapping = validMapping(request.mapping(), problems);
    Optional<String> sourceType = validSourceType(request.sourceType(), problems);
    throwIfAny(problems);
    requireFreeName(actor, name.orElseThrow(), Optional.empty());
    WebhookKey key = WebhookKey.generate();
    Instant now = clock.instant();
    Webhook webhook =
        new Webhook(
            WebhookId.random(),
            actor.company(),
            name.orElseThrow(),
            key.hash(),
            mapping.orElseThrow(),
            sourceType,
            now,
            now);
    save(actor, webhook);
    LOG.info(
        "User {} created webhook {} of company {}", actor.user(), webhook.id(), actor.company());
    return new IssuedKey(WebhookSummary.of(webhook, now), key);
  }

  /**
   * Changes a webhook's name, mapping, source type or rate limit; the key stays. A new rate limit
   * applies from the next call on every node.
   *
   * @throws ValidationException listing every problem of the changes
   * @throws ConflictException when another webhook of the company has the new name
   */
  public WebhookSummary configure(Actor actor, WebhookId id, WebhookChanges changes) {
    authorize(actor);
    Objects.requireNonNull(changes, "changes");
    Webhook current = owned(actor, id);
    List<ValidationException.Problem> problems = new ArrayList<>();
    Optional<String> name = changes.name().flatMap(value -> validName(value, problems));
    Optional<FieldMapping> mapping =
        changes.mapping().flatMap(value -> validMapping(value, problems));
    Optional<String> sourceType =
        changes.changesSourceType()
            ? validSourceType(changes.sourceType(), problems)
            : current.sourceType();
    Optional<RateLimitSetting> rateLimit =
        changes.changesRateLimit() ? changes.rateLimit() : current.rateLimit();
    rateLimit.flatMap(RateLimitSetting::limit).ifPresent(limit -> checkRateLimit(limit, problems));
    throwIfAny(problems);
    if (name.isPresent()) {
      requireFreeName(actor, name.get(), Optional.of(id));
    }
    Webhook changed =
        current
            .withSettings(
                name.orElse(current.name()), mapping.orElse(current.mapping()), sourceType)
            .withRateLimit(rateLimit);
    if (!changed.equals(current)) {
      save(actor, changed);
      LOG.info("User {} configured webhook {} of company {}", actor.user(), id, actor.company());
    }
    return WebhookSummary.of(changed, clock.instant());
  }

  /**
   * Deletes a webhook: its key stops working at once. Completions it recorded stay; its request log
   * goes.
   */
  public void delete(Actor actor, WebhookId id) {
    authorize(actor);
    owned(actor, id);
    if (!webhooks.delete(id)) {
      throw notFound();
    }
    LOG.info("User {} deleted webhook {} of company {}", actor.user(), id, actor.company());
    try {
      // Keeping none deletes every entry, whatever the cutoff.
      requestLog.prune(id, 0, clock.instant());
    } catch (RuntimeException e) {
      // The webhook is gone either way; a log left behind is harmless and pruned with the rest
      // later.
      LOG.warn("Could not delete the request log of deleted webhook {}: {}", id, e.toString());
    }
  }

  /** Regenerates a webhook's key; the old key stops working at once. */
  public IssuedKey regenerateKey(Actor actor, WebhookId id) {
    return regenerateKey(actor, id, Duration.ZERO);
  }

  /**
   * Regenerates a webhook's key and records when. The old key keeps working for {@code gracePeriod}
   * (zero: it stops at once), so that the sender can be updated without losing calls; any older key
   * still in its grace period stops at once.
   *
   * @return the webhook and its new plain key, which is never shown again
   * @throws ValidationException when the grace period is negative or longer than {@link
   *     #MAX_GRACE_PERIOD}
   */
  public IssuedKey regenerateKey(Actor actor, WebhookId id, Duration gracePeriod) {
    authorize(actor);
    Objects.requireNonNull(gracePeriod, "gracePeriod");
    Webhook current = owned(actor, id);
    if (gracePeriod.isNegative() || gracePeriod.compareTo(MAX_GRACE_PERIOD) > 0) {
      throw new ValidationException(
          List.of(
              new ValidationException.Problem(
                  "grace_period_seconds",
                  "must be from 0 to " + MAX_GRACE_PERIOD.toSeconds() + " (7 days)")));
    }
    WebhookKey key = WebhookKey.generate();
    Instant now = clock.instant();
    Webhook rotated = current.withRotatedKey(key.hash(), now, gracePeriod);
    save(actor, rotated);
    LOG.info(
        "User {} regenerated the key of webhook {} of company {} (old key valid for {} more)",
        actor.user(),
        id,
        actor.company(),
        gracePeriod);
    return new IssuedKey(WebhookSummary.of(rotated, now), key);
  }

  /**
   * A webhook's latest calls, newest first, for troubleshooting: all of them, or only those with
   * {@code outcome}.
   *
   * @throws ValidationException when {@code limit} is not from 1 to {@link #MAX_REQUEST_LOG_LIMIT}
   */
  public List<RequestLogEntry> requestLog(
      Actor actor, WebhookId id, int limit, Optional<Outcome> outcome) {
    authorize(actor);
    Objects.requireNonNull(outcome, "outcome");
    owned(actor, id);
    if (limit < 1 || limit > MAX_REQUEST_LOG_LIMIT) {
      throw new ValidationException(
          List.of(
              new ValidationException.Problem(
                  "limit", "must be from 1 to " + MAX_REQUEST_LOG_LIMIT)));
    }
    return outcome.isPresent()
        ? requestLog.latest(id, outcome.get(), limit)
        : requestLog.latest(id, limit);
  }

  /** Whether the actor's company has the completions integration switched on. */
  public boolean integrationEnabled(Actor actor) {
    authorize(actor);
    return companies
        .findById(actor.company())
        .map(Company::integrationEnabled)
        .orElseThrow(this::noCompany);
  }

  /**
   * Switches the actor's company's completions integration on or off. While it is off, every call
   * to the company's webhooks is answered 403.
   */
  public void setIntegrationEnabled(Actor actor, boolean enabled) {
    authorize(actor);
    boolean known;
    try {
      known = companies.setIntegrationEnabled(actor.company(), enabled);
    } catch (UnsupportedOperationException e) {
      // The switch lives where LearnHook may only read it (the LMS's own tenants table).
      throw new ConflictException(
          "The completions integration of this company is switched in the LMS, not here", e);
    }
    if (!known) {
      throw noCompany();
    }
    LOG.info(
        "User {} switched the completions integration of company {} {}",
        actor.user(),
        actor.company(),
        enabled ? "on" : "off");
  }

  /**
   * Refuses an actor who may not manage webhooks at all, before anything else is looked at. Every
   * method of this class does it first; callers that check input of their own (the admin endpoints)
   * call it before, so that a Manager learns nothing, not even that their input was malformed.
   *
   * @throws AccessDeniedException unless the actor is an Owner or Admin ({@link
   *     Actor.Role#mayManageWebhooks()})
   */
  public void requireAccess(Actor actor) {
    authorize(actor);
  }

  /** The one place where roles are checked: see {@link Actor.Role#mayManageWebhooks()}. */
  private static void authorize(Actor actor) {
    Objects.requireNonNull(actor, "actor");
    if (!actor.role().mayManageWebhooks()) {
      throw new AccessDeniedException("Only a company's Owners and Admins may manage its webhooks");
    }
  }

  /** The webhook, when it exists in the actor's company; else the same "not found" either way. */
  private Webhook owned(Actor actor, WebhookId id) {
    Objects.requireNonNull(id, "id");
    return webhooks
        .findById(id)
        .filter(w -> w.company().equals(actor.company()))
        .orElseThrow(this::notFound);
  }

  private NotFoundException notFound() {
    return new NotFoundException("Webhook not found");
  }

  private NotFoundException noCompany() {
    return new NotFoundException("Company not found");
  }

  /**
   * Names differing only in case or surrounding spaces would confuse the people choosing between
   * them, so core refuses them, though storage only insists on exact uniqueness.
   */
  private void requireFreeName(Actor actor, String name, Optional<WebhookId> self) {
    String wanted = name.toLowerCase(Locale.ROOT);
    boolean taken =
        webhooks.listByCompany(actor.company()).stream()
            .filter(other -> self.map(id -> !id.equals(other.id())).orElse(true))
            .anyMatch(other -> other.name().strip().toLowerCase(Locale.ROOT).equals(wanted));
    if (taken) {
      throw duplicateName(name);
    }
  }

  private static ConflictException duplicateName(String name) {
    return new ConflictException("A webhook named '" + name + "' already exists in this company");
  }

  /**
   * Saves; a name taken by a concurrent caller between our check and our write is a conflict too.
   */
  private void save(Actor actor, Webhook webhook) {
    try {
      webhooks.save(webhook);
    } catch (IllegalArgumentException e) {
      boolean nameTaken =
          webhooks.listByCompany(actor.company()).stream()
              .anyMatch(
                  other -> !other.id().equals(webhook.id()) && other.name().equals(webhook.name()));
      if (nameTaken) {
        throw new ConflictException(duplicateName(webhook.name()).getMessage(), e);
      }
      throw e;
    }
  }

  private static Optional<String> validName(
      String raw, List<ValidationException.Problem> problems) {
    String name = raw.strip();
    if (name.isEmpty()) {
      problems.add(new ValidationException.Problem("name", "must not be blank"));
      return Optional.empty();
    }
    if (name.length() > Preconditions.MAX_ID_LENGTH) {
      problems.add(
          new ValidationException.Problem(
              "name", "must be at most " + Preconditions.MAX_ID_LENGTH + " characters"));
      return Optional.empty();
    }
    return Optional.of(name);
  }

  private static Optional<FieldMapping> validMapping(
      String json, List<ValidationException.Problem> problems) {
    try {
      return Optional.of(FieldMapping.parse(json));
    } catch (MappingException e) {
      problems.addAll(ValidationException.ofMapping(e));
      return Optional.empty();
    }
  }

  private static Optional<String> validSourceType(
      Optional<String> raw, List<ValidationException.Problem> problems) {
    Optional<String> type = raw.map(String::strip).filter(s -> !s.isEmpty());
    if (type.isPresent() && type.get().length() > Preconditions.MAX_ID_LENGTH) {
      problems.add(
          new ValidationException.Problem(
              "source_type", "must be at most " + Preconditions.MAX_ID_LENGTH + " characters"));
      return Optional.empty();
    }
    return type;
  }

  private static void checkRateLimit(RateLimit limit, List<ValidationException.Problem> problems) {
    if (limit.perSecond() > MAX_RATE_LIMIT || limit.burst() > MAX_RATE_LIMIT) {
      problems.add(
          new ValidationException.Problem(
              "rate_limit", "per_second and burst must be at most " + MAX_RATE_LIMIT));
    }
  }

  private static void throwIfAny(List<ValidationException.Problem> problems) {
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
  }

  /**
   * What an administrator asks for when creating a webhook. Only checked for presence here: {@link
   * WebhookAdministration#create} validates the content and lists every problem at once.
   *
   * @param name a name for people, unique within the company ("KnowBe4")
   * @param mapping the field mapping as JSON text ({@code {"email":"user.email"}})
   * @param sourceType when present and not blank, {@code source_id} lookups only match items of
   *     this source type
   */
  public record NewWebhook(String name, String mapping, Optional<String> sourceType) {
    public NewWebhook {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(mapping, "mapping");
      Objects.requireNonNull(sourceType, "sourceType");
    }

    /** A webhook without a source type filter. */
    public static NewWebhook of(String name, String mapping) {
      return new NewWebhook(name, mapping, Optional.empty());
    }

    public NewWebhook withSourceType(String value) {
      return new NewWebhook(name, mapping, Optional.of(value));
    }
  }

  /**
   * What to change of a webhook's configuration; whatever is not set stays as it is. Immutable:
   * each method returns a new value.
   *
   * <pre>{@code
   * administration.configure(actor, id, WebhookChanges.none().name("KnowBe4 EU").clearSourceType());
   * }</pre>
   */
  public static final class WebhookChanges {
    private static final WebhookChanges NONE =
        new WebhookChanges(
            Optional.empty(), Optional.empty(), false, Optional.empty(), false, Optional.empty());

    private final Optional<String> name;
    private final Optional<String> mapping;
    private final boolean changesSourceType;
    private final Optional<String> sourceType;
    private final boolean changesRateLimit;
    private final Optional<RateLimitSetting> rateLimit;

    private WebhookChanges(
        Optional<String> name,
        Optional<String> mapping,
        boolean changesSourceType,
        Optional<String> sourceType,
        boolean changesRateLimit,
        Optional<RateLimitSetting> rateLimit) {
      this.name = name;
      this.mapping = mapping;
      this.changesSourceType = changesSourceType;
      this.sourceType = sourceType;
      this.changesRateLimit = changesRateLimit;
      this.rateLimit = rateLimit;
    }

    /** No change; add some with the other methods. */
    public static WebhookChanges none() {
      return NONE;
    }

    /** A new name. */
    public WebhookChanges name(String value) {
      return new WebhookChanges(
          Optional.of(Objects.requireNonNull(value, "name")),
          mapping,
          changesSourceType,
          sourceType,
          changesRateLimit,
          rateLimit);
    }

    /** A new field mapping, as JSON text. */
    public WebhookChanges mapping(String json) {
      return new WebhookChanges(
          name,
          Optional.of(Objects.requireNonNull(json, "mapping")),
          changesSourceType,
          sourceType,
          changesRateLimit,
          rateLimit);
    }

    /** A new source type filter; blank text means none. */
    public WebhookChanges sourceType(String value) {
      return new WebhookChanges(
          name,
          mapping,
          true,
          Optional.of(Objects.requireNonNull(value, "sourceType")),
          changesRateLimit,
          rateLimit);
    }

    /** No source type filter from now on. */
    public WebhookChanges clearSourceType() {
      return new WebhookChanges(name, mapping, true, Optional.empty(), changesRateLimit, rateLimit);
    }

    /**
     * The webhook's own rate limit from now on: {@code RateLimitSetting.of(RateLimit.perSecond(50,
     * 200))}, or {@link RateLimitSetting#off()} for none. Applied by every node from its next call;
     * each node applies it in full unless the engine's {@code RateLimits.dividedAmong} shares it.
     */
    public WebhookChanges rateLimit(RateLimitSetting setting) {
      return new WebhookChanges(
          name,
          mapping,
          changesSourceType,
          sourceType,
          true,
          Optional.of(Objects.requireNonNull(setting, "rateLimit")));
    }

    /** No rate limit of its own from now on: the engine's {@code RateLimits} decide. */
    public WebhookChanges clearRateLimit() {
      return new WebhookChanges(
          name, mapping, changesSourceType, sourceType, true, Optional.empty());
    }

    public Optional<String> name() {
      return name;
    }

    public Optional<String> mapping() {
      return mapping;
    }

    /**
     * Whether the source type changes; when it does, {@link #sourceType()} is the new one (or
     * none).
     */
    public boolean changesSourceType() {
      return changesSourceType;
    }

    public Optional<String> sourceType() {
      return sourceType;
    }

    /**
     * Whether the webhook's own rate limit changes; when it does, {@link #rateLimit()} is the new
     * one (or none: the engine's default).
     */
    public boolean changesRateLimit() {
      return changesRateLimit;
    }

    public Optional<RateLimitSetting> rateLimit() {
      return rateLimit;
    }

    public boolean isEmpty() {
      return name.isEmpty() && mapping.isEmpty() && !changesSourceType && !changesRateLimit;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof WebhookChanges other
          && name.equals(other.name)
          && mapping.equals(other.mapping)
          && changesSourceType == other.changesSourceType
          && sourceType.equals(other.sourceType)
          && changesRateLimit == other.changesRateLimit
          && rateLimit.equals(other.rateLimit);
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          name, mapping, changesSourceType, sourceType, changesRateLimit, rateLimit);
    }

    @Override
    public String toString() {
      return "WebhookChanges[name="
          + name
          + ", mapping="
          + mapping
          + (changesSourceType ? ", sourceType=" + sourceType : "")
          + (changesRateLimit ? ", rateLimit=" + rateLimit : "")
          + "]";
    }
  }

  /**
   * A webhook as administrators see it: everything but its key, which is shown only when created or
   * regenerated ({@link IssuedKey}).
   *
   * @param keyRotatedAt when the key was last generated: the seed's "last rotated"
   * @param previousKeyValidUntil when the key before the last rotation stops working, while it
   *     still works; empty when it already stopped
   * @param rateLimit the webhook's own rate limit; empty when the engine's {@code RateLimits}
   *     decide
   */
  public record WebhookSummary(
      WebhookId id,
      CompanyId company,
      String name,
      FieldMapping mapping,
      Optional<String> sourceType,
      Instant createdAt,
      Instant keyRotatedAt,
      Optional<Instant> previousKeyValidUntil,
      Optional<RateLimitSetting> rateLimit) {

    public WebhookSummary {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(company, "company");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(mapping, "mapping");
      Objects.requireNonNull(sourceType, "sourceType");
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(keyRotatedAt, "keyRotatedAt");
      Objects.requireNonNull(previousKeyValidUntil, "previousKeyValidUntil");
      Objects.requireNonNull(rateLimit, "rateLimit");
    }

    /** The summary of {@code webhook} at {@code now}. */
    static WebhookSummary of(Webhook webhook, Instant now) {
      return new WebhookSummary(
          webhook.id(),
          webhook.company(),
          webhook.name(),
          webhook.mapping(),
          webhook.sourceType(),
          webhook.createdAt(),
          webhook.keyRotatedAt(),
          webhook.previousKey().filter(p -> p.validAt(now)).map(Webhook.PreviousKey::validUntil),
          webhook.rateLimit());
    }
  }

  /**
   * A webhook and its new plain key, returned once by {@link WebhookAdministration#create} and
   * {@link WebhookAdministration#regenerateKey}: show the key to the administrator now, since
   * LearnHook keeps only its hash. {@link #toString()} does not show it.
   */
  public record IssuedKey(WebhookSummary webhook, WebhookKey key) {
    public IssuedKey {
      Objects.requireNonNull(webhook, "webhook");
      Objects.requireNonNull(key, "key");
    }
  }
}
