package io.learnhook.spi;

import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.CompanyId;
import java.util.List;
import java.util.Optional;

/**
 * Stores report subscriptions, Authorization values and signing secrets included (they are needed
 * in plain form to make each request; protect the storage accordingly).
 */
public interface ReportSubscriptionRepository {
  Optional<ReportSubscription> findById(SubscriptionId id);

  /** The company's subscriptions, enabled or not, in a stable order (by id). */
  List<ReportSubscription> listByCompany(CompanyId company);

  /** Inserts the subscription, or replaces the one with the same id. */
  void save(ReportSubscription subscription);

  /** Deletes the subscription; returns whether it existed. Its deliveries are kept. */
  boolean delete(SubscriptionId id);
}
