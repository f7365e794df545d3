package io.learnhook.jdbc;

import io.learnhook.completion.Completion;
import io.learnhook.completion.CompletionId;
import io.learnhook.completion.RecordResult;
import io.learnhook.directory.CompanyId;
import io.learnhook.directory.ItemId;
import io.learnhook.directory.UserId;
import io.learnhook.spi.CompletionRepository;
import io.learnhook.spi.StorageException;
import io.learnhook.webhook.WebhookId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completions in the {@code completions} table, each stored once.
 *
 * <p>Exactly-once comes from the database, not from a check in Java: the table has a unique key on
 * {@code event_key} (webhook and event id) and one on {@code facts_key} (company, user, item and
 * completion time), the two ways {@link Completion#sameAs} recognises a completion ({@link
 * CompletionKeys}). {@link #recordIfAbsent} simply inserts, in one statement: on PostgreSQL with
 * {@code ON CONFLICT DO NOTHING} (0 rows), elsewhere failing on the key. Either way the database
 * made the loser wait until the winner committed, so reading the winner back gives every caller, on
 * every node, the same first completion.
 */
final class JdbcCompletionRepository implements CompletionRepository {
  private static final Logger log = LoggerFactory.getLogger(JdbcCompletionRepository.class);

  /** Decimal places of {@code completions.score} (DECIMAL(7,4): 0.0000 to 100.0000). */
  static final int SCORE_SCALE = 4;

  /**
   * The winning row can vanish between our failed insert and our read only if its transaction was
   * rolled back or it was deleted; then the next insert normally succeeds. Bounded all the same.
   */
  private static final int RECORD_ATTEMPTS = 3;

  private static final String COLUMNS =
      "id, company_id, user_id, item_id, webhook_id, event_id, completed_at, recorded_at, result,"
          + " score, total_time_seconds";
  private static final String KEY_COLUMNS = ", event_key, facts_key";

  private final Database db;
  private final String insert;
  private final String findByEvent;
  private final String findByFacts;
  private final String findById;

  JdbcCompletionRepository(Database db) {
    this.db = db;
    this.insert =
        db.dialect()
            .insertIgnoringDuplicates(
                db.sql(
                    "INSERT INTO ${prefix}completions ("
                        + COLUMNS
                        + KEY_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    String select = "SELECT " + COLUMNS + " FROM ${prefix}completions";
    this.findByEvent = db.sql(select + " WHERE event_key = ?");
    this.findByFacts = db.sql(select + " WHERE facts_key = ?");
    this.findById = db.sql(select + " WHERE id = ?");
  }

  @Override
  public RecordResult recordIfAbsent(Completion candidate) {
    Completion stored = asStored(candidate);
    for (int attempt = 1; attempt <= RECORD_ATTEMPTS; attempt++) {
      int inserted;
      try {
        inserted = db.update("recording a completion", insert, p -> bind(p, stored));
      } catch (Database.DuplicateKeyException e) {
        inserted = 0;
      }
      if (inserted == 1) {
        return RecordResult.created(stored);
      }
      Optional<Completion> first = findSameAs(candidate);
      if (first.isPresent()) {
        return RecordResult.duplicateOf(first.get());
      }
      if (findById(candidate.id()).isPresent()) {
        throw new IllegalArgumentException(
            "Completion id " + candidate.id() + " is already used by a different completion");
      }
      log.debug("Completion insert conflicted with a row that is gone; attempt {}", attempt);
    }
    throw new StorageException(
        "Storage failed while recording a completion: it conflicted with a stored completion "
            + RECORD_ATTEMPTS
            + " times that could then not be found");
  }

  /**
   * The same completion by event id first, since it is the sender's own statement of sameness; then
   * by company, user, item and completion time.
   */
  @Override
  public Optional<Completion> findSameAs(Completion candidate) {
    Optional<String> eventKey = CompletionKeys.eventKey(candidate);
    if (eventKey.isPresent()) {
      Optional<Completion> sameEvent =
          db
              .query(
                  "finding a completion by event id",
                  findByEvent,
                  p -> p.string(eventKey.get()),
                  JdbcCompletionRepository::completion)
              .stream()
              .filter(candidate::sameAs)
              .findFirst();
      if (sameEvent.isPresent()) {
        return sameEvent;
      }
    }
    String factsKey = CompletionKeys.factsKey(candidate);
    // The digest finds the row; comparing the values themselves rules out a (vanishingly unlikely)
    // SHA-256 collision.
    return db
        .query(
            "finding a completion by user, item and time",
            findByFacts,
            p -> p.string(factsKey),
            JdbcCompletionRepository::completion)
        .stream()
        .filter(candidate::sameAs)
        .findFirst();
  }

  @Override
  public Optional<Completion> findById(CompletionId id) {
    return db
        .query(
            "finding a completion by id",
            findById,
            p -> p.string(id.value()),
            JdbcCompletionRepository::completion)
        .stream()
        .filter(completion -> completion.id().equals(id))
        .findFirst();
  }

  private static void bind(Params p, Completion c) throws SQLException {
    p.string(c.id().value())
        .string(c.company().value())
        .string(c.user().value())
        .string(c.item().value())
        .optionalString(c.webhook().map(WebhookId::value))
        .optionalString(c.eventId())
        .instant(c.completedAt())
        .instant(c.recordedAt())
        .optionalString(c.result())
        .optionalDecimal(c.score().map(score -> score.setScale(SCORE_SCALE, RoundingMode.HALF_UP)))
        .optionalLong(c.totalTimeSeconds())
        .optionalString(CompletionKeys.eventKey(c))
        .string(CompletionKeys.factsKey(c));
  }

  private static Completion completion(Row row) throws SQLException {
    return new Completion(
        CompletionId.of(row.string("id")),
        CompanyId.of(row.string("company_id")),
        UserId.of(row.string("user_id")),
        ItemId.of(row.string("item_id")),
        row.optionalString("webhook_id").map(WebhookId::of),
        row.optionalString("event_id"),
        row.instant("completed_at"),
        row.instant("recorded_at"),
        row.optionalString("result"),
        row.optionalDecimal("score").map(JdbcCompletionRepository::plainScore),
        row.optionalLong("total_time_seconds"));
  }

  /**
   * {@code candidate} as it will read back: the score at the column's four decimal places, written
   * without trailing zeros, so that the created result equals what {@link #findById} later returns.
   */
  private static Completion asStored(Completion candidate) {
    return new Completion(
        candidate.id(),
        candidate.company(),
        candidate.user(),
        candidate.item(),
        candidate.webhook(),
        candidate.eventId(),
        candidate.completedAt(),
        candidate.recordedAt(),
        candidate.result(),
        candidate
            .score()
            .map(score -> plainScore(score.setScale(SCORE_SCALE, RoundingMode.HALF_UP))),
        candidate.totalTimeSeconds());
  }

  /** {@code 87.5000} as {@code 87.5} and {@code 100.0000} as {@code 100} (not {@code 1E+2}). */
  static BigDecimal plainScore(BigDecimal score) {
    BigDecimal stripped = score.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
