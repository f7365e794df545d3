package io.learnhook.memory;

import io.learnhook.completion.Completion;
import io.learnhook.completion.CompletionId;
import io.learnhook.completion.RecordResult;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryAttempt;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.User;
import io.learnhook.directory.UserId;
import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.requestlog.RequestLogEntry.Outcome;
import io.learnhook.spi.CompanyRepository;
import io.learnhook.spi.CompletionRepository;
import io.learnhook.spi.DeliveryOutbox;
import io.learnhook.spi.DeliveryOutbox.ClaimId;
import io.learnhook.spi.DeliveryOutbox.DeliveryOutcome;
import io.learnhook.spi.ItemCatalog;
import io.learnhook.spi.LearnHookStore;
import io.learnhook.spi.ReportSubscriptionRepository;
import io.learnhook.spi.RequestLogRepository;
import io.learnhook.spi.Transactions;
import io.learnhook.spi.UserDirectory;
import io.learnhook.spi.WebhookRepository;
import io.learnhook.webhook.KeyHash;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every port in memory, thread-safe. Fill the LMS side with {@link #putCompany}, {@link #putUser}
 * and {@link #putItem}; webhooks, completions, the request log, subscriptions and the outbox are
 * written through the ports.
 *
 * <p>Its transactions hold the store's lock from start to end, so other threads wait, and undo
 * every change made through the ports when the work throws.
 */
public final class InMemoryStore implements LearnHookStore {
  private final Map<CompanyId, Company> companies = new LinkedHashMap<>();
  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, Item> items = new LinkedHashMap<>();
  private final Map<WebhookId, Webhook> webhooks = new LinkedHashMap<>();

  /**
   * Which webhook holds each key, current or previous (save keeps them unique), and each name: so
   * that finding a webhook by its key, on every call, costs the same with 1 webhook or 100,000.
   */
  private final Map<KeyHash, WebhookId> webhookByKey = new HashMap<>();

  private final Map<String, WebhookId> webhookByName = new HashMap<>();

  /**
   * The keys of the users with each lowercased email, per company: looking a user up reads one
   * entry.
   */
  private final Map<String, List<String>> usersByEmail = new HashMap<>();

  /** The keys of the items with each source id, per company. */
  private final Map<String, List<String>> itemsBySourceId = new HashMap<>();

  private final List<Completion> completions = new ArrayList<>();
  // Indexes over the completions, so that recording stays O(1) however many are stored.
  private final Map<CompletionId, Completion> completionsById = new HashMap<>();
  private final Map<List<Object>, Completion> completionsByEvent = new HashMap<>();
  private final Map<List<Object>, Completion> completionsByFacts = new HashMap<>();
  private final List<RequestLogEntry> requestLog = new ArrayList<>();
  private final Map<SubscriptionId, ReportSubscription> subscriptions = new LinkedHashMap<>();
  private final Map<DeliveryId, Held> deliveries = new LinkedHashMap<>();
  // The claimable deliveries by when they may be claimed, so that claiming never scans finished
  // ones.
  private final java.util.NavigableSet<Due> due = new java.util.TreeSet<>();
  private final List<DeliveryAttempt> attempts = new ArrayList<>();

  /** Undo actions of the open transaction, latest first; null outside a transaction. */
  private Deque<Runnable> undo;

  private final CompanyRepository companyPort = new Companies();
  private final UserDirectory userPort = new Users();
  private final ItemCatalog itemPort = new Items();
  private final WebhookRepository webhookPort = new Webhooks();
  private final CompletionRepository completionPort = new Completions();
  private final RequestLogRepository requestLogPort = new RequestLog();
  private final ReportSubscriptionRepository subscriptionPort = new Subscriptions();
  private final DeliveryOutbox outboxPort = new Outbox();
  private final Transactions transactionPort = this::inTransaction;

  /** Adds or replaces a company. */
  public synchronized InMemoryStore putCompany(Company company) {
    companies.put(company.id(), company);
    return this;
  }

  /** Adds or replaces a user. */
  public synchronized InMemoryStore putUser(User user) {
    String key = user.company() + "/" + user.id();
    User replaced = users.put(key, user);
    if (replaced != null) {
      List<String> before = usersByEmail.get(emailKey(replaced.company(), replaced.email()));
      before.remove(key);
    }
    usersByEmail
        .computeIfAbsent(emailKey(user.company(), user.email()), k -> new ArrayList<>(1))
        .add(key);
    return this;
  }

  private static String emailKey(CompanyId company, String email) {
    return company.value() + "\n" + email.toLowerCase(Locale.ROOT);
  }

  /** Adds or replaces an item. */
  public synchronized InMemoryStore putItem(Item item) {
    String key = item.company() + "/" + item.id();
    Item replaced = items.put(key, item);
    if (replaced != null) {
      replaced
          .sourceId()
          .ifPresent(s -> itemsBySourceId.get(sourceIdKey(replaced.company(), s)).remove(key));
    }
    item.sourceId()
        .ifPresent(
            s ->
                itemsBySourceId
                    .computeIfAbsent(sourceIdKey(item.company(), s), k -> new ArrayList<>(1))
                    .add(key));
    return this;
  }

  private static String sourceIdKey(CompanyId company, String sourceId) {
    return company.value() + "\n" + sourceId;
  }

  /** Every stored completion, oldest first. */
  public synchronized List<Completion> allCompletions() {
    return List.copyOf(completions);
  }

  @Override
  public CompanyRepository companies() {
    return companyPort;
  }

  @Override
  public UserDirectory users() {
    return userPort;
  }

  @Override
  public ItemCatalog items() {
    return itemPort;
  }

  @Override
  public WebhookRepository webhooks() {
    return webhookPort;
  }

  @Override
  public CompletionRepository completions() {
    return completionPort;
  }

  @Override
  public RequestLogRepository requestLog() {
    return requestLogPort;
  }

  @Override
  public ReportSubscriptionRepository subscriptions() {
    return subscriptionPort;
  }

  @Override
  public DeliveryOutbox outbox() {
    return outboxPort;
  }

  @Override
  public Transactions transactions() {
    return transactionPort;
  }

  /** Every delivery in the outbox, in the order enqueued. */
  public synchronized List<Delivery> allDeliveries() {
    return deliveries.values().stream().map(Held::delivery).toList();
  }

  private synchronized <T> T inTransaction(Supplier<T> work) {
    if (undo != null) {
      return work.get();
    }
    undo = new ArrayDeque<>();
    try {
      T result = work.get();
      undo = null;
      return result;
    } catch (RuntimeException | Error e) {
      Deque<Runnable> actions = undo;
      undo = null;
      actions.forEach(Runnable::run);
      throw e;
    }
  }

  /** Records how to take back a change, when inside a transaction. */
  private void remember(Runnable action) {
    if (undo != null) {
      undo.push(action);
    }
  }

  private <K, V> void put(Map<K, V> map, K key, V value) {
    V previous = map.put(key, value);
    remember(
        () -> {
          if (previous == null) {
            map.remove(key);
          } else {
            map.put(key, previous);
          }
        });
  }

  private <K, V> boolean remove(Map<K, V> map, K key) {
    V previous = map.remove(key);
    if (previous != null) {
      remember(() -> map.put(key, previous));
    }
    return previous != null;
  }

  private <T> void append(List<T> list, T value) {
    list.add(value);
    int index = list.size() - 1;
    remember(() -> list.remove(index));
  }

  private final class Companies implements CompanyRepository {
    @Override
    public Optional<Company> findById(CompanyId id) {
      synchronized (InMemoryStore.this) {
        return Optional.ofNullable(companies.get(id));
      }
    }

    @Override
    public boolean setIntegrationEnabled(CompanyId id, boolean enabled) {
      synchronized (InMemoryStore.this) {
        if (!companies.containsKey(id)) {
          return false;
        }
        Company current = companies.get(id);
        put(companies, id, new Company(id, enabled, current.usesExternalUserIds()));
        return true;
      }
    }
  }

  private final class Users implements UserDirectory {
    @Override
    public List<User> findByEmail(CompanyId company, String email) {
      synchronized (InMemoryStore.this) {
        List<String> keys = usersByEmail.getOrDefault(emailKey(company, email), List.of());
        if (keys.size() <= 1) {
          return keys.isEmpty() ? List.of() : List.of(users.get(keys.get(0)));
        }
        // Several users share the email: answer them in the order of the whole directory, as ever.
        return users.values().stream()
            .filter(u -> u.company().equals(company))
            .filter(u -> u.email().toLowerCase(Locale.ROOT).equals(email.toLowerCase(Locale.ROOT)))
            .toList();
      }
    }

    @Override
    public Optional<User> findById(CompanyId company, UserId id) {
      synchronized (InMemoryStore.this) {
        return Optional.ofNullable(users.get(company + "/" + id));
      }
    }
  }

  private final class Items implements ItemCatalog {
    @Override
    public Optional<Item> findById(CompanyId company, ItemId id) {
      synchronized (InMemoryStore.this) {
        return Optional.ofNullable(items.get(company + "/" + id));
      }
    }

    @Override
    public List<Item> findBySourceId(CompanyId company, String sourceId) {
      synchronized (InMemoryStore.this) {
        List<String> keys = itemsBySourceId.getOrDefault(sourceIdKey(company, sourceId), List.of());
        if (keys.size() <= 1) {
          return keys.isEmpty() ? List.of() : List.of(items.get(keys.get(0)));
        }
        return items.values().stream()
            .filter(i -> i.company().equals(company))
            .filter(i -> i.sourceId().filter(sourceId::equals).isPresent())
            .sorted(Comparator.comparing(i -> i.id().value()))
            .toList();
      }
    }

    @Override
    public Optional<Item> findBySlug(CompanyId company, String slug) {
      synchronized (InMemoryStore.this) {
        return items.values().stream()
            .filter(i -> i.company().equals(company))
            .filter(i -> i.slug().filter(slug::equals).isPresent())
            .findFirst();
      }
    }
  }

  private final class Webhooks implements WebhookRepository {
    @Override
    public Optional<Webhook> findByKeyHash(KeyHash hash) {
      synchronized (InMemoryStore.this) {
        // A key, current or previous, belongs to one webhook at most (save refuses a second
        // holder).
        WebhookId holder = webhookByKey.get(hash);
        return holder == null ? Optional.empty() : Optional.of(webhooks.get(holder));
      }
    }

    @Override
    public Optional<Webhook> findById(WebhookId id) {
      synchronized (InMemoryStore.this) {
        return Optional.ofNullable(webhooks.get(id));
      }
    }

    @Override
    public List<Webhook> listByCompany(CompanyId company) {
      synchronized (InMemoryStore.this) {
        return webhooks.values().stream()
            .filter(w -> w.company().equals(company))
            .sorted(Comparator.comparing(Webhook::name).thenComparing(w -> w.id().value()))
            .toList();
      }
    }

    @Override
    public void save(Webhook webhook) {
      synchronized (InMemoryStore.this) {
        if (keyHeldByAnother(webhook.keyHash(), webhook.id())
            || webhook
                .previousKey()
                .filter(p -> keyHeldByAnother(p.hash(), webhook.id()))
                .isPresent()
            || isAnother(webhookByName.get(nameKey(webhook)), webhook.id())) {
          // Some other webhook is in the way: find the first one, in order, to say which rule.
          for (Webhook other : webhooks.values()) {
            if (other.id().equals(webhook.id())) {
              continue;
            }
            if (holdsKeyOf(other, webhook)) {
              throw new IllegalArgumentException("another webhook already has this key");
            }
            if (other.company().equals(webhook.company()) && other.name().equals(webhook.name())) {
              throw new IllegalArgumentException(
                  "another webhook of company "
                      + webhook.company()
                      + " is named '"
                      + webhook.name()
                      + "'");
            }
          }
        }
        Webhook replaced = webhooks.get(webhook.id());
        if (replaced != null) {
          unindex(replaced);
        }
        put(webhooks, webhook.id(), webhook);
        put(webhookByKey, webhook.keyHash(), webhook.id());
        webhook.previousKey().ifPresent(p -> put(webhookByKey, p.hash(), webhook.id()));
        put(webhookByName, nameKey(webhook), webhook.id());
      }
    }

    @Override
    public boolean delete(WebhookId id) {
      synchronized (InMemoryStore.this) {
        Webhook deleted = webhooks.get(id);
        if (deleted != null) {
          unindex(deleted);
        }
        return remove(webhooks, id);
      }
    }

    private boolean keyHeldByAnother(KeyHash hash, WebhookId id) {
      return isAnother(webhookByKey.get(hash), id);
    }

    private boolean isAnother(WebhookId holder, WebhookId id) {
      return holder != null && !holder.equals(id);
    }

    private void unindex(Webhook webhook) {
      remove(webhookByKey, webhook.keyHash());
      webhook.previousKey().ifPresent(p -> remove(webhookByKey, p.hash()));
      remove(webhookByName, nameKey(webhook));
    }

    private String nameKey(Webhook webhook) {
      return webhook.company().value() + "\n" + webhook.name();
    }
  }

  private static boolean hasPreviousKey(Webhook webhook, KeyHash hash) {
    return webhook.previousKey().filter(p -> p.hash().equals(hash)).isPresent();
  }

  /** Whether a key of {@code saved}, current or previous, is a key of {@code other}. */
  private static boolean holdsKeyOf(Webhook other, Webhook saved) {
    boolean current =
        other.keyHash().equals(saved.keyHash()) || hasPreviousKey(other, saved.keyHash());
    boolean previous =
        saved
            .previousKey()
            .map(Webhook.PreviousKey::hash)
            .filter(h -> other.keyHash().equals(h) || hasPreviousKey(other, h))
            .isPresent();
    return current || previous;
  }

  private final class Completions implements CompletionRepository {
    @Override
    public RecordResult recordIfAbsent(Completion candidate) {
      synchronized (InMemoryStore.this) {
        Optional<Completion> first = findSameAs(candidate);
        if (first.isPresent()) {
          return RecordResult.duplicateOf(first.get());
        }
        // Through the undo-aware helpers, so that a rolled-back transaction leaves no trace in any
        // index.
        append(completions, candidate);
        put(completionsById, candidate.id(), candidate);
        eventKey(candidate).ifPresent(key -> put(completionsByEvent, key, candidate));
        put(completionsByFacts, factsKey(candidate), candidate);
        return RecordResult.created(candidate);
      }
    }

    @Override
    public Optional<Completion> findSameAs(Completion candidate) {
      synchronized (InMemoryStore.this) {
        Optional<Completion> sameEvent = eventKey(candidate).map(completionsByEvent::get);
        return sameEvent.isPresent()
            ? sameEvent
            : Optional.ofNullable(completionsByFacts.get(factsKey(candidate)));
      }
    }

    @Override
    public Optional<Completion> findById(CompletionId id) {
      synchronized (InMemoryStore.this) {
        return Optional.ofNullable(completionsById.get(id));
      }
    }

    /** The same webhook and event id: the sender's own "this is the same delivery". */
    private Optional<List<Object>> eventKey(Completion completion) {
      return completion.webhook().isPresent() && completion.eventId().isPresent()
          ? Optional.of(List.of(completion.webhook().get(), completion.eventId().get()))
          : Optional.empty();
    }

    /** The same company, user, item and completion time. */
    private List<Object> factsKey(Completion completion) {
      return List.of(
          completion.company(), completion.user(), completion.item(), completion.completedAt());
    }
  }

  private final class RequestLog implements RequestLogRepository {
    @Override
    public void append(RequestLogEntry entry) {
      synchronized (InMemoryStore.this) {
        InMemoryStore.this.append(requestLog, entry);
      }
    }

    @Override
    public List<RequestLogEntry> latest(WebhookId webhook, int limit) {
      synchronized (InMemoryStore.this) {
        List<RequestLogEntry> mine = new ArrayList<>();
        for (int i = requestLog.size() - 1; i >= 0 && mine.size() < limit; i--) {
          if (requestLog.get(i).webhook().equals(webhook)) {
            mine.add(requestLog.get(i));
          }
        }
        return List.copyOf(mine);
      }
    }

    @Override
    public List<RequestLogEntry> latest(WebhookId webhook, Outcome outcome, int limit) {
      synchronized (InMemoryStore.this) {
        List<RequestLogEntry> mine = new ArrayList<>();
        for (int i = requestLog.size() - 1; i >= 0 && mine.size() < limit; i--) {
          RequestLogEntry entry = requestLog.get(i);
          if (entry.webhook().equals(webhook) && entry.outcome() == outcome) {
            mine.add(entry);
          }
        }
        return List.copyOf(mine);
      }
    }

    @Override
    public int prune(WebhookId webhook, int keep, Instant olderThan) {
      synchronized (InMemoryStore.this) {
        // By position, not equality: two calls in the same microsecond can make equal entries. The
        // webhook's entries are kept when among its latest `keep` and not older than `olderThan`.
        int mine = 0;
        boolean anyToRemove = false;
        for (int i = requestLog.size() - 1; i >= 0; i--) {
          RequestLogEntry entry = requestLog.get(i);
          if (entry.webhook().equals(webhook)
              && (++mine > keep || entry.receivedAt().isBefore(olderThan))) {
            anyToRemove = true;
          }
        }
        if (!anyToRemove) {
          return 0;
        }
        if (undo != null) {
          List<RequestLogEntry> all = List.copyOf(requestLog);
          remember(
              () -> {
                requestLog.clear();
                requestLog.addAll(all);
              });
        }
        List<RequestLogEntry> kept = new ArrayList<>(requestLog.size());
        int seen = 0;
        for (RequestLogEntry entry : requestLog) {
          boolean ofWebhook = entry.webhook().equals(webhook);
          if (ofWebhook) {
            seen++;
          }
          if (!ofWebhook || seen > mine - keep && !entry.receivedAt().isBefore(olderThan)) {
            kept.add(entry);
          }
        }
        int removed = requestLog.size() - kept.size();
        requestLog.clear();
        requestLog.addAll(kept);
        return removed;
      }
    }

    @Override
    public int pruneOlderThan(Instant olderThan, int batch) {
      requireBatch(batch);
      synchronized (InMemoryStore.this) {
        List<RequestLogEntry> all = List.copyOf(requestLog);
        List<RequestLogEntry> kept = new ArrayList<>(all.size());
        int removed = 0;
        // In the order appended, oldest first, like the database's order by id.
        for (RequestLogEntry entry : all) {
          if (removed < batch && entry.receivedAt().isBefore(olderThan)) {
            removed++;
          } else {
            kept.add(entry);
          }
        }
        if (removed > 0) {
          requestLog.clear();
          requestLog.addAll(kept);
          remember(
              () -> {
                requestLog.clear();
                requestLog.addAll(all);
              });
        }
        return removed;
      }
    }
  }

  /** A delivery and, while it is in flight, the claim that holds it and until when. */
  private record Held(Delivery delivery, Optional<ClaimId> claim, Optional<Instant> leaseUntil) {
    static Held waiting(Delivery delivery) {
      return new Held(delivery, Optional.empty(), Optional.empty());
    }

    /** When it may be claimed: pending ones when due, in-flight ones when their lease ends. */
    Optional<Instant> claimableAt() {
      return switch (delivery.state()) {
        case PENDING -> Optional.of(delivery.nextAttemptAt());
        case IN_FLIGHT -> leaseUntil;
        default -> Optional.empty();
      };
    }
  }

  /** Where a claimable delivery sits in {@link #due}. */
  private record Due(Instant at, DeliveryId id) implements Comparable<Due> {
    static Optional<Due> of(Held held) {
      return held == null
          ? Optional.empty()
          : held.claimableAt().map(at -> new Due(at, held.delivery().id()));
    }

    @Override
    public int compareTo(Due other) {
      int byTime = at.compareTo(other.at);
      return byTime != 0 ? byTime : id.value().compareTo(other.id.value());
    }
  }

  /** Stores a delivery's new state and keeps {@link #due} in step, undoably. */
  private void hold(Held held) {
    DeliveryId id = held.delivery().id();
    Held previous = deliveries.put(id, held);
    Due.of(previous).ifPresent(due::remove);
    Due.of(held).ifPresent(due::add);
    remember(
        () -> {
          Due.of(held).ifPresent(due::remove);
          if (previous == null) {
            deliveries.remove(id);
          } else {
            deliveries.put(id, previous);
            Due.of(previous).ifPresent(due::add);
          }
        });
  }

  private static Delivery with(
      Delivery d,
      DeliveryState state,
      int attempts,
      Instant nextAttemptAt,
      Optional<Instant> lastAttemptAt,
      Optional<String> lastError,
      Optional<Instant> finishedAt) {
    return new Delivery(
        d.id(),
        d.subscription(),
        d.company(),
        d.completion(),
        d.payload(),
        state,
        attempts,
        d.createdAt(),
        nextAttemptAt,
        lastAttemptAt,
        lastError,
        finishedAt);
  }

  private final class Subscriptions implements ReportSubscriptionRepository {
    @Override
    public Optional<ReportSubscription> findById(SubscriptionId id) {
      synchronized (InMemoryStore.this) {
        return Optional.ofNullable(subscriptions.get(id));
      }
    }

    @Override
    public List<ReportSubscription> listByCompany(CompanyId company) {
      synchronized (InMemoryStore.this) {
        return subscriptions.values().stream()
            .filter(s -> s.company().equals(company))
            .sorted(Comparator.comparing(s -> s.id().value()))
            .toList();
      }
    }

    @Override
    public void save(ReportSubscription subscription) {
      synchronized (InMemoryStore.this) {
        put(subscriptions, subscription.id(), subscription);
      }
    }

    @Override
    public boolean delete(SubscriptionId id) {
      synchronized (InMemoryStore.this) {
        return remove(subscriptions, id);
      }
    }
  }

  private static final Comparator<Delivery> NEWEST_FIRST =
      Comparator.comparing(Delivery::createdAt)
          .thenComparing((Delivery d) -> d.id().value())
          .reversed();

  /** Only delivered and failed reports can be sent again (see {@link DeliveryOutbox#redeliver}). */
  private static void requireFinishedStates(DeliveryOutbox.Query query) {
    if (query.states().isEmpty() || !query.states().stream().allMatch(DeliveryState::finished)) {
      throw new IllegalArgumentException("only delivered or failed reports can be sent again");
    }
  }

  private final class Outbox implements DeliveryOutbox {
    @Override
    public void enqueue(List<Delivery> batch) {
      synchronized (InMemoryStore.this) {
        Set<DeliveryId> ids = new java.util.HashSet<>();
        for (Delivery delivery : batch) {
          if (delivery.state() != DeliveryState.PENDING) {
            throw new IllegalArgumentException("delivery " + delivery.id() + " is not pending");
          }
          if (deliveries.containsKey(delivery.id()) || !ids.add(delivery.id())) {
            throw new IllegalArgumentException("delivery " + delivery.id() + " is already stored");
          }
        }
        batch.forEach(delivery -> hold(Held.waiting(delivery)));
      }
    }

    @Override
    public List<Delivery> claim(ClaimId claim, Instant now, Instant leaseUntil, int limit) {
      synchronized (InMemoryStore.this) {
        List<Held> ready = new ArrayList<>();
        for (Due next : due) {
          if (ready.size() >= limit || next.at().isAfter(now)) {
            break;
          }
          ready.add(deliveries.get(next.id()));
        }
        List<Delivery> claimed = new ArrayList<>();
        for (Held held : ready) {
          Delivery d = held.delivery();
          Delivery inFlight =
              with(
                  d,
                  DeliveryState.IN_FLIGHT,
                  d.attempts(),
                  d.nextAttemptAt(),
                  d.lastAttemptAt(),
                  d.lastError(),
                  d.finishedAt());
          hold(new Held(inFlight, Optional.of(claim), Optional.of(leaseUntil)));
          claimed.add(inFlight);
        }
        return claimed;
      }
    }

    @Override
    public boolean finish(ClaimId claim, DeliveryOutcome outcome) {
      synchronized (InMemoryStore.this) {
        outcome.attempt().ifPresent(attempt -> append(attempts, attempt));
        Held held = deliveries.get(outcome.delivery());
        if (held == null
            || held.delivery().state() != DeliveryState.IN_FLIGHT
            || !held.claim().equals(Optional.of(claim))) {
          return false;
        }
        Delivery d = held.delivery();
        boolean finished = outcome.state().finished();
        Delivery next =
            with(
                d,
                outcome.state(),
                d.attempts() + (outcome.attempt().isPresent() ? 1 : 0),
                outcome.nextAttemptAt(),
                outcome.attempt().map(DeliveryAttempt::startedAt).or(d::lastAttemptAt),
                outcome.error(),
                finished ? Optional.of(outcome.at()) : Optional.empty());
        hold(Held.waiting(next));
        return true;
      }
    }

    @Override
    public boolean release(ClaimId claim, DeliveryId id) {
      synchronized (InMemoryStore.this) {
        Held held = deliveries.get(id);
        if (held == null
            || held.delivery().state() != DeliveryState.IN_FLIGHT
            || !held.claim().equals(Optional.of(claim))) {
          return false;
        }
        Delivery d = held.delivery();
        hold(
            Held.waiting(
                with(
                    d,
                    DeliveryState.PENDING,
                    d.attempts(),
                    d.nextAttemptAt(),
                    d.lastAttemptAt(),
                    d.lastError(),
                    d.finishedAt())));
        return true;
      }
    }

    @Override
    public Optional<Delivery> findById(DeliveryId id) {
      synchronized (InMemoryStore.this) {
        return Optional.ofNullable(deliveries.get(id)).map(Held::delivery);
      }
    }

    @Override
    public List<Delivery> list(CompanyId company, DeliveryState state, int limit) {
      synchronized (InMemoryStore.this) {
        return deliveries.values().stream()
            .map(Held::delivery)
            .filter(d -> d.company().equals(company) && d.state() == state)
            .sorted(
                Comparator.comparing(Delivery::createdAt)
                    .thenComparing(d -> d.id().value())
                    .reversed())
            .limit(limit)
            .toList();
      }
    }

    @Override
    public List<DeliveryAttempt> attempts(DeliveryId id) {
      synchronized (InMemoryStore.this) {
        return attempts.stream().filter(a -> a.delivery().equals(id)).toList();
      }
    }

    @Override
    public boolean redeliver(DeliveryId id, Instant now) {
      synchronized (InMemoryStore.this) {
        Held held = deliveries.get(id);
        if (held == null || !held.delivery().state().finished()) {
          return false;
        }
        Delivery d = held.delivery();
        hold(
            Held.waiting(
                with(
                    d,
                    DeliveryState.PENDING,
                    0,
                    now,
                    d.lastAttemptAt(),
                    d.lastError(),
                    Optional.empty())));
        return true;
      }
    }

    @Override
    public int redeliverFailed(CompanyId company, Instant from, Instant to, Instant now) {
      synchronized (InMemoryStore.this) {
        List<DeliveryId> failed =
            deliveries.values().stream()
                .map(Held::delivery)
                .filter(d -> d.company().equals(company) && d.state() == DeliveryState.FAILED)
                .filter(d -> !d.createdAt().isBefore(from) && d.createdAt().isBefore(to))
                .map(Delivery::id)
                .toList();
        failed.forEach(id -> redeliver(id, now));
        return failed.size();
      }
    }

    @Override
    public List<Listed> list(Query query) {
      synchronized (InMemoryStore.this) {
        return deliveries.values().stream()
            .map(Held::delivery)
            .filter(query::matches)
            .sorted(NEWEST_FIRST)
            .limit(query.limit())
            .map(d -> new Listed(d, lastStatus(d.id())))
            .toList();
      }
    }

    private Optional<Integer> lastStatus(DeliveryId id) {
      Optional<Integer> status = Optional.empty();
      for (DeliveryAttempt attempt : attempts) {
        if (attempt.delivery().equals(id)) {
          status = attempt.status();
        }
      }
      return status;
    }

    @Override
    public int redeliver(Query query, Instant now) {
      requireFinishedStates(query);
      synchronized (InMemoryStore.this) {
        List<DeliveryId> chosen =
            deliveries.values().stream()
                .map(Held::delivery)
                .filter(query::matches)
                .sorted(NEWEST_FIRST.reversed())
                .limit(query.limit())
                .map(Delivery::id)
                .toList();
        chosen.forEach(id -> redeliver(id, now));
        return chosen.size();
      }
    }

    @Override
    public int cancelPending(SubscriptionId subscription, Instant now, String reason) {
      synchronized (InMemoryStore.this) {
        List<Delivery> waiting =
            deliveries.values().stream()
                .map(Held::delivery)
                .filter(
                    d ->
                        d.subscription().equals(subscription) && d.state() == DeliveryState.PENDING)
                .toList();
        Instant at = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        for (Delivery d : waiting) {
          hold(
              Held.waiting(
                  with(
                      d,
                      DeliveryState.FAILED,
                      d.attempts(),
                      at,
                      d.lastAttemptAt(),
                      Optional.of(reason),
                      Optional.of(at))));
        }
        return waiting.size();
      }
    }

    @Override
    public Backlog backlog() {
      synchronized (InMemoryStore.this) {
        List<Instant> waiting =
            deliveries.values().stream()
                .map(Held::delivery)
                .filter(d -> !d.state().finished())
                .map(Delivery::createdAt)
                .toList();
        return new Backlog(waiting.size(), waiting.stream().min(Instant::compareTo));
      }
    }

    // --- Retention ---

    @Override
    public int pruneFinished(Instant deliveredBefore, Instant failedBefore, int batch) {
      requireBatch(batch);
      synchronized (InMemoryStore.this) {
        List<Delivery> gone =
            deliveries.values().stream()
                .map(Held::delivery)
                .filter(
                    d ->
                        d.finishedAt().isPresent()
                            && ((d.state() == DeliveryState.DELIVERED
                                    && d.finishedAt().get().isBefore(deliveredBefore))
                                || (d.state() == DeliveryState.FAILED
                                    && d.finishedAt().get().isBefore(failedBefore))))
                .sorted(
                    Comparator.comparing((Delivery d) -> d.finishedAt().get())
                        .thenComparing(d -> d.id().value()))
                .limit(batch)
                .toList();
        if (gone.isEmpty()) {
          return 0;
        }
        java.util.Set<DeliveryId> ids = new java.util.HashSet<>();
        for (Delivery d : gone) {
          ids.add(d.id());
          Held held = deliveries.remove(d.id());
          remember(() -> deliveries.put(d.id(), held));
        }
        List<DeliveryAttempt> before = List.copyOf(attempts);
        attempts.removeIf(a -> ids.contains(a.delivery()));
        remember(
            () -> {
              attempts.clear();
              attempts.addAll(before);
            });
        return gone.size();
      }
    }
  }

  private static void requireBatch(int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1, was " + batch);
    }
  }
}
