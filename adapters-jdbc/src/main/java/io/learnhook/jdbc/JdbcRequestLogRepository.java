package io.learnhook.jdbc;

import io.learnhook.requestlog.RequestLogEntry;
import io.learnhook.requestlog.RequestLogEntry.Outcome;
import io.learnhook.spi.RequestLogRepository;
import io.learnhook.webhook.WebhookId;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The request log in the {@code request_log} table. "Newest" is the highest generated id, i.e. the
 * order entries were appended in, which is exact even when two calls arrive in the same
 * microsecond.
 */
final class JdbcRequestLogRepository implements RequestLogRepository {
  private final Database db;
  private final String insert;
  private final String latest;
  private final String latestWithOutcome;
  private final String oldestKeptBoundary;
  private final String deleteUpToIdOrOlder;
  private final String deleteOlder;
  private final String deleteOldest;

  JdbcRequestLogRepository(Database db) {
    this.db = db;
    this.insert =
        db.sql(
            "INSERT INTO ${prefix}request_log (webhook_id, received_at, dry_run, outcome, status,"
                + " mapped_fields, error, body, body_truncated, reason)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    this.latest =
        db.sql(
            "SELECT webhook_id, received_at, dry_run, outcome, status, mapped_fields, error,"
                + " body, body_truncated, reason FROM ${prefix}request_log WHERE webhook_id = ? ORDER BY id DESC LIMIT ?");
    this.latestWithOutcome =
        db.sql(
            "SELECT webhook_id, received_at, dry_run, outcome, status, mapped_fields, error,"
                + " body, body_truncated, reason FROM ${prefix}request_log WHERE webhook_id = ? AND outcome = ?"
                + " ORDER BY id DESC LIMIT ?");
    // The id of the newest entry beyond the `keep` newest: it and everything older goes.
    this.oldestKeptBoundary =
        db.sql(
            "SELECT id FROM ${prefix}request_log WHERE webhook_id = ?"
                + " ORDER BY id DESC LIMIT 1 OFFSET ?");
    this.deleteUpToIdOrOlder =
        db.sql(
            "DELETE FROM ${prefix}request_log WHERE webhook_id = ? AND (id <= ? OR received_at <"
                + " ?)");
    this.deleteOlder =
        db.sql("DELETE FROM ${prefix}request_log WHERE webhook_id = ? AND received_at < ?");
    this.deleteOldest = db.sql(deleteOldest(db.dialect()));
  }

  @Override
  public void append(RequestLogEntry entry) {
    // One round trip: an entry committed after its caller gave up harms no one (Database#append).
    db.append(
        "appending to the request log",
        insert,
        p ->
            p.string(entry.webhook().value())
                .instant(entry.receivedAt())
                .bool(entry.dryRun())
                .string(entry.outcome().name())
                .integer(entry.status())
                .optionalString(entry.mappedFields().map(JdbcRequestLogRepository::withoutNul))
                .optionalString(entry.error().map(JdbcRequestLogRepository::withoutNul))
                .optionalString(entry.body().map(JdbcRequestLogRepository::withoutNul))
                .bool(entry.bodyTruncated())
                .optionalString(entry.reason().map(JdbcRequestLogRepository::withoutNul)));
  }

  @Override
  public List<RequestLogEntry> latest(WebhookId webhook, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    return db.query(
        "reading the request log",
        latest,
        p -> p.string(webhook.value()).integer(limit),
        JdbcRequestLogRepository::entry);
  }

  @Override
  public List<RequestLogEntry> latest(WebhookId webhook, Outcome outcome, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    return db.query(
        "reading the request log",
        latestWithOutcome,
        p -> p.string(webhook.value()).string(outcome.name()).integer(limit),
        JdbcRequestLogRepository::entry);
  }

  @Override
  public int prune(WebhookId webhook, int keep, Instant olderThan) {
    if (keep < 0) {
      throw new IllegalArgumentException("keep must not be negative, was " + keep);
    }
    return db.inTransaction(
        "pruning the request log",
        connection -> {
          // Entries appended meanwhile get higher ids, so the boundary never reaches them.
          Optional<Long> boundary =
              db
                  .query(
                      connection,
                      oldestKeptBoundary,
                      p -> p.string(webhook.value()).integer(keep),
                      row -> row.longValue("id"))
                  .stream()
                  .findFirst();
          if (boundary.isPresent()) {
            return db.update(
                connection,
                deleteUpToIdOrOlder,
                p -> p.string(webhook.value()).longValue(boundary.get()).instant(olderThan));
          }
          return db.update(
              connection, deleteOlder, p -> p.string(webhook.value()).instant(olderThan));
        });
  }

  @Override
  public int pruneOlderThan(Instant olderThan, int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1, was " + batch);
    }
    // One statement in auto-commit: its row locks last as long as deleting `batch` rows.
    return db.update(
        "pruning the request log by age", deleteOldest, p -> p.instant(olderThan).integer(batch));
  }

  /**
   * At most a batch of the oldest entries before a time, by the {@code received_at} index: MySQL
   * and MariaDB take {@code ORDER BY … LIMIT} on a {@code DELETE} (and no {@code LIMIT} in an
   * {@code IN} subquery); PostgreSQL and H2 take the ids from a limited subquery.
   */
  private static String deleteOldest(Dialect dialect) {
    return switch (dialect) {
      case MYSQL ->
          "DELETE FROM ${prefix}request_log WHERE received_at < ? ORDER BY received_at LIMIT ?";
      case H2, POSTGRESQL ->
          "DELETE FROM ${prefix}request_log WHERE id IN (SELECT id FROM ${prefix}request_log"
              + " WHERE received_at < ? ORDER BY received_at LIMIT ?)";
    };
  }

  /**
   * Log text with U+0000 written as U+FFFD: the log is for troubleshooting, and an entry is worth
   * more than that character, which PostgreSQL cannot store.
   */
  private static String withoutNul(String text) {
    return text.replace('\u0000', '\uFFFD');
  }

  private static RequestLogEntry entry(Row row) throws SQLException {
    return new RequestLogEntry(
        WebhookId.of(row.string("webhook_id")),
        row.instant("received_at"),
        row.bool("dry_run"),
        Outcome.valueOf(row.string("outcome")),
        row.integer("status"),
        row.optionalString("mapped_fields"),
        row.optionalString("error"),
        row.optionalString("body"),
        row.bool("body_truncated"),
        row.optionalString("reason"));
  }
}
