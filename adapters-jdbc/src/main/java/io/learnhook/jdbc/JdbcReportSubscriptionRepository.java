package io.learnhook.jdbc;

import io.learnhook.delivery.ReportSubscription;
import io.learnhook.delivery.RetryPolicy;
import io.learnhook.delivery.SigningSecret;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.CompanyId;
import io.learnhook.spi.ReportSubscriptionRepository;
import io.learnhook.spi.StorageException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Report subscriptions in the {@code report_subscriptions} table; the retry policy as its JSON, the
 * Authorization value and the signing secret as given (each request needs them).
 */
final class JdbcReportSubscriptionRepository implements ReportSubscriptionRepository {
  private static final String COLUMNS =
      "id, company_id, callback_url, authorization_value, enabled, retry_policy, signing_secret,"
          + " allow_private_network, created_at, disabled_reason, previous_signing_secret,"
          + " previous_secret_until";

  /**
   * One retry suffices: after a concurrent insert the row exists and the update path takes over.
   */
  private static final int SAVE_ATTEMPTS = 2;

  private final Database db;
  private final String findById;
  private final String listByCompany;
  private final String update;
  private final String insert;
  private final String delete;

  JdbcReportSubscriptionRepository(Database db) {
    this.db = db;
    String select = "SELECT " + COLUMNS + " FROM ${prefix}report_subscriptions";
    this.findById = db.sql(select + " WHERE id = ?");
    this.listByCompany = db.sql(select + " WHERE company_id = ? ORDER BY id");
    // Both bind the data columns first and the id last.
    this.update =
        db.sql(
            "UPDATE ${prefix}report_subscriptions SET company_id = ?, callback_url = ?,"
                + " authorization_value = ?, enabled = ?, retry_policy = ?, signing_secret = ?,"
                + " allow_private_network = ?, created_at = ?, disabled_reason = ?,"
                + " previous_signing_secret = ?, previous_secret_until = ? WHERE id = ?");
    this.insert =
        db.sql(
            "INSERT INTO ${prefix}report_subscriptions (company_id, callback_url, authorization_value,"
                + " enabled, retry_policy, signing_secret, allow_private_network, created_at,"
                + " disabled_reason, previous_signing_secret, previous_secret_until, id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    this.delete = db.sql("DELETE FROM ${prefix}report_subscriptions WHERE id = ?");
  }

  @Override
  public Optional<ReportSubscription> findById(SubscriptionId id) {
    // Compared again in Java: a collation that ignores case or trailing spaces must not match.
    return db
        .query(
            "finding a report subscription",
            findById,
            p -> p.string(id.value()),
            JdbcReportSubscriptionRepository::subscription)
        .stream()
        .filter(s -> s.id().equals(id))
        .findFirst();
  }

  @Override
  public List<ReportSubscription> listByCompany(CompanyId company) {
    return db
        .query(
            "listing report subscriptions",
            listByCompany,
            p -> p.string(company.value()),
            JdbcReportSubscriptionRepository::subscription)
        .stream()
        .filter(s -> s.company().equals(company))
        .toList();
  }

  @Override
  public void save(ReportSubscription s) {
    Database.Binder values =
        p ->
            p.string(s.company().value())
                .string(s.callbackUrl().toString())
                .optionalString(s.authorization())
                .bool(s.enabled())
                .string(s.retryPolicy().toJson())
                .optionalString(s.signingSecret().map(SigningSecret::reveal))
                .bool(s.allowPrivateNetwork())
                .instant(s.createdAt())
                .optionalString(s.disabledReason())
                .optionalString(s.previousSecret().map(previous -> previous.secret().reveal()))
                .optionalInstant(s.previousSecret().map(ReportSubscription.PreviousSecret::until))
                .string(s.id().value());
    for (int attempt = 1; ; attempt++) {
      try {
        db.inTransaction(
            "saving a report subscription",
            connection -> {
              if (db.update(connection, update, values) == 0) {
                db.update(connection, insert, values);
              }
              return null;
            });
        return;
      } catch (Database.DuplicateKeyException e) {
        if (attempt == SAVE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  @Override
  public boolean delete(SubscriptionId id) {
    return db.update("deleting a report subscription", delete, p -> p.string(id.value())) > 0;
  }

  private static ReportSubscription subscription(Row row) throws SQLException {
    Optional<SigningSecret> secret = row.optionalString("signing_secret").map(SECRET);
    Optional<SigningSecret> previous = row.optionalString("previous_signing_secret").map(SECRET);
    Optional<Instant> previousUntil = row.optionalInstant("previous_secret_until");
    return new ReportSubscription(
        SubscriptionId.of(row.string("id")),
        CompanyId.of(row.string("company_id")),
        URI.create(row.string("callback_url")),
        row.optionalString("authorization_value"),
        row.bool("enabled"),
        RetryPolicy.fromJson(row.string("retry_policy")),
        secret,
        row.bool("allow_private_network"),
        row.instant("created_at"),
        row.optionalString("disabled_reason"),
        previous.isPresent() && previousUntil.isPresent() && secret.isPresent()
            ? Optional.of(
                new ReportSubscription.PreviousSecret(previous.get(), previousUntil.get()))
            : Optional.empty());
  }

  private static final Function<String, SigningSecret> SECRET =
      text ->
          SigningSecret.parse(text)
              .orElseThrow(
                  () ->
                      new StorageException("Storage holds a signing secret LearnHook cannot read"));
}
