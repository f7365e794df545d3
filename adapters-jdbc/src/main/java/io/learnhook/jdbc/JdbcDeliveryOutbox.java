package io.learnhook.jdbc;

import io.learnhook.completion.CompletionId;
import io.learnhook.delivery.Delivery;
import io.learnhook.delivery.Delivery.DeliveryAttempt;
import io.learnhook.delivery.Delivery.DeliveryState;
import io.learnhook.delivery.DeliveryId;
import io.learnhook.delivery.SubscriptionId;
import io.learnhook.directory.CompanyId;
import io.learnhook.internal.Preconditions;
import io.learnhook.spi.DeliveryOutbox;
import io.learnhook.spi.DeliveryOutbox.ClaimId;
import io.learnhook.spi.DeliveryOutbox.DeliveryOutcome;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox in the {@code deliveries} and {@code delivery_attempts} tables, shared by every worker
 * and node.
 *
 * <p>Claiming is one short transaction: select the first due rows in the order of the {@code
 * (due_at, id)} index, mark each in flight under the claim id with its lease by an update that
 * requires it to be still due, and return those the updates changed. On PostgreSQL and MariaDB
 * 10.6+ the select locks its rows with {@code FOR UPDATE SKIP LOCKED}, so concurrent claimers pass
 * over each other's rows. H2 has no {@code SKIP LOCKED} (and sorts the whole backlog under {@code
 * FOR UPDATE}), so there the select takes no lock: two claimers may pick the same rows, the second
 * one's update waits for the first one's row lock and then finds the row no longer due, and each
 * row goes to one claim. Finishing is another short transaction that keeps the attempts and moves
 * each row only if it is still in flight under the same claim id. No transaction is open while a
 * report is being sent.
 */
final class JdbcDeliveryOutbox implements DeliveryOutbox {
  private static final String COLUMNS =
      "id, subscription_id, company_id, completion_id, payload, state, claim_id, attempts, created_at,"
          + " next_attempt_at, last_attempt_at, last_error, finished_at";
  private static final String ATTEMPT_COLUMNS =
      "delivery_id, number, started_at, latency_micros, status, error, response";

  /**
   * The lower bound of every claim's range: finished rows have no due time (NULL), which H2 sorts
   * first in the index, and a range without a lower bound would walk over all of them.
   */
  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

  private final Database db;
  private final String insert;
  private final String selectDue;
  private final String markInFlight;
  private final String selectByIdsPrefix;
  private final String insertAttempt;
  private final String finishWithAttempt;
  private final String finishWithoutAttempt;
  private final String release;
  private final String findById;
  private final String list;
  private final String listWaiting;
  private final String listInFlight;
  private final String attempts;
  private final String redeliver;
  private final String redeliverFailed;
  private final String redeliverPrefix;
  private final String backlog;
  private final String cancelPending;

  /** How often a claim the database rolled back to break a deadlock is tried in all. */
  private static final int CLAIM_TRIES = 3;

