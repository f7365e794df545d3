package io.learnhook.jdbc;

import io.learnhook.completion.CompletionId;
import io.learnhook.delivery.ClaimId;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.DeliveryAttempt;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.delivery.DeliveryOutcome;
import io.learnhook.delivery.DeliveryState;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.CompanyId;
import io.learnhook.spi.DeliveryOutbox;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox in the {@code deliveries} and {@code delivery_attempts} tables, shared by every worker
 * and node.
 *
 * <p>Claiming is one short transaction: select the due rows by {@code due_at} (its index) with a row
 * lock, mark them in flight under the claim id with their lease, read them back. With {@code SKIP
 * LOCKED} (PostgreSQL, MariaDB 10.6+) concurrent claimers pass over each other's rows; on H2 the
 * second claimer waits for the first, and the update's {@code due_at <= now} condition, checked again
 * on the committed row, keeps it from taking a row twice. Finishing is another short transaction that
 * keeps the attempt and moves the row only if it is still in flight under the same claim id. No
 * transaction is open while a report is being sent.
 */
final class JdbcDeliveryOutbox implements DeliveryOutbox {
  private static final String COLUMNS =
      "id, subscription_id, company_id, completion_id, payload, state, attempts, created_at,"
          + " next_attempt_at, last_attempt_at, last_error, finished_at";
  private static final String ATTEMPT_COLUMNS =
      "delivery_id, number, started_at, latency_micros, status, error, response";

  private final Database db;
  private final String insert;
  private final String selectDue;
  private final String markInFlightPrefix;
  private final String selectClaimed;
  private final String insertAttempt;
  private final String finishWithAttempt;
  private final String finishWithoutAttempt;
  private final String release;
  private final String findById;
  private final String list;
  private final String attempts;
  private final String redeliver;
  private final String redeliverFailed;

