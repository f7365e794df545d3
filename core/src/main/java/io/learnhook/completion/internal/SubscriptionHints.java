package io.learnhook.completion.internal;

import io.learnhook.spi.ReportSubscriptionRepository;

/**
 * Not API. Implemented by a webhook repository whose key lookup also reads whether the company has
 * an enabled report subscription ({@link
 * io.learnhook.spi.WebhookRepository.WebhookWithCompany#noEnabledReportSubscriptions}), such as the
 * JDBC store's.
 *
 * <p>Why an interface here and not a method of {@link io.learnhook.spi.WebhookRepository}: only a
 * store that reads webhooks and subscriptions in the same query can answer it truthfully, so it is
 * no part of the contract custom repositories implement. The engine checks for it with {@code
 * instanceof}; a repository that does not implement it never gets the shortcut, which is always
 * correct (the recorder then looks the subscriptions up itself).
 */
public interface SubscriptionHints {
  /**
   * Whether the hint this repository's key lookup returns was read from {@code subscriptions}: only
   * then may a new completion skip the subscription lookup. A store answers true only for its own
   * subscriptions, so that an application that wires its own {@link ReportSubscriptionRepository}
   * beside this store's webhooks never loses a report.
   */
  boolean readsSubscriptionsOf(ReportSubscriptionRepository subscriptions);
}
