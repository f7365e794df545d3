package io.learnhook.jdbc;

import io.learnhook.directory.Company;
import io.learnhook.directory.Item;
import io.learnhook.directory.User;
import java.util.Objects;

/**
 * Writes companies, users and items into LearnHook's own directory tables, for the demo app, seed
 * files and tests. The ports only read these; an LMS whose users and items live in its own tables
 * points the lookups there instead and never calls this.
 *
 * <p>Each method inserts the value or replaces the stored one with the same id (within its company,
 * for users and items). Safe to call from several threads and nodes at once.
 */
public final class JdbcDirectory {
  private static final int UPSERT_ATTEMPTS = 2;

  private final Database db;
  private final String updateCompany;
  private final String insertCompany;
  private final String updateUser;
  private final String insertUser;
  private final String updateItem;
  private final String insertItem;

  JdbcDirectory(Database db) {
    this.db = db;
    // Every statement binds its values in the same order: the data columns, then the key columns.
    this.updateCompany =
        db.sql(
            "UPDATE ${prefix}companies SET integration_enabled = ?, uses_ext_uid = ? WHERE id = ?");
    this.insertCompany =
        db.sql(
            "INSERT INTO ${prefix}companies (integration_enabled, uses_ext_uid, id) VALUES (?, ?, ?)");
    this.updateUser =
        db.sql(
            "UPDATE ${prefix}users SET email = ?, email_normalized = ?, name = ?, active = ?,"
                + " ext_uid = ?, custom_fields = ? WHERE company_id = ? AND id = ?");
    this.insertUser =
        db.sql(
            "INSERT INTO ${prefix}users (email, email_normalized, name, active, ext_uid,"
                + " custom_fields, company_id, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    this.updateItem =
        db.sql(
            "UPDATE ${prefix}items SET title = ?, type = ?, slug = ?, source_id = ?, source_type ="
                + " ?, completion_controlled_externally = ? WHERE company_id = ? AND id = ?");
    this.insertItem =
        db.sql(
            "INSERT INTO ${prefix}items (title, type, slug, source_id, source_type,"
                + " completion_controlled_externally, company_id, id) VALUES (?, ?, ?, ?, ?, ?, ?,"
                + " ?)");
  }

  /** Adds or replaces a company. */
  public JdbcDirectory putCompany(Company company) {
    Objects.requireNonNull(company, "company");
    upsert(
        "saving a company",
        updateCompany,
        insertCompany,
        p ->
            p.bool(company.integrationEnabled())
                .bool(company.usesExternalUserIds())
                .string(company.id().value()));
    return this;
  }

  /** Adds or replaces a user. */
  public JdbcDirectory putUser(User user) {
    Objects.requireNonNull(user, "user");
    upsert(
        "saving a user",
        updateUser,
        insertUser,
        p ->
            p.string(user.email())
                .string(JdbcUserDirectory.normalize(user.email()))
                .string(user.name())
                .bool(user.active())
                .optionalString(user.externalUid())
                .string(CustomFields.toJson(user.customFields()))
                .string(user.company().value())
                .string(user.id().value()));
    return this;
  }

  /** Adds or replaces an item. */
  public JdbcDirectory putItem(Item item) {
    Objects.requireNonNull(item, "item");
    upsert(
        "saving an item",
        updateItem,
        insertItem,
        p ->
            p.string(item.title())
                .string(item.type().name())
                .optionalString(item.slug())
                .optionalString(item.sourceId())
                .optionalString(item.sourceType())
                .bool(item.completionControlledExternally())
                .string(item.company().value())
                .string(item.id().value()));
    return this;
  }

  /**
   * Update, else insert: portable where MERGE and ON CONFLICT are not. When a concurrent caller
   * inserts the same key first, the insert fails on the primary key and the retry updates that row.
   */
  private void upsert(String operation, String update, String insert, Database.Binder values) {
    for (int attempt = 1; ; attempt++) {
      try {
        db.inTransaction(
            operation,
            connection -> {
              if (db.update(connection, update, values) == 0) {
                db.update(connection, insert, values);
              }
              return null;
            });
        return;
      } catch (Database.DuplicateKeyException e) {
        if (attempt == UPSERT_ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