  JdbcDeliveryOutbox(Database db) {
    this.db = db;
    this.insert =
        db.sql(
            "INSERT INTO ${prefix}deliveries (id, subscription_id, company_id, completion_id, payload,"
                + " state, attempts, created_at, next_attempt_at, due_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    this.selectDue =
        db.sql(
            "SELECT id FROM ${prefix}deliveries WHERE due_at <= ? ORDER BY due_at, id LIMIT ?"
                + lockClause(db.dialect()));
    this.markInFlightPrefix =
        db.sql(
            "UPDATE ${prefix}deliveries SET state = 'IN_FLIGHT', claim_id = ?, lease_until = ?,"
                + " due_at = ? WHERE due_at <= ? AND id IN (");
    this.selectClaimed = db.sql("SELECT " + COLUMNS + " FROM ${prefix}deliveries WHERE claim_id = ?");
    this.insertAttempt =
        db.sql(
            "INSERT INTO ${prefix}delivery_attempts (" + ATTEMPT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)");
    String finish =
        "UPDATE ${prefix}deliveries SET state = ?, attempts = attempts + ?, next_attempt_at = ?,"
            + " due_at = ?, last_error = ?, finished_at = ?, claim_id = NULL, lease_until = NULL";
    String held = " WHERE id = ? AND claim_id = ? AND state = 'IN_FLIGHT'";
    this.finishWithAttempt = db.sql(finish + ", last_attempt_at = ?" + held);
    this.finishWithoutAttempt = db.sql(finish + held);
    this.release =
        db.sql(
            "UPDATE ${prefix}deliveries SET state = 'PENDING', due_at = next_attempt_at, claim_id = NULL,"
                + " lease_until = NULL" + held);
    this.findById = db.sql("SELECT " + COLUMNS + " FROM ${prefix}deliveries WHERE id = ?");
    this.list =
        db.sql(
            "SELECT " + COLUMNS + " FROM ${prefix}deliveries WHERE company_id = ? AND state = ?"
                + " ORDER BY created_at DESC, id DESC LIMIT ?");
    this.attempts =
        db.sql(
            "SELECT " + ATTEMPT_COLUMNS + " FROM ${prefix}delivery_attempts WHERE delivery_id = ?"
                + " ORDER BY id");
    String again =
        "UPDATE ${prefix}deliveries SET state = 'PENDING', attempts = 0, next_attempt_at = ?,"
            + " due_at = ?, finished_at = NULL";
    this.redeliver = db.sql(again + " WHERE id = ? AND state IN ('DELIVERED', 'FAILED')");
    this.redeliverFailed =
        db.sql(
            again + " WHERE company_id = ? AND state = 'FAILED' AND created_at >= ? AND created_at < ?");
  }

  /** How the due rows are locked: skipping rows another claimer holds, where the database can. */
  private static String lockClause(Dialect dialect) {
    return switch (dialect) {
      // H2 has no SKIP LOCKED: a second claimer waits, then finds the rows taken (see the class comment).
      case H2 -> " FOR UPDATE";
      case POSTGRESQL, MYSQL -> " FOR UPDATE SKIP LOCKED";
    };
  }

  @Override
  public void enqueue(List<Delivery> deliveries) {
    for (Delivery delivery : deliveries) {
      if (delivery.state() != DeliveryState.PENDING) {
        throw new IllegalArgumentException("delivery " + delivery.id() + " is not pending");
      }
    }
    if (deliveries.isEmpty()) {
      return;
    }
    try {
      db.inTransaction(
          "enqueuing reports",
          connection -> {
            for (Delivery d : deliveries) {
              db.update(
                  connection,
                  insert,
                  p ->
                      p.string(d.id().value())
                          .string(d.subscription().value())
                          .string(d.company().value())
                          .string(d.completion().value())
                          .string(d.payload())
                          .string(d.state().name())
                          .integer(d.attempts())
                          .instant(d.createdAt())
                          .instant(d.nextAttemptAt())
                          .instant(d.nextAttemptAt()));
            }
            return null;
          });
    } catch (Database.DuplicateKeyException e) {
      throw new IllegalArgumentException("a delivery of this batch is already stored", e);
    }
  }

  @Override
  public List<Delivery> claim(ClaimId claim, Instant now, Instant leaseUntil, int limit) {
    if (limit < 1) {
      return List.of();
    }
    return db.inTransaction(
        "claiming reports to deliver",
        connection -> {
          List<String> due =
              db.query(connection, selectDue, p -> p.instant(now).integer(limit), row -> row.string("id"));
          if (due.isEmpty()) {
            return List.of();
          }
          String markInFlight = markInFlightPrefix + String.join(", ", Collections.nCopies(due.size(), "?")) + ")";
          int marked =
              db.update(
                  connection,
                  markInFlight,
                  p -> {
                    p.string(claim.value()).instant(leaseUntil).instant(leaseUntil).instant(now);
                    for (String id : due) {
                      p.string(id);
                    }
                  });
          if (marked == 0) {
            return List.of();
          }
          Map<String, Integer> order = new HashMap<>();
          for (int i = 0; i < due.size(); i++) {
            order.put(due.get(i), i);
          }
          List<Delivery> claimed =
              new ArrayList<>(
                  db.query(connection, selectClaimed, p -> p.string(claim.value()), JdbcDeliveryOutbox::delivery));
          claimed.sort(Comparator.comparing(d -> order.getOrDefault(d.id().value(), Integer.MAX_VALUE)));
          return claimed;
        });
  }

  @Override
  public boolean finish(ClaimId claim, DeliveryOutcome outcome) {
    boolean finished = outcome.state().finished();
    Optional<Instant> dueAt = finished ? Optional.empty() : Optional.of(outcome.nextAttemptAt());
    Optional<Instant> finishedAt = finished ? Optional.of(outcome.at()) : Optional.empty();
    return db.inTransaction(
        "recording a delivery attempt",
        connection -> {
          if (outcome.attempt().isPresent()) {
            DeliveryAttempt a = outcome.attempt().get();
            db.update(
                connection,
                insertAttempt,
                p ->
                    p.string(a.delivery().value())
                        .integer(a.number())
                        .instant(a.startedAt())
                        .longValue(a.latency().toNanos() / 1_000)
                        .optionalInteger(a.status())
                        .optionalString(a.error())
                        .optionalString(a.response()));
          }
          String sql = outcome.attempt().isPresent() ? finishWithAttempt : finishWithoutAttempt;
          return db.update(
                  connection,
                  sql,
                  p -> {
                    p.string(outcome.state().name())
                        .integer(outcome.attempt().isPresent() ? 1 : 0)
                        .instant(outcome.nextAttemptAt())
                        .optionalInstant(dueAt)
                        .optionalString(outcome.error())
                        .optionalInstant(finishedAt);
                    if (outcome.attempt().isPresent()) {
                      p.instant(outcome.attempt().get().startedAt());
                    }
                    p.string(outcome.delivery().value()).string(claim.value());
                  })
              == 1;
        });
  }

  @Override
  public boolean release(ClaimId claim, DeliveryId id) {
    return db.update("giving back a claimed report", release, p -> p.string(id.value()).string(claim.value())) == 1;
  }

  @Override
  public Optional<Delivery> findById(DeliveryId id) {
    return db
        .query("finding a delivery", findById, p -> p.string(id.value()), JdbcDeliveryOutbox::delivery)
        .stream()
        .filter(d -> d.id().equals(id))
        .findFirst();
  }

  @Override
  public List<Delivery> list(CompanyId company, DeliveryState state, int limit) {
    return db
        .query(
            "listing deliveries",
            list,
            p -> p.string(company.value()).string(state.name()).integer(limit),
            JdbcDeliveryOutbox::delivery)
        .stream()
        .filter(d -> d.company().equals(company))
        .toList();
  }

  @Override
  public List<DeliveryAttempt> attempts(DeliveryId id) {
    return db.query(
        "reading delivery attempts", attempts, p -> p.string(id.value()), JdbcDeliveryOutbox::attempt);
  }

  @Override
  public boolean redeliver(DeliveryId id, Instant now) {
    return db.update(
            "redelivering a report", redeliver, p -> p.instant(now).instant(now).string(id.value()))
        == 1;
  }

  @Override
  public int redeliverFailed(CompanyId company, Instant from, Instant to, Instant now) {
    return db.update(
        "redelivering failed reports",
        redeliverFailed,
        p -> p.instant(now).instant(now).string(company.value()).instant(from).instant(to));
  }

  private static Delivery delivery(Row row) throws SQLException {
    return new Delivery(
        DeliveryId.of(row.string("id")),
        SubscriptionId.of(row.string("subscription_id")),
        CompanyId.of(row.string("company_id")),
        CompletionId.of(row.string("completion_id")),
        row.string("payload"),
        DeliveryState.valueOf(row.string("state")),
        row.integer("attempts"),
        row.instant("created_at"),
        row.instant("next_attempt_at"),
        row.optionalInstant("last_attempt_at"),
        row.optionalString("last_error"),
        row.optionalInstant("finished_at"));
  }

  private static DeliveryAttempt attempt(Row row) throws SQLException {
    return new DeliveryAttempt(
        DeliveryId.of(row.string("delivery_id")),
        row.integer("number"),
        row.instant("started_at"),
        Duration.ofNanos(row.longValue("latency_micros") * 1_000),
        row.optionalInteger("status"),
        row.optionalString("error"),
        row.optionalString("response"));
  }
}
