package io.learnhook.spi;

/**
 * Every port a storage adapter provides, in one place, so an engine can be built from one object.
 * An application whose users or items live elsewhere replaces single ports on {@link
 * io.learnhook.LearnHook.Builder}.
 */
public interface LearnHookStore {
  CompanyRepository companies();

  UserDirectory users();

  ItemCatalog items();

  WebhookRepository webhooks();

  CompletionRepository completions();

  RequestLogRepository requestLog();

  /** Report subscriptions. */
  ReportSubscriptionRepository subscriptions();

  /** The outbox of reports. */
  DeliveryOutbox outbox();

  /**
   * Transactions over this store's ports: recording a completion and enqueuing its reports happen
   * in one.
   */
  Transactions transactions();
}