  JdbcDeliveryOutbox(Database db) {
    this.db = db;
    this.insert =
        db.sql(
            "INSERT INTO ${prefix}deliveries (id, subscription_id, company_id, completion_id, payload,"
                + " state, attempts, created_at, next_attempt_at, due_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    this.selectDue =
        db.sql(
            "SELECT "
                + COLUMNS
                + " FROM ${prefix}deliveries WHERE due_at >= ? AND due_at <= ?"
                + " ORDER BY due_at, id LIMIT ?"
                + lockClause(db.dialect()));
    // By primary key, one row per statement of a batch: an IN list may be planned as a scan of the
    // due_at range, which would wait on rows another claimer holds (H2 then reports deadlocks). The
    // state column stays PENDING: a claim_id is what makes a row in flight, so that claiming does
    // not
    // touch the (company_id, state, created_at) index.
    this.markInFlight =
        db.sql(
            "UPDATE ${prefix}deliveries SET claim_id = ?, lease_until = ?, due_at = ?"
                + " WHERE id = ? AND due_at <= ?");
    this.selectByIdsPrefix =
        db.sql("SELECT " + COLUMNS + " FROM ${prefix}deliveries WHERE id IN (");
    this.insertAttempt =
        db.sql(
            "INSERT INTO ${prefix}delivery_attempts ("
                + ATTEMPT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?)");
    String finish =
        "UPDATE ${prefix}deliveries SET state = ?, attempts = attempts + ?, next_attempt_at = ?,"
            + " due_at = ?, last_error = ?, finished_at = ?, claim_id = NULL, lease_until = NULL";
    String held = " WHERE id = ? AND claim_id = ?";
    this.finishWithAttempt = db.sql(finish + ", last_attempt_at = ?" + held);
    this.finishWithoutAttempt = db.sql(finish + held);
    this.release =
        db.sql(
            "UPDATE ${prefix}deliveries SET due_at = next_attempt_at, claim_id = NULL, lease_until = NULL"
                + held);
    this.findById = db.sql("SELECT " + COLUMNS + " FROM ${prefix}deliveries WHERE id = ?");
    String listed =
        "SELECT "
            + COLUMNS
            + " FROM ${prefix}deliveries WHERE company_id = ? AND state = ?%s"
            + " ORDER BY created_at DESC, id DESC LIMIT ?";
    this.listWaiting = db.sql(String.format(listed, " AND claim_id IS NULL"));
    this.listInFlight = db.sql(String.format(listed, " AND claim_id IS NOT NULL"));
    this.list = db.sql(String.format(listed, ""));
    this.attempts =
        db.sql(
            "SELECT "
                + ATTEMPT_COLUMNS
                + " FROM ${prefix}delivery_attempts WHERE delivery_id = ?"
                + " ORDER BY id");
    String again =
        "UPDATE ${prefix}deliveries SET state = 'PENDING', attempts = 0, next_attempt_at = ?,"
            + " due_at = ?, finished_at = NULL";
    this.redeliver = db.sql(again + " WHERE id = ? AND state IN ('DELIVERED', 'FAILED')");
    this.redeliverPrefix = db.sql(again);
    this.redeliverFailed =
        db.sql(
            again
                + " WHERE company_id = ? AND state = 'FAILED' AND created_at >= ? AND created_at < ?");
    // Waiting rows only: one in flight (with a claim) is its worker's, which then finds the
    // subscription gone and gives it up itself.
    this.cancelPending =
        db.sql(
            "UPDATE ${prefix}deliveries SET state = 'FAILED', due_at = NULL, next_attempt_at = ?,"
                + " last_error = ?, finished_at = ?"
                + " WHERE subscription_id = ? AND state = 'PENDING' AND claim_id IS NULL");
    // Unfinished rows, pending or in flight, are exactly those with a due time: a range of the
    // due_at index, however many finished rows the table keeps.
    this.backlog =
        db.sql(
            "SELECT COUNT(*) AS waiting, MIN(created_at) AS oldest FROM ${prefix}deliveries"
                + " WHERE due_at >= ?");
  }

  /** How the due rows are locked: skipping rows another claimer holds, where the database can. */
  private static String lockClause(Dialect dialect) {
    return switch (dialect) {
      // H2 has no SKIP LOCKED, and with FOR UPDATE it reads and sorts every due row instead of
      // reading the index in order: it selects without a lock and lets the update decide (see
      // above).
      case H2 -> "";
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
    // Claimers racing for the same due rows can deadlock on MariaDB's index locks even with SKIP
    // LOCKED; the loser's claim was rolled back whole, so it simply claims again.
    return db.inTransactionRetryingDeadlocks(
        "claiming reports to deliver",
        CLAIM_TRIES,
        connection -> {
          List<Delivery> due =
              db.query(
                  connection,
                  selectDue,
                  p -> p.instant(EARLIEST).instant(now).integer(limit),
                  JdbcDeliveryOutbox::delivery);
          if (due.isEmpty()) {
            return List.of();
          }
          List<Database.Binder> marks = new ArrayList<>();
          for (Delivery d : due) {
            marks.add(
                p ->
                    p.string(claim.value())
                        .instant(leaseUntil)
                        .instant(leaseUntil)
                        .string(d.id().value())
                        .instant(now));
          }
          int[] marked = db.batch(connection, markInFlight, marks);
          List<Delivery> claimed = new ArrayList<>();
          for (int i = 0; i < due.size(); i++) {
            if (marked[i] == java.sql.Statement.SUCCESS_NO_INFO) {
              // The driver cannot say which rows it changed: ask the table.
              return reread(connection, claim, due);
            }
            if (marked[i] == 1) {
              claimed.add(inFlight(due.get(i)));
            }
          }
          return claimed;
        });
  }

  /**
   * The rows now held under {@code claim}, in the order they were selected, read again by primary
   * key (each row's claim_id says whose it is).
   */
  private List<Delivery> reread(java.sql.Connection connection, ClaimId claim, List<Delivery> due)
      throws SQLException {
    String byIds =
        selectByIdsPrefix + String.join(", ", java.util.Collections.nCopies(due.size(), "?")) + ")";
    Map<String, Delivery> mine = new HashMap<>();
    db.query(
        connection,
        byIds,
        p -> {
          for (Delivery d : due) {
            p.string(d.id().value());
          }
        },
        row -> {
          if (claim.value().equals(row.optionalString("claim_id").orElse(null))) {
            Delivery d = delivery(row);
            mine.put(d.id().value(), d);
          }
          return null;
        });
    List<Delivery> claimed = new ArrayList<>();
    for (Delivery d : due) {
      Delivery held = mine.get(d.id().value());
      if (held != null) {
        claimed.add(held);
      }
    }
    return claimed;
  }

  private static Delivery inFlight(Delivery d) {
    return new Delivery(
        d.id(),
        d.subscription(),
        d.company(),
        d.completion(),
        d.payload(),
        DeliveryState.IN_FLIGHT,
        d.attempts(),
        d.createdAt(),
        d.nextAttemptAt(),
        d.lastAttemptAt(),
        d.lastError(),
        d.finishedAt());
  }

  @Override
  public boolean finish(ClaimId claim, DeliveryOutcome outcome) {
    return finishAll(List.of(new Finished(claim, outcome))).get(0);
  }

  /**
   * One transaction for the whole group: the attempts inserted as one batch, the state changes as
   * two (with and without an attempt), each row changed only while its claim still holds it.
   */
  @Override
  public List<Boolean> finishAll(List<Finished> finished) {
    if (finished.isEmpty()) {
      return List.of();
    }
    // Rows are changed in the order of their ids, so that two groups never wait on each other.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < finished.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(i -> finished.get(i).outcome().delivery().value()));
    List<Database.Binder> attemptRows = new ArrayList<>();
    List<Database.Binder> withAttempt = new ArrayList<>();
    List<Database.Binder> withoutAttempt = new ArrayList<>();
    List<Integer> withAttemptIndex = new ArrayList<>();
    List<Integer> withoutAttemptIndex = new ArrayList<>();
    for (int i : order) {
      ClaimId claim = finished.get(i).claim();
      DeliveryOutcome outcome = finished.get(i).outcome();
      outcome.attempt().ifPresent(a -> attemptRows.add(p -> bindAttempt(p, a)));
      if (outcome.attempt().isPresent()) {
        withAttempt.add(p -> bindFinish(p, claim, outcome));
        withAttemptIndex.add(i);
      } else {
        withoutAttempt.add(p -> bindFinish(p, claim, outcome));
        withoutAttemptIndex.add(i);
      }
    }
    return db.inTransaction(
        "recording delivery attempts",
        connection -> {
          db.batch(connection, insertAttempt, attemptRows);
          Boolean[] held = new Boolean[finished.size()];
          int[] with = db.batch(connection, finishWithAttempt, withAttempt);
          for (int j = 0; j < with.length; j++) {
            held[withAttemptIndex.get(j)] = changed(with[j]);
          }
          int[] without = db.batch(connection, finishWithoutAttempt, withoutAttempt);
          for (int j = 0; j < without.length; j++) {
            held[withoutAttemptIndex.get(j)] = changed(without[j]);
          }
          return List.of(held);
        });
  }

  /**
   * A batch row count: 1 changed, 0 not held any more; a driver's "no information" counts as held.
   */
  private static boolean changed(int count) {
    return count == 1 || count == java.sql.Statement.SUCCESS_NO_INFO;
  }

  private static void bindAttempt(Params p, DeliveryAttempt a) throws SQLException {
    p.string(a.delivery().value())
        .integer(a.number())
        .instant(a.startedAt())
        .longValue(a.latency().toNanos() / 1_000)
        .optionalInteger(a.status())
        .optionalString(a.error())
        .optionalString(a.response());
  }

  private static void bindFinish(Params p, ClaimId claim, DeliveryOutcome outcome)
      throws SQLException {
    boolean finished = outcome.state().finished();
    p.string(outcome.state().name())
        .integer(outcome.attempt().isPresent() ? 1 : 0)
        .instant(outcome.nextAttemptAt())
        .optionalInstant(finished ? Optional.empty() : Optional.of(outcome.nextAttemptAt()))
        .optionalString(outcome.error())
        .optionalInstant(finished ? Optional.of(outcome.at()) : Optional.empty());
    if (outcome.attempt().isPresent()) {
      p.instant(outcome.attempt().get().startedAt());
    }
    p.string(outcome.delivery().value()).string(claim.value());
  }

  @Override
  public boolean release(ClaimId claim, DeliveryId id) {
    return db.update(
            "giving back a claimed report",
            release,
            p -> p.string(id.value()).string(claim.value()))
        == 1;
  }

  @Override
  public Optional<Delivery> findById(DeliveryId id) {
    return db
        .query(
            "finding a delivery", findById, p -> p.string(id.value()), JdbcDeliveryOutbox::delivery)
        .stream()
        .filter(d -> d.id().equals(id))
        .findFirst();
  }

  @Override
  public List<Delivery> list(CompanyId company, DeliveryState state, int limit) {
    String sql =
        switch (state) {
          case PENDING -> listWaiting;
          case IN_FLIGHT -> listInFlight;
          default -> list;
        };
    String stored = state == DeliveryState.IN_FLIGHT ? DeliveryState.PENDING.name() : state.name();
    return db
        .query(
            "listing deliveries",
            sql,
            p -> p.string(company.value()).string(stored).integer(limit),
            JdbcDeliveryOutbox::delivery)
        .stream()
        .filter(d -> d.company().equals(company))
        .toList();
  }

  @Override
  public List<DeliveryAttempt> attempts(DeliveryId id) {
    return db.query(
        "reading delivery attempts",
        attempts,
        p -> p.string(id.value()),
        JdbcDeliveryOutbox::attempt);
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

  @Override
  public List<Listed> list(Query query) {
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(COLUMNS)
            // The latest attempt's status, by the (delivery_id, id) index of the attempts.
            .append(
                ", (SELECT a.status FROM ${prefix}delivery_attempts a WHERE a.delivery_id = d.id")
            .append(" ORDER BY a.id DESC LIMIT 1) AS last_status FROM ${prefix}deliveries d");
    where(sql, query);
    sql.append(" ORDER BY d.created_at DESC, d.id DESC LIMIT ?");
    return db
        .query(
            "listing deliveries",
            db.sql(sql.toString()),
            p -> bindWhere(p, query).integer(query.limit()),
            row -> new Listed(delivery(row), row.optionalInteger("last_status")))
        .stream()
        .filter(listed -> query.matches(listed.delivery()))
        .toList();
  }

  /** How many ids one redelivering update names: well under every database's parameter limit. */
  private static final int REDELIVER_CHUNK = 500;

  @Override
  public int redeliver(Query query, Instant now) {
    if (query.states().isEmpty() || !query.states().stream().allMatch(DeliveryState::finished)) {
      throw new IllegalArgumentException("only delivered or failed reports can be sent again");
    }
    StringBuilder select = new StringBuilder("SELECT d.id FROM ${prefix}deliveries d");
    where(select, query);
    select.append(" ORDER BY d.created_at, d.id LIMIT ?");
    String chosen = db.sql(select.toString());
    return db.inTransaction(
        "redelivering reports",
        connection -> {
          List<String> ids =
              db.query(
                  connection,
                  chosen,
                  p -> bindWhere(p, query).integer(query.limit()),
                  row -> row.string("id"));
          int count = 0;
          for (int from = 0; from < ids.size(); from += REDELIVER_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + REDELIVER_CHUNK));
            // Still in a selected state: a row sent again meanwhile is not counted twice.
            String update =
                redeliverPrefix
                    + " WHERE id IN ("
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"))
                    + ") AND "
                    + states(query.states(), "");
            count +=
                db.update(
                    connection,
                    update,
                    p -> {
                      p.instant(now).instant(now);
                      for (String id : chunk) {
                        p.string(id);
                      }
                    });
          }
          return count;
        });
  }

  /** The WHERE clause of a query on {@code deliveries d}; {@link #bindWhere} binds it. */
  private static void where(StringBuilder sql, Query query) {
    sql.append(" WHERE d.company_id = ?");
    query.subscription().ifPresent(s -> sql.append(" AND d.subscription_id = ?"));
    if (!query.states().isEmpty()) {
      sql.append(" AND ").append(states(query.states(), "d."));
    }
    query.since().ifPresent(t -> sql.append(" AND d.created_at >= ?"));
    query.until().ifPresent(t -> sql.append(" AND d.created_at < ?"));
  }

  private static Params bindWhere(Params p, Query query) throws SQLException {
    p.string(query.company().value());
    if (query.subscription().isPresent()) {
      p.string(query.subscription().get().value());
    }
    if (query.since().isPresent()) {
      p.instant(query.since().get());
    }
    if (query.until().isPresent()) {
      p.instant(query.until().get());
    }
    return p;
  }

  /**
   * A condition for rows in one of {@code states} (not empty), of constant text: in flight is a
   * PENDING row held under a claim id.
   */
  private static String states(java.util.Set<DeliveryState> states, String alias) {
    List<String> any = new ArrayList<>();
    boolean pending = states.contains(DeliveryState.PENDING);
    boolean inFlight = states.contains(DeliveryState.IN_FLIGHT);
    if (pending && inFlight) {
      any.add(alias + "state = 'PENDING'");
    } else if (pending) {
      any.add("(" + alias + "state = 'PENDING' AND " + alias + "claim_id IS NULL)");
    } else if (inFlight) {
      any.add("(" + alias + "state = 'PENDING' AND " + alias + "claim_id IS NOT NULL)");
    }
    for (DeliveryState state : List.of(DeliveryState.DELIVERED, DeliveryState.FAILED)) {
      if (states.contains(state)) {
        any.add(alias + "state = '" + state.name() + "'");
      }
    }
    return "(" + String.join(" OR ", any) + ")";
  }

  @Override
  public int cancelPending(SubscriptionId subscription, Instant now, String reason) {
    String cut = Preconditions.cut(reason, Delivery.MAX_ERROR_LENGTH);
    return db.update(
        "cancelling the pending reports of a subscription",
        cancelPending,
        p -> p.instant(now).string(cut).instant(now).string(subscription.value()));
  }

  @Override
  public Backlog backlog() {
    return db.queryFirst(
            "counting the reports waiting to be sent",
            backlog,
            p -> p.instant(EARLIEST),
            row -> {
              long waiting = row.longValue("waiting");
              return waiting == 0
                  ? Backlog.empty()
                  : new Backlog(waiting, row.optionalInstant("oldest"));
            })
        .orElseGet(Backlog::empty);
  }

  /** A row as a delivery: a PENDING row held under a claim id is in flight. */
  private static Delivery delivery(Row row) throws SQLException {
    DeliveryState stored = DeliveryState.valueOf(row.string("state"));
    DeliveryState state =
        stored == DeliveryState.PENDING && row.optionalString("claim_id").isPresent()
            ? DeliveryState.IN_FLIGHT
            : stored;
    return new Delivery(
        DeliveryId.of(row.string("id")),
        SubscriptionId.of(row.string("subscription_id")),
        CompanyId.of(row.string("company_id")),
        CompletionId.of(row.string("completion_id")),
        row.string("payload"),
        state,
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

  // --- Retention (DeliveryWorkers.Retention) ---

  @Override
  public int pruneFinished(Instant deliveredBefore, Instant failedBefore, int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1, was " + batch);
    }
    // Ids by the (state, finished_at) index, oldest first: delivered ones, then failed ones.
    String oldest =
        db.sql(
            "SELECT id FROM ${prefix}deliveries WHERE state = ? AND finished_at < ?"
                + " ORDER BY finished_at, id LIMIT ?");
    return db.inTransaction(
        "pruning finished deliveries",
        connection -> {
          List<String> ids =
              new ArrayList<>(
                  db.query(
                      connection,
                      oldest,
                      p -> p.string("DELIVERED").instant(deliveredBefore).integer(batch),
                      row -> row.string("id")));
          if (ids.size() < batch) {
            int room = batch - ids.size();
            ids.addAll(
                db.query(
                    connection,
                    oldest,
                    p -> p.string("FAILED").instant(failedBefore).integer(room),
                    row -> row.string("id")));
          }
          if (ids.isEmpty()) {
            return 0;
          }
          String in = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
          // The state guard keeps a delivery redelivered meanwhile; attempts go only with
          // deliveries that are gone, so such a delivery keeps its history too.
          int deleted =
              db.update(
                  connection,
                  db.sql(
                      "DELETE FROM ${prefix}deliveries WHERE id IN ("
                          + in
                          + ") AND state IN ('DELIVERED', 'FAILED')"),
                  p -> {
                    for (String id : ids) {
                      p.string(id);
                    }
                  });
          db.update(
              connection,
              db.sql(
                  "DELETE FROM ${prefix}delivery_attempts WHERE delivery_id IN ("
                      + in
                      + ") AND NOT EXISTS (SELECT 1 FROM ${prefix}deliveries d"
                      + " WHERE d.id = ${prefix}delivery_attempts.delivery_id)"),
              p -> {
                for (String id : ids) {
                  p.string(id);
                }
              });
          return deleted;
        });
  }
}
