package io.learnhook.jdbc;

import io.learnhook.completion.internal.SubscriptionHints;
import io.learnhook.directory.Company;
import io.learnhook.directory.CompanyId;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.mapping.MappingException;
import io.learnhook.spi.CompanyRepository;
import io.learnhook.spi.ReportSubscriptionRepository;
import io.learnhook.spi.StorageException;
import io.learnhook.spi.WebhookRepository;
import io.learnhook.spi.WebhookRepository.WebhookWithCompany;
import io.learnhook.webhook.KeyHash;
import io.learnhook.webhook.Webhook;
import io.learnhook.webhook.Webhook.RateLimit;
import io.learnhook.webhook.Webhook.RateLimitSetting;
import io.learnhook.webhook.WebhookId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Webhooks in the {@code webhooks} table. The mapping is stored as its JSON config; the key only as
 * its hash, under a unique index that makes lookup by key one index probe.
 *
 * <p>Every lookup reads the row again (a key revoked or rotated on another node counts at once).
 * With LearnHook's own companies table, the webhook found by key comes with its company in the same
 * query ({@link #findByKeyHashWithCompany}), and whether the company has an enabled report
 * subscription ({@link WebhookWithCompany#noEnabledReportSubscriptions}): an {@code EXISTS} in the
 * same query, which the engine trusts (through the internal {@link SubscriptionHints}) only for the
 * store's own subscriptions, so that a new completion's transaction can skip its subscription
 * lookup.
 */
final class JdbcWebhookRepository implements WebhookRepository, SubscriptionHints {
  private static final String COLUMNS =
      "id, company_id, name, key_hash, mapping, source_type, created_at, key_rotated_at,"
          + " previous_key_hash, previous_key_valid_until, rate_limit_per_second, rate_limit_burst,"
          + " rate_limit_off";

  /**
   * One retry suffices: after a concurrent insert the row exists and the update path takes over.
   */
  private static final int SAVE_ATTEMPTS = 2;

  private final Database db;
  private final Optional<JdbcCompanyRepository> ownCompanies;
  private final ReportSubscriptionRepository ownSubscriptions;
  private final String findByKeyHash;
  private final String findByKeyHashWithCompany;
  private final String findByPreviousKeyHashWithCompany;
  private final String findByPreviousKeyHash;
  private final String idsWithName;
  private final String findById;
  private final String listByCompany;
  private final String idsWithKeyHash;
  private final String update;
  private final String insert;
  private final String delete;

  /**
   * @param ownCompanies the store's companies when they are LearnHook's own table (the one the key
   *     lookup can join); empty when companies come from elsewhere
   */
  JdbcWebhookRepository(
      Database db,
      Optional<JdbcCompanyRepository> ownCompanies,
      ReportSubscriptionRepository ownSubscriptions) {
    this.db = db;
    this.ownCompanies = ownCompanies;
    this.ownSubscriptions = ownSubscriptions;
    String select = "SELECT " + COLUMNS + " FROM ${prefix}webhooks";
    this.findByKeyHash = db.sql(select + " WHERE key_hash = ?");
    String joined =
        "SELECT "
            + COLUMNS.replaceAll("(\\w+)", "w.$1")
            + ", c.id AS joined_company_id, c.integration_enabled, c.uses_ext_uid,"
            // Read with the webhook, so that a company without reports (most) skips the
            // subscription lookup in the completion's transaction: one round trip fewer. A
            // collation that takes another company's id for this one can only say 1, which is safe.
            + " CASE WHEN EXISTS (SELECT 1 FROM ${prefix}report_subscriptions s"
            + " WHERE s.company_id = w.company_id AND s.enabled = TRUE) THEN 1 ELSE 0 END"
            + " AS has_enabled_subscription"
            + " FROM ${prefix}webhooks w LEFT JOIN ${prefix}companies c ON c.id = w.company_id";
    this.findByKeyHashWithCompany = db.sql(joined + " WHERE w.key_hash = ?");
    this.findByPreviousKeyHashWithCompany = db.sql(joined + " WHERE w.previous_key_hash = ?");
    this.findByPreviousKeyHash = db.sql(select + " WHERE previous_key_hash = ?");
    this.idsWithName =
        db.sql("SELECT id, name FROM ${prefix}webhooks WHERE company_id = ? AND name = ?");
    this.findById = db.sql(select + " WHERE id = ?");
    this.listByCompany = db.sql(select + " WHERE company_id = ? ORDER BY name, id");
    // Every webhook holding either key of the one saved, as its current or its previous key.
    this.idsWithKeyHash =
        db.sql(
            "SELECT id FROM ${prefix}webhooks WHERE key_hash IN (?, ?) OR previous_key_hash IN (?, ?)");
    this.update =
        db.sql(
            "UPDATE ${prefix}webhooks SET company_id = ?, name = ?, key_hash = ?, mapping = ?,"
                + " source_type = ?, created_at = ?, key_rotated_at = ?, previous_key_hash = ?,"
                + " previous_key_valid_until = ?, rate_limit_per_second = ?, rate_limit_burst = ?,"
                + " rate_limit_off = ? WHERE id = ?");
    this.insert =
        db.sql(
            "INSERT INTO ${prefix}webhooks (company_id, name, key_hash, mapping, source_type,"
                + " created_at, key_rotated_at, previous_key_hash, previous_key_valid_until,"
                + " rate_limit_per_second, rate_limit_burst, rate_limit_off, id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    this.delete = db.sql("DELETE FROM ${prefix}webhooks WHERE id = ?");
  }

  @Override
  public Optional<Webhook> findByKeyHash(KeyHash hash) {
    return byCurrentThenPreviousKey(
        hash,
        "finding a webhook",
        findByKeyHash,
        findByPreviousKeyHash,
        JdbcWebhookRepository::webhook);
  }

  /**
   * The row holding {@code hash} as its current key, else as its previous one. Current keys first:
   * almost every call presents one, and then one index probe answers.
   */
  private <T> Optional<T> byCurrentThenPreviousKey(
      KeyHash hash,
      String what,
      String byCurrent,
      String byPrevious,
      Database.RowMapper<T> mapper) {
    Optional<T> current =
        db.queryFirst(what + " by key hash", byCurrent, p -> p.string(hash.hex()), mapper);
    if (current.isPresent()) {
      return current;
    }
    return db.queryFirst(
        what + " by previous key hash", byPrevious, p -> p.string(hash.hex()), mapper);
  }

  @Override
  public Optional<WebhookWithCompany> findByKeyHashWithCompany(
      KeyHash hash, CompanyRepository companies) {
    if (ownCompanies.isEmpty() || companies != ownCompanies.get()) {
      return WebhookRepository.super.findByKeyHashWithCompany(hash, companies);
    }
    return byCurrentThenPreviousKey(
        hash,
        "finding a webhook and its company",
        findByKeyHashWithCompany,
        findByPreviousKeyHashWithCompany,
        this::withCompany);
  }

  private WebhookWithCompany withCompany(Row row) throws SQLException {
    Webhook webhook = webhook(row);
    Optional<String> companyId = row.optionalString("joined_company_id");
    // Exactly the webhook's company, not one a collation takes for it (MySQL ignores trailing
    // spaces).
    Optional<Company> company =
        companyId.isPresent() && companyId.get().equals(webhook.company().value())
            ? Optional.of(JdbcCompanyRepository.company(row, "joined_company_id"))
            : Optional.empty();
    return new WebhookWithCompany(webhook, company, row.integer("has_enabled_subscription") == 0);
  }

  /** Only the store's own subscriptions table is the one the key lookup's {@code EXISTS} reads. */
  @Override
  public boolean readsSubscriptionsOf(ReportSubscriptionRepository subscriptions) {
    return subscriptions == ownSubscriptions;
  }

  @Override
  public Optional<Webhook> findById(WebhookId id) {
    return db
        .query(
            "finding a webhook by id",
            findById,
            p -> p.string(id.value()),
            JdbcWebhookRepository::webhook)
        .stream()
        .filter(webhook -> webhook.id().equals(id))
        .findFirst();
  }

  @Override
  public List<Webhook> listByCompany(CompanyId company) {
    return db
        .query(
            "listing a company's webhooks",
            listByCompany,
            p -> p.string(company.value()),
            JdbcWebhookRepository::webhook)
        .stream()
        .filter(webhook -> webhook.company().equals(company))
        .toList();
  }

  @Override
  public void save(Webhook webhook) {
    for (int attempt = 1; ; attempt++) {
      try {
        db.inTransaction("saving a webhook", connection -> saveIn(connection, webhook));
        return;
      } catch (Database.DuplicateKeyException e) {
        // Another node inserted the same id or key hash between our check and our insert. Looking
        // again sees its row: the same id is then updated, a taken key hash refused.
        if (attempt == SAVE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private Void saveIn(Connection connection, Webhook webhook) throws SQLException {
    String current = webhook.keyHash().hex();
    String previous = webhook.previousKey().map(p -> p.hash().hex()).orElse(current);
    List<String> holders =
        db.query(
            connection,
            idsWithKeyHash,
            p -> p.string(current).string(previous).string(current).string(previous),
            r -> r.string("id"));
    if (holders.stream().anyMatch(id -> !id.equals(webhook.id().value()))) {
      throw new IllegalArgumentException(
          "Webhook " + webhook.id() + " cannot be saved: another webhook already has this key");
    }
    List<String> sameName =
        db.query(
            connection,
            idsWithName,
            p -> p.string(webhook.company().value()).string(webhook.name()),
            r -> r.string("name").equals(webhook.name()) ? r.string("id") : null);
    if (sameName.stream().anyMatch(id -> id != null && !id.equals(webhook.id().value()))) {
      throw new IllegalArgumentException(
          "Webhook "
              + webhook.id()
              + " cannot be saved: another webhook of company "
              + webhook.company()
              + " has the same name");
    }
    Optional<RateLimit> ownLimit = webhook.rateLimit().flatMap(RateLimitSetting::limit);
    Database.Binder values =
        p ->
            p.string(webhook.company().value())
                .string(webhook.name())
                .string(webhook.keyHash().hex())
                .string(webhook.mapping().configJson())
                .optionalString(webhook.sourceType())
                .instant(webhook.createdAt())
                .instant(webhook.keyRotatedAt())
                .optionalString(webhook.previousKey().map(old -> old.hash().hex()))
                .optionalInstant(webhook.previousKey().map(Webhook.PreviousKey::validUntil))
                .optionalDouble(ownLimit.map(RateLimit::perSecond))
                .optionalInteger(ownLimit.map(RateLimit::burst))
                .bool(webhook.rateLimit().filter(RateLimitSetting::isOff).isPresent())
                .string(webhook.id().value());
    if (db.update(connection, update, values) == 0) {
      db.update(connection, insert, values);
    }
    return null;
  }

  @Override
  public boolean delete(WebhookId id) {
    return db.update("deleting a webhook", delete, p -> p.string(id.value())) > 0;
  }

  private static Webhook webhook(Row row) throws SQLException {
    String id = row.string("id");
    return new Webhook(
        WebhookId.of(id),
        CompanyId.of(row.string("company_id")),
        row.string("name"),
        new KeyHash(row.string("key_hash")),
        mapping(id, row.string("mapping")),
        row.optionalString("source_type"),
        row.instant("created_at"),
        row.instant("key_rotated_at"),
        previousKey(row),
        rateLimit(id, row));
  }

  private static Optional<RateLimitSetting> rateLimit(String webhookId, Row row)
      throws SQLException {
    if (row.bool("rate_limit_off")) {
      return Optional.of(RateLimitSetting.off());
    }
    Optional<Double> perSecond = row.optionalDouble("rate_limit_per_second");
    Optional<Integer> burst = row.optionalInteger("rate_limit_burst");
    if (perSecond.isEmpty() && burst.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          RateLimitSetting.of(RateLimit.perSecond(perSecond.orElse(0.0), burst.orElse(0))));
    } catch (IllegalArgumentException e) {
      // Written by hand (LearnHook writes both or neither): a person has to fix it, as a mapping.
      throw new StorageException(
          "The stored rate limit of webhook " + webhookId + " is not valid: " + e.getMessage(), e);
    }
  }

  private static Optional<Webhook.PreviousKey> previousKey(Row row) throws SQLException {
    Optional<String> hash = row.optionalString("previous_key_hash");
    Optional<Instant> until = row.optionalInstant("previous_key_valid_until");
    if (hash.isEmpty() || until.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Webhook.PreviousKey(new KeyHash(hash.get()), until.get()));
  }

  private static FieldMapping mapping(String webhookId, String configJson) {
    try {
      // FieldMapping.parse keeps what it compiled, by text: no compilation per call.
      return FieldMapping.parse(configJson);
    } catch (MappingException e) {
      // Saved mappings were valid when saved; one that no longer compiles needs a person to fix it.
      throw new StorageException(
          "The stored mapping of webhook " + webhookId + " is no longer valid: " + e.getMessage(),
          e);
    }
  }
}
