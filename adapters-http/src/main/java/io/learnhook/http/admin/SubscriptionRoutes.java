package io.learnhook.http.admin;

import io.learnhook.http.ingest.EndpointResponse;
import io.learnhook.management.Actor;
import io.learnhook.management.ReportAdministration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code /subscriptions} routes of {@link AdminEndpoint}: {@link ReportAdministration} as JSON.
 */
final class SubscriptionRoutes {
  private final ReportAdministration reports;

  SubscriptionRoutes(ReportAdministration reports) {
    this.reports = Objects.requireNonNull(reports, "reports");
  }

  /**
   * Answers a call whose path starts with {@code subscriptions}. The caller is authenticated and
   * may manage the company's reports; failures are thrown as {@link AdminEndpoint}'s exceptions.
   */
  EndpointResponse route(Actor actor, AdminRequest request, List<String> path) {
    reports.requireAccess(actor);
    throw new AdminEndpoint.BadRequest(404, "Not found");
  }
}
