package io.learnhook.memory;

import io.learnhook.completion.Completion;
import io.learnhook.completion.CompletionId;
import io.learnhook.completion.RecordResult;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.Item;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.User;
import io.learnhook.requestlog.Outcome;
import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.spi.CompanyRepository;
import io.learnhook.spi.CompletionRepository;
import io.learnhook.spi.ItemCatalog;
import io.learnhook.spi.LearnHookStore;
import io.learnhook.spi.RequestLogRepository;
import io.learnhook.spi.UserDirectory;
import io.learnhook.spi.WebhookRepository;
import io.learnhook.webhook.KeyHash;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.WebhookId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every port in memory, thread-safe. Fill the LMS side with {@link #putCompany}, {@link #putUser} and
 * {@link #putItem}; webhooks, completions and the request log are written through the ports.
 */
public final class InMemoryStore implements LearnHookStore {
  private final Map<CompanyId, Company> companies = new LinkedHashMap<>();
  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, Item> items = new LinkedHashMap<>();
  private final Map<WebhookId, Webhook> webhooks = new LinkedHashMap<>();
  private final List<Completion> completions = new ArrayList<>();
  // Indexes over the completions, so that recording stays O(1) however many are stored.
  private final Map<CompletionId, Completion> completionsById = new HashMap<>();
  private final Map<List<Object>, Completion> completionsByEvent = new HashMap<>();
  private final Map<List<Object>, Completion> completionsByFacts = new HashMap<>();
  private final List<RequestLogEntry> requestLog = new ArrayList<>();

  private final CompanyRepository companyPort = new Companies();
  private final UserDirectory userPort = this::findUsersByEmail;
  private final ItemCatalog itemPort = new Items();
  private final WebhookRepository webhookPort = new Webhooks();
  private final CompletionRepository completionPort = new Completions();
  private final RequestLogRepository requestLogPort = new RequestLog();

  /** Adds or replaces a company. */
  public synchronized InMemoryStore putCompany(Company company) {
    companies.put(company.id(), company);
    return this;
  }

  /** Adds or replaces a user. */
  public synchronized InMemoryStore putUser(User user) {
    users.put(user.company() + "/" + user.id(), user);
    return this;
  }

  /** Adds or replaces an item. */
  public synchronized InMemoryStore putItem(Item item) {
    items.put(item.company() + "/" + item.id(), item);
    return this;
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
        companies.put(id, new Company(id, enabled));
        return true;
      }
    }
  }

  private synchronized List<User> findUsersByEmail(CompanyId company, String email) {
    return users.values().stream()
        .filter(u -> u.company().equals(company))
        .filter(u -> u.email().toLowerCase(Locale.ROOT).equals(email.toLowerCase(Locale.ROOT)))
        .toList();
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
        Optional<Webhook> current =
            webhooks.values().stream().filter(w -> w.keyHash().equals(hash)).findFirst();
        return current.isPresent()
            ? current
            : webhooks.values().stream().filter(w -> hasPreviousKey(w, hash)).findFirst();
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
        for (Webhook other : webhooks.values()) {
          if (other.id().equals(webhook.id())) {
            continue;
          }
          if (holdsKeyOf(other, webhook)) {
            throw new IllegalArgumentException("another webhook already has this key");
          }
          if (other.company().equals(webhook.company()) && other.name().equals(webhook.name())) {
            throw new IllegalArgumentException(
                "another webhook of company " + webhook.company() + " is named '" + webhook.name() + "'");
          }
        }
        webhooks.put(webhook.id(), webhook);
      }
    }

    @Override
    public boolean delete(WebhookId id) {
      synchronized (InMemoryStore.this) {
        return webhooks.remove(id) != null;
      }
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
        completions.add(candidate);
        completionsById.put(candidate.id(), candidate);
        eventKey(candidate).ifPresent(key -> completionsByEvent.put(key, candidate));
        completionsByFacts.put(factsKey(candidate), candidate);
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
      return List.of(completion.company(), completion.user(), completion.item(), completion.completedAt());
    }
  }

  private final class RequestLog implements RequestLogRepository {
    @Override
    public void append(RequestLogEntry entry) {
      synchronized (InMemoryStore.this) {
        requestLog.add(entry);
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
        // Identity, not equality: two calls in the same microsecond can make equal entries.
        Set<RequestLogEntry> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(latest(webhook, keep));
        int before = requestLog.size();
        requestLog.removeIf(
            e ->
                e.webhook().equals(webhook)
                    && (!kept.contains(e) || e.receivedAt().isBefore(olderThan)));
        return before - requestLog.size();
      }
    }
  }
}
