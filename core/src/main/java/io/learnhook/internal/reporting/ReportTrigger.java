package io.learnhook.internal.reporting;

import io.learnhook.completion.Completion;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.delivery.ReportSubscription;
import io.learnhook.directory.Company;
import io.learnhook.directory.Item;
import io.learnhook.directory.User;
import io.learnhook.spi.CompanyRepository;
import io.learnhook.spi.DeliveryOutbox;
import io.learnhook.spi.ItemCatalog;
import io.learnhook.spi.ReportDetails;
import io.learnhook.spi.ReportDetails.CompletionDetails;
import io.learnhook.spi.ReportSubscriptionRepository;
import io.learnhook.spi.StorageException;
import io.learnhook.spi.UserDirectory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule that makes reports: when a lesson is completed, its report is POSTed to the callback
 * URL. Every newly recorded completion, from a webhook or from the LMS, enqueues one report to each
 * enabled subscription of its company. It runs inside the transaction that records the completion
 * ({@link io.learnhook.completion.internal.CompletionRecorder}), so that the completion and its
 * reports are stored together or not at all. A duplicate completion enqueues nothing.
 *
 * <p>The payload is built here, once, from the company, the user, the item, the completion and the
 * LMS's {@link ReportDetails}; every attempt then sends the same bytes. {@link
 * io.learnhook.LearnHook} wires it; applications do not call it (not API).
 */
public final class ReportTrigger implements Consumer<Completion> {
  private static final Logger LOG = LoggerFactory.getLogger(ReportTrigger.class);

  private final CompanyRepository companies;
  private final UserDirectory users;
  private final ItemCatalog items;
  private final ReportSubscriptionRepository subscriptions;
  private final DeliveryOutbox outbox;
  private final ReportDetails details;
  private final Clock clock;

  public ReportTrigger(
      CompanyRepository companies,
      UserDirectory users,
      ItemCatalog items,
      ReportSubscriptionRepository subscriptions,
      DeliveryOutbox outbox,
      ReportDetails details,
      Clock clock) {
    this.companies = Objects.requireNonNull(companies, "companies");
    this.users = Objects.requireNonNull(users, "users");
    this.items = Objects.requireNonNull(items, "items");
    this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.details = Objects.requireNonNull(details, "details");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Enqueues the reports of a new completion.
   *
   * @throws IllegalArgumentException when the completion's user or item cannot be found, so that no
   *     report can be built (the completion is then not recorded either)
   */
  @Override
  public void accept(Completion completion) {
    List<ReportSubscription> enabled =
        subscriptions.listByCompany(completion.company()).stream()
            .filter(ReportSubscription::enabled)
            .toList();
    if (enabled.isEmpty()) {
      return;
    }
    User user =
        users
            .findById(completion.company(), completion.user())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Cannot report completion "
                            + completion.id()
                            + ": no user '"
                            + completion.user()
                            + "' in company '"
                            + completion.company()
                            + "'"));
    Item item =
        items
            .findById(completion.company(), completion.item())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Cannot report completion "
                            + completion.id()
                            + ": no item '"
                            + completion.item()
                            + "' in company '"
                            + completion.company()
                            + "'"));
    // A company LearnHook's directory does not hold (the LMS keeps its own) uses no external ids.
    Company company =
        companies.findById(completion.company()).orElse(new Company(completion.company(), false));
    String payload = Report.of(company, user, item, completion, detailsOf(completion)).toJson();
    Instant now = clock.instant();
    outbox.enqueue(
        enabled.stream()
            .map(
                subscription ->
                    Delivery.pending(
                        DeliveryId.random(),
                        subscription.id(),
                        company.id(),
                        completion.id(),
                        payload,
                        now))
            .toList());
    LOG.debug("Enqueued {} report(s) of completion {}", enabled.size(), completion.id());
  }

  private CompletionDetails detailsOf(Completion completion) {
    try {
      return details.detailsOf(completion);
    } catch (StorageException e) {
      throw e;
    } catch (RuntimeException e) {
      // The LMS's lookup failing must not lose the completion or its report; the report says null.
      LOG.warn(
          "ReportDetails failed for completion {}; reporting it without start, assignment, report card"
              + " and retake score",
          completion.id(),
          e);
      return CompletionDetails.none();
    }
  }
}
